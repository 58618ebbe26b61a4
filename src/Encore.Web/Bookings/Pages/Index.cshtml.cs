using Encore.Web.Customers;
using Encore.Web.Staff;
using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Bookings.Pages;

/// <summary>
/// The booking page, phone first (SPEC.md "Bookings"): a manager books for one of their customers (or a new
/// guest) and follows tonight's bookings live; the host desk books on a manager's behalf. Booking, cancelling
/// and the list go through POST/GET /api/bookings from bookings.js, so the page and the API cannot disagree.
/// </summary>
[Requires(Capability.Book)]
public sealed class BookingsIndexModel(EncoreDb db, Caller caller) : PageModel
{
    public sealed record BookerOption(string Badge, string Name, string Department);

    public LivePage Live { get; private set; } = null!;
    /// <summary>The caller keeps customers and books for themself; otherwise (the host desk) they pick the booker.</summary>
    public bool BooksForSelf => caller.Can(Capability.KeepCustomers);
    public string Department { get; private set; } = "";
    public IReadOnlyList<OwnCustomer> Customers { get; private set; } = [];
    public IReadOnlyList<BookerOption> Bookers { get; private set; } = [];
    public sealed record AccountOption(Guid Id, string Company, bool OwnContact);
    /// <summary>Corporate accounts with a contract in force tonight (issue 20); <c>OwnContact</c>: the caller may book with its contact as the guest.</summary>
    public IReadOnlyList<AccountOption> Accounts { get; private set; } = [];
    public sealed record PartnerOption(Guid Id, string Name, PartnerKind Kind);
    /// <summary>The active partners (hotels, travel agencies, drivers) a booking may name as having brought its guest.</summary>
    public IReadOnlyList<PartnerOption> Partners { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Live = await LivePage.LoadAsync(db, caller, "quota.");
        var me = User.StaffId();
        var venue = User.VenueId();
        var today = Live.BusinessDay;
        var all = User.Can(Capability.ManageAllAccounts);
        Accounts = await db.Accounts.AsNoTracking()
            .Where(a => a.VenueId == venue && db.Contracts.Any(c => c.AccountId == a.Id && c.Status == ContractStatus.Active && c.From <= today && c.To >= today))
            .OrderBy(a => a.Company).Select(a => new AccountOption(a.Id, a.Company, all || a.OwnerId == me)).ToListAsync();
        Partners = (await db.Partners.AsNoTracking().Where(p => p.VenueId == venue && p.Active).Select(p => new PartnerOption(p.Id, p.Name, p.Kind)).ToListAsync())
            .OrderBy(p => p.Name, Encore.Web.Customers.CustomerRules.NameOrder).ToList();
        if (BooksForSelf)
        {
            Department = await db.Users.Where(u => u.Id == me).Select(u => u.Department).SingleAsync();
            // Only the caller's own customer files: the phone numbers are theirs to see in full. The same list as
            // GET /api/customers/mine, which bookings.js fetches again on "customersChanged".
            Customers = await CustomersApi.MineAsync(db, venue, me);
        }
        else
        {
            Bookers = await (from s in db.Holding(venue, Capability.KeepCustomers)
                             where s.IsActive
                             orderby s.UserName
                             select new BookerOption(s.UserName!, s.Name, s.Department))
                .ToListAsync();
        }
    }
}
