using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Handover.Pages;

/// <summary>
/// The shift handover (/handover) on the desk's screen or a phone: the outgoing shift sees what Encore will hand over
/// (open complaints, items kept, out-of-service rooms, unfinished actions, the closing round), adds notes and open
/// matters and writes it; the incoming shift acknowledges it. Live: a handover written or acknowledged elsewhere shows.
/// </summary>
[Requires(Capability.HandOverShifts)]
public sealed class HandoverModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;

    public async Task OnGetAsync() => Live = await LivePage.LoadAsync(db, caller, "handover.", "field.", "complaint.category.", "complaint.status.");
}
