using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Customers.Pages;

/// <summary>
/// A leaver's customers handed over (交接) to several managers, split evenly as POST /api/customers/handover does
/// it, with a preview before confirming; and the open possible-duplicate flags. The floor and the GM only.
/// </summary>
[Requires(Capability.ManageAllCustomers)]
public sealed class HandoverModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public IReadOnlyList<CustomerPages.StaffOption> Managers { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Live = await LivePage.LoadAsync(db, caller, "customers.");
        Managers = await CustomerPages.ManagersAsync(db, User.VenueId(), activeOnly: false);
    }
}
