using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Meetings.Pages;

/// <summary>
/// /meetings: tonight's and recent meetings, check-in from the phone, agenda, attendance, minutes and actions
/// (meetings.js reads and writes through the API, which decides; the page is printable for the record).
/// </summary>
public sealed class MeetingsModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public bool MayRun => caller.Can(Capability.RunMeetings);

    public async Task OnGetAsync() => Live = await LivePage.LoadAsync(db, caller, "meetings.", "field.");
}
