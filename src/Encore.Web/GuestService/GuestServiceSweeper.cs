namespace Encore.Web.GuestService;

/// <summary>
/// SPEC.md "Stored drinks": the customer's manager is reminded before a stored bottle expires — a return visit with
/// the reason "storedDrinksExpiring", due guestService.storedDrinkReminderDays before the expiry
/// (<see cref="ReturnVisitPolicy.StoredDrinksReminderDue"/>), scheduled once per stored bottle (the bottle keeps
/// when it was scheduled). Bottles of one customer expiring on one day share the visit: one call covers them.
/// </summary>
public sealed class GuestServiceSweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<GuestServiceSweeper> log, SweepProgress progress)
    : ClockedSweeper(clock, log, TimeSpan.FromSeconds(60), "Stored-drink reminder sweep", progress)
{
    public const string Reason = "storedDrinksExpiring";

    public override Task SweepAsync(CancellationToken ct) => ForEachVenueAsync(scopes, async (db, at) =>
    {
        using (AuditScope.Begin(AuditActor.System with { VenueId = at.VenueId }, "returnVisit.schedule"))
            // A withdrawal at this very moment bumps the bottle's version and the pass loses the race: it reads again
            // at once (the bottle may be finished now), so a completed pass has scheduled everything due by its instant.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await ScheduleAsync(db, at, ct);
                    break;
                }
                catch (DbUpdateException e) when (e.IsConflict() && attempt < 3)
                {
                    db.ChangeTracker.Clear();
                }
            }
    }, ct);

    private static async Task ScheduleAsync(EncoreDb db, VenueNow at, CancellationToken ct)
    {
        var rules = at.Rules.GuestService;
        var today = at.Today;
        // Bottles not yet reminded of, with drinks left and not expired; which are due today is the policy's to say
        // (one place for the rule, under the house rules in force now).
        var due = await (from d in db.StoredDrinks
                         join c in db.Customers on d.CustomerId equals c.Id
                         where d.VenueId == at.VenueId && d.ReminderScheduledAt == null && d.Remaining > 0 && c.ErasedAt == null && d.ExpiresOn >= today
                         select new { Drink = d, c.OwnerId }).ToListAsync(ct);
        if (due.Count == 0) return;
        var customers = due.Select(x => x.Drink.CustomerId).Distinct().ToList();
        var has = (await db.ReturnVisits.Where(r => customers.Contains(r.CustomerId) && r.Reason == Reason && r.DueDay >= today)
            .Select(r => new { r.CustomerId, r.DueDay }).ToListAsync(ct)).Select(r => (r.CustomerId, r.DueDay)).ToHashSet();
        foreach (var x in due)
        {
            if (ReturnVisitPolicy.StoredDrinksReminderDue(x.Drink.ExpiresOn, today, rules) is not { } day) continue;
            if (has.Add((x.Drink.CustomerId, day)))
                db.ReturnVisits.Add(new ReturnVisit { VenueId = at.VenueId, CustomerId = x.Drink.CustomerId, OwnerId = x.OwnerId, Reason = Reason, DueDay = day, ScheduledAt = at.Now });
            x.Drink.ReminderScheduledAt = at.Now;
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
