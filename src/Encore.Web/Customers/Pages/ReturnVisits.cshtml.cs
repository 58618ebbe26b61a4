using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Customers.Pages;

/// <summary>Return visits (回访) due and overdue, each logged with channel, outcome and satisfaction 1–5 (returnvisits.js, /api/return-visits).</summary>
[Requires(Capability.SeeCustomers)]
public sealed class ReturnVisitsModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;

    public async Task OnGetAsync() => Live = await LivePage.LoadAsync(db, caller, "customers.");
}
