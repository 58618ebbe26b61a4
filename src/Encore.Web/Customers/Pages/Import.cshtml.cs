using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Customers.Pages;

/// <summary>A manager's existing list in (CSV, all or nothing, bad lines named) and their own files out (GET /api/customers/export).</summary>
[Requires(Capability.SeeCustomers)]
public sealed class ImportModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public bool Imports => caller.Can(Capability.KeepCustomers);
    public bool ExportsVenue => caller.Can(Capability.ManageAllCustomers);

    public async Task OnGetAsync() => Live = await LivePage.LoadAsync(db, caller, "customers.");
}
