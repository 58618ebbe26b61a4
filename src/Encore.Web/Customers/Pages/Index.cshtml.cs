using Encore.Web.Board.Pages;
using Encore.Web.Data;
using Encore.Web.HouseRules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Customers.Pages;

/// <summary>
/// A manager's customer files (SPEC.md "Customer files"), phone first: search one's own as one types (name, pinyin,
/// initials, phone tail, company), file a new customer, and today's birthdays and VIP arrivals. customers.js does it
/// through /api/customers and /api/customers/today; the floor and the GM search the venue's.
/// </summary>
[Authorize(Roles = CustomerPages.Keepers)]
public sealed class CustomersIndexModel(EncoreDb db, HouseRulesStore store, TimeProvider clock) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public bool IsFloor => CustomerPages.IsFloor(User);
    public bool Files => Platform.Roles.Bookers.Any(User.IsInRole);

    public async Task OnGetAsync() => Live = await LivePage.LoadAsync(db, store, clock, User, "customers.");
}
