using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Attendance.Pages;

/// <summary>
/// The floor's side of SPEC.md "Attendance and leave", phone first: leave waiting for a decision (floor manager, GM),
/// pings (查岗) to people or a whole department with the answers arriving live (hub "pingAnswered"), and tonight's
/// attendance of every customer manager and promoter (GET /api/attendance), with signing in on someone's behalf.
/// Department heads ping and watch; only floor managers and the GM decide leave. attendance-floor.js does the work.
/// </summary>
[Requires(Capability.SeeAttendance)]
public sealed class AttendanceFloorModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public NightTimes Night { get; private set; } = null!;
    /// <summary>Leave is approved by a floor manager (or the GM), who may also sign someone in on their behalf.</summary>
    public bool IsFloor => caller.Can(Capability.Discipline);
    /// <summary>The GM follows every ping of the night, not only those they sent.</summary>
    public bool SeesAllPings => caller.Can(Capability.SeeAllPings);

    public async Task OnGetAsync()
    {
        Live = await LivePage.LoadAsync(db, caller, "attendance.", "leave.", "ping.", "night.");
        Night = await NightTimes.LoadAsync(caller);
    }
}
