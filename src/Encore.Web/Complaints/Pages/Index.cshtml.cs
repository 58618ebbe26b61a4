using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Complaints.Pages;

/// <summary>
/// Complaints (SPEC.md "Complaints"), one page for every role: the floor's board on a desk screen (every complaint,
/// overdue first and red, live), the desk taking a complaint, a manager's phone (the complaints about their guests,
/// to acknowledge and act on), the floor resolving and proposing fines, and the month's statistics with a chart.
/// complaints.js does it through /api/complaints and the hub's "complaintChanged".
/// </summary>
public sealed class ComplaintsIndexModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public bool SeesAll => caller.Can(Capability.SeeAllComplaints);
    public bool CanHandle => caller.Can(Capability.HandleComplaints);
    public bool CanResolve => caller.Can(Capability.ResolveComplaints);
    /// <summary>The statistics: whoever sees more than their own (the floor, the GM, the desk, department heads).</summary>
    public bool SeesStats => SeesAll || caller.Can(Capability.SeeDepartment);
    public bool EditsCalendar => caller.Can(Capability.EditCalendar);
    public IReadOnlyList<string> Rooms { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Live = await LivePage.LoadAsync(db, caller, "complaints.", "complaint.", "ping.");
        Rooms = (await db.Rooms.Where(r => r.VenueId == caller.VenueId).Select(r => r.Number).ToListAsync()).Order(StringComparer.Ordinal).ToList();
    }
}
