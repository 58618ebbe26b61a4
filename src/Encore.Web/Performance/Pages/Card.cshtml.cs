using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Performance.Pages;

/// <summary>
/// The performance card (业绩卡) of SPEC.md "Performance card and performance", on a manager's phone: the rooms
/// and spend of one business day, signed before the deadline, a line disputed with a reason. The GM, floor
/// manager and department head may look at anyone's card. card.js reads and writes /api/performance-cards.
/// </summary>
public sealed class PerformanceCardModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    /// <summary>Who may look at another person's card (the API decides; this only shows the badge field).</summary>
    public bool IsOverseer => caller.Can(Capability.SeeAllCards) || caller.Can(Capability.SeeDepartment);

    public async Task OnGetAsync() => Live = await LivePage.LoadAsync(db, caller, "card.");
}
