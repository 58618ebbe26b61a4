using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Attendance.Pages;

/// <summary>
/// A member of staff's own night (SPEC.md "Attendance and leave"), phone first: sign in, call in before the sign-in
/// time, sign out (warned before closing), ask for leave and come back from a customer dinner, and answer pings the
/// moment they arrive (hub "pinged"). attendance.js does it all through /api/attendance, /api/leave and /api/pings;
/// the page only hands it tonight's house-rule times.
/// </summary>
public sealed class AttendanceIndexModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public NightTimes Night { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Live = await LivePage.LoadAsync(db, caller, "attendance.", "leave.", "ping.");
        Night = await NightTimes.LoadAsync(caller);
    }
}
