namespace Encore.Web.Accounts;

/// <summary>What other features ask about corporate accounts' contracts (charged bills, statements): the Accounts feature's own service.</summary>
public static class Contracts
{
    /// <summary>
    /// The account's contract in force on a business day: active (a contract waiting for the GM is not) and the day
    /// inside its period, both ends included; null when there is none. Periods of one account's live contracts never
    /// overlap (<see cref="OverlappingAsync"/>), so there is at most one.
    /// </summary>
    public static Task<Contract?> InForceAsync(EncoreDb db, Guid venueId, Guid accountId, DateOnly day) =>
        db.Contracts.Where(c => c.VenueId == venueId && c.AccountId == accountId && c.Status == ContractStatus.Active && c.From <= day && c.To >= day)
            .OrderByDescending(c => c.From).FirstOrDefaultAsync();

    /// <summary>An active or pending contract of the account whose period shares a day with [from, to], or null.</summary>
    public static Task<Contract?> OverlappingAsync(EncoreDb db, Guid accountId, DateOnly from, DateOnly to, Guid? except = null) =>
        db.Contracts.Where(c => c.AccountId == accountId && c.Status != ContractStatus.Declined && c.From <= to && c.To >= from && c.Id != except)
            .OrderBy(c => c.From).FirstOrDefaultAsync();

    /// <summary>
    /// Active contracts ending within <paramref name="days"/> days of <paramref name="today"/> (today included) that
    /// no later live contract of the same account follows: the renewals still to be made.
    /// </summary>
    public static IQueryable<Contract> DueForRenewal(EncoreDb db, Guid venueId, DateOnly today, int days)
    {
        var last = today.AddDays(days);
        return db.Contracts.Where(c => c.VenueId == venueId && c.Status == ContractStatus.Active && c.To >= today && c.To <= last
                                       && !db.Contracts.Any(n => n.AccountId == c.AccountId && n.Status != ContractStatus.Declined && n.From > c.To));
    }
}
