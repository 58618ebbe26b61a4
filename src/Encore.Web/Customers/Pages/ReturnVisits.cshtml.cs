using Encore.Web.Board.Pages;
using Encore.Web.Data;
using Encore.Web.HouseRules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Customers.Pages;

/// <summary>Return visits (回访) due and overdue, each logged with channel, outcome and satisfaction 1–5 (returnvisits.js, /api/return-visits).</summary>
[Authorize(Roles = CustomerPages.Keepers)]
public sealed class ReturnVisitsModel(EncoreDb db, HouseRulesStore store, TimeProvider clock) : PageModel
{
    public LivePage Live { get; private set; } = null!;

    public async Task OnGetAsync() => Live = await LivePage.LoadAsync(db, store, clock, User, "customers.");
}
