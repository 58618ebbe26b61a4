namespace Encore.Web.Accounts;

/// <summary>
/// Charged bills (挂账, issue 20): what closing a room asks of a booking made for a corporate account. The contract in
/// force on the session's night gives the agreed discount (applied without an approval, up to its rate) and, with
/// monthly settlement, lets the bill be charged to the account while the account's balance stays within the credit
/// limit. The balance is the bills charged (spend − discount) less the payments recorded, over the account's life.
/// </summary>
public static class Charges
{
    /// <summary>The account of a session's booking and the contract in force on the session's night (either may be null).</summary>
    public sealed record Terms(Account? Account, Contract? Contract);

    public static async Task<Terms> TermsAsync(EncoreDb db, Guid venueId, RoomSession session)
    {
        if (session.BookingId is not { } bookingId) return new(null, null);
        var accountId = await db.Bookings.Where(b => b.Id == bookingId).Select(b => b.AccountId).SingleAsync();
        if (accountId is not { } id) return new(null, null);
        var account = await db.Accounts.SingleAsync(a => a.Id == id);
        return new(account, await Contracts.InForceAsync(db, venueId, id, session.BusinessDay));
    }

    /// <summary>The account's first contact (the one it came with): a booking for the account names them as its guest by default.</summary>
    public static Task<AccountContact?> FirstContactAsync(EncoreDb db, Guid accountId) =>
        db.AccountContacts.AsNoTracking().Where(c => c.AccountId == accountId).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).FirstOrDefaultAsync();

    /// <summary>The agreed discount on a spend, in yuan with fen (half away from zero).</summary>
    public static decimal AgreedDiscount(decimal spend, decimal rate) => Math.Round(spend * rate, 2, MidpointRounding.AwayFromZero);

    /// <summary>The giver's authority widened to the contract's agreed rate: the contract was approved when it was signed.</summary>
    public static RoleAuthority WithAgreedRate(RoleAuthority authority, Contract? contract) =>
        contract is null || contract.DiscountRate <= authority.MaxDiscountRate ? authority : authority with { MaxDiscountRate = contract.DiscountRate };

    /// <summary>What a closed bill puts on the account's statement.</summary>
    public static decimal Charged(RoomSession session) => session.Spend - session.Discount;

    /// <summary>What the account owes now: its charged bills less its payments. Summed here: SQLite keeps money as fen.</summary>
    public static async Task<decimal> BalanceAsync(EncoreDb db, Guid accountId)
    {
        var bills = await db.RoomSessions.Where(s => s.ChargedAccountId == accountId).Select(s => new { s.Spend, s.Discount }).ToListAsync();
        var paid = await db.AccountPayments.Where(p => p.AccountId == accountId).Select(p => p.Amount).ToListAsync();
        return bills.Sum(b => b.Spend - b.Discount) - paid.Sum();
    }

    /// <summary>
    /// Charges a closing bill to the account of its booking, or the refusal: no account, no contract in force that
    /// night, a contract settled on each visit, or a balance that would pass the credit limit (the bill that reaches
    /// it exactly passes). Bumps the account's version so two bills charged at once cannot both pass the limit.
    /// </summary>
    public static async Task<IResult?> ChargeAsync(EncoreDb db, Terms terms, RoomSession session, string roomNumber, decimal amount)
    {
        if (terms.Account is not { } account) return Problems.Rule(409, "charge.noAccount", roomNumber);
        if (terms.Contract is not { } contract)
            return Problems.Rule(409, "charge.noContract", account.Company, session.BusinessDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (contract.Settlement != ContractSettlement.Monthly) return Problems.Rule(409, "charge.settlesOnVisit", account.Company);
        var balance = await BalanceAsync(db, account.Id);
        if (balance + amount > contract.CreditLimit)
            return Problems.Rule(409, "charge.creditLimit", account.Company, contract.CreditLimit, Math.Max(0, contract.CreditLimit - balance), amount);
        session.ChargedAccountId = account.Id;
        account.Version++;
        return null;
    }
}
