using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Approvals.Pages;

/// <summary>
/// Approvals of SPEC.md "Room sessions, spend, discounts and comps", phone first: a manager (or the desk) asks for a
/// discount or comps beyond authority for an open room and sees the answer arrive live; floor managers and the
/// GM see requests arrive live and grant or deny them, and decide disputed performance-card lines.
/// approvals.js does it all through /api/approvals, /api/disputes, /api/rooms and /api/catalogue.
/// </summary>
public sealed class ApprovalsIndexModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    /// <summary>Floor managers and the GM decide requests and disputes.</summary>
    public bool CanDecide => caller.Can(Capability.DecideApprovals);
    /// <summary>Everyone else who may ask: the credited manager for their own rooms, the desk and cashier for any.</summary>
    public bool CanRequest => !CanDecide && caller.Can(Capability.RequestApprovals);
    /// <summary>The desk and the cashier ask for any open room; a manager only for the rooms credited to them.</summary>
    public bool AnyRoom => caller.Can(Capability.RequestForAnyRoom);

    public async Task OnGetAsync() => Live = await LivePage.LoadAsync(db, caller, "approvals.", "disputes.");
}
