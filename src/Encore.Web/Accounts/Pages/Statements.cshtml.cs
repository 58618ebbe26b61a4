using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Accounts.Pages;

/// <summary>
/// The cashier's list of charged bills (/accounts/statements, issue 20): every account that has had an active contract,
/// with what it owes and its credit limit today, each leading to its statement and payments. The cashier and the GM see
/// every account; the floor too; a manager or department head only the accounts they own.
/// </summary>
[Requires(Capability.ReadAccountStatements)]
public sealed class StatementsModel(EncoreDb db, Caller caller) : PageModel
{
    public sealed record Row(Guid Id, string Company, decimal Balance, decimal? CreditLimit, decimal? Remaining);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var at = await caller.NowAsync();
        var me = User.StaffId();
        var all = caller.Can(Capability.RecordAccountPayments) || caller.Can(Capability.ManageAllAccounts);
        var accounts = await db.Accounts.AsNoTracking()
            .Where(a => a.VenueId == at.VenueId && (all || a.OwnerId == me) && db.Contracts.Any(c => c.AccountId == a.Id && c.Status == ContractStatus.Active))
            .OrderBy(a => a.Company).ToListAsync();
        var rows = new List<Row>();
        // One balance per account: a venue has tens of contracted accounts, not thousands.
        foreach (var a in accounts)
        {
            var balance = await Charges.BalanceAsync(db, a.Id);
            var contract = await Contracts.InForceAsync(db, at.VenueId, a.Id, at.Today);
            var limit = contract is { Settlement: ContractSettlement.Monthly } ? contract.CreditLimit : (decimal?)null;
            rows.Add(new Row(a.Id, a.Company, balance, limit, limit is { } l ? Math.Max(0, l - balance) : null));
        }
        Rows = rows;
    }
}
