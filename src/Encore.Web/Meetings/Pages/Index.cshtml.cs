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

    /// <summary>The house's pre-shift meeting time (attendance.meetingAt), a new meeting's start by default.</summary>
    public string MeetingAt { get; private set; } = "";

    public async Task OnGetAsync()
    {
        Live = await LivePage.LoadAsync(db, caller, "meetings.", "field.");
        MeetingAt = (await caller.NowAsync()).Rules.Attendance.MeetingAt.ToString("HH:mm", CultureInfo.InvariantCulture);
    }
}
