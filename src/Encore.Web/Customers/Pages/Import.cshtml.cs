using Encore.Web.Board.Pages;
using Encore.Web.Data;
using Encore.Web.HouseRules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Customers.Pages;

/// <summary>A manager's existing list in (CSV, all or nothing, bad lines named) and their own files out (GET /api/customers/export).</summary>
[Authorize(Roles = CustomerPages.Keepers)]
public sealed class ImportModel(EncoreDb db, HouseRulesStore store, TimeProvider clock) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public bool Imports => Platform.Roles.Bookers.Any(User.IsInRole);

    public async Task OnGetAsync() => Live = await LivePage.LoadAsync(db, store, clock, User, "customers.");
}
