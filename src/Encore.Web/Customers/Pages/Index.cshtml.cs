using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Customers.Pages;

/// <summary>
/// A manager's customer files (SPEC.md "Customer files"), phone first: search one's own as one types (name, pinyin,
/// initials, phone tail, company), file a new customer, and today's birthdays and VIP arrivals. customers.js does it
/// through /api/customers and /api/customers/today; the floor and the GM search the venue's.
/// </summary>
[Requires(Capability.SeeCustomers)]
public sealed class CustomersIndexModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public bool IsFloor => caller.Can(Capability.ManageAllCustomers);
    public bool Files => caller.Can(Capability.KeepCustomers);

    public async Task OnGetAsync() => Live = await LivePage.LoadAsync(db, caller, "customers.");
}
