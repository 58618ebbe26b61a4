namespace Encore.Web.Customers;

/// <summary>
/// Schedules return visits (回访) as the clock moves (<see cref="ReturnVisitPolicy"/>): the day after a visit, when
/// a customer has gone unseen for the house-rule days, and before a birthday. Each is scheduled once.
/// </summary>
public sealed class CustomerSweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CustomerSweeper> log, SweepProgress progress)
    : ClockedSweeper(clock, log, TimeSpan.FromSeconds(60), "Return-visit sweep", progress)
{
    private readonly Dictionary<Guid, DateOnly> vipComputed = [];

    /// <summary>Spend and visits per customer over the house-rule window, from the sessions of their bookings.</summary>
    public static async Task<List<VipPolicy.Activity>> ActivityAsync(EncoreDb db, VenueNow at, CancellationToken ct = default)
    {
        var since = at.Today.AddDays(-at.Rules.Customers.VipWindowDays);
        var rows = await (from s in db.RoomSessions join b in db.Bookings on s.BookingId equals b.Id
                          where s.VenueId == at.VenueId && s.ClosedAt != null && b.CustomerId != null && s.BusinessDay >= since
                          select new { Customer = b.CustomerId!.Value, s.Spend }).ToListAsync(ct);
        return rows.GroupBy(r => r.Customer).Select(g => new VipPolicy.Activity(g.Key, g.Sum(x => x.Spend), g.Count())).ToList();
    }

    private static async Task RecomputeVipAsync(EncoreDb db, VenueNow at, CancellationToken ct)
    {
        var levels = VipPolicy.Levels(await ActivityAsync(db, at, ct), at.Rules.Customers);
        using var _ = AuditScope.Suppress();
        var customers = await db.Customers.Where(c => c.VenueId == at.VenueId && (c.VipLevel != "" || levels.Keys.Contains(c.Id))).ToListAsync(ct);
        foreach (var c in customers) c.VipLevel = levels.GetValueOrDefault(c.Id, "");
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    public override Task SweepAsync(CancellationToken ct) => ForEachVenueAsync(scopes, async (db, at) =>
    {
        using (AuditScope.Begin(AuditActor.System with { VenueId = at.VenueId }, "returnVisit.schedule"))
            await ScheduleAsync(db, at, ct);
        // VIP levels once per business day (the first sweep of the day). A derived figure: not audited row by row.
        if (vipComputed.GetValueOrDefault(at.VenueId) != at.Today)
        {
            await RecomputeVipAsync(db, at, ct);
            await db.RefreshStatisticsAsync(ct);
            vipComputed[at.VenueId] = at.Today;
        }
    }, ct);

    private static async Task ScheduleAsync(EncoreDb db, VenueNow at, CancellationToken ct)
    {
        var rules = at.Rules.Customers;
        var today = at.Today;
        // Visits: closed sessions of booked customers, per customer the latest business day.
        var visits = await (from s in db.RoomSessions
                            join b in db.Bookings on s.BookingId equals b.Id
                            where s.VenueId == at.VenueId && s.ClosedAt != null && b.CustomerId != null
                            group s by b.CustomerId into g
                            select new { CustomerId = g.Key!.Value, Last = g.Max(x => x.BusinessDay) }).ToDictionaryAsync(x => x.CustomerId, x => x.Last, ct);
        var customers = await db.Customers.Where(c => c.VenueId == at.VenueId).Select(c => new { c.Id, c.OwnerId, c.Birthday, c.CreatedAt }).ToListAsync(ct);
        var existing = (await db.ReturnVisits.Where(r => r.VenueId == at.VenueId && r.DueDay >= today.AddDays(-rules.ReturnVisitUnseenDays))
            .Select(r => new { r.CustomerId, r.Reason, r.DueDay, r.DoneAt }).ToListAsync(ct));
        var has = existing.Select(e => (e.CustomerId, e.Reason, e.DueDay)).ToHashSet();
        // Looked up per customer: a venue with 100,000 customers must not compare every file with every visit.
        var byCustomer = existing.ToLookup(e => e.CustomerId);

        void Add(Guid customer, Guid owner, string reason, DateOnly due)
        {
            if (!has.Add((customer, reason, due))) return;
            db.ReturnVisits.Add(new ReturnVisit { VenueId = at.VenueId, CustomerId = customer, OwnerId = owner, Reason = reason, DueDay = due, ScheduledAt = at.Now });
        }

        foreach (var c in customers)
        {
            var lastVisit = visits.TryGetValue(c.Id, out var v) ? v : (DateOnly?)null;
            // The day after the latest visit (only recent visits: an old visit's follow-up is long past).
            if (lastVisit is { } visit && ReturnVisitPolicy.AfterVisit(visit, rules) >= today.AddDays(-1))
                Add(c.Id, c.OwnerId, "afterVisit", ReturnVisitPolicy.AfterVisit(visit, rules));
            // Unseen for N days: once per stretch (no open "unseen" visit within the last N days).
            var lastSeen = lastVisit ?? at.DayOf(c.CreatedAt);
            if (ReturnVisitPolicy.Unseen(lastSeen, today, rules) && !byCustomer[c.Id].Any(e => e.Reason == "unseen" && e.DueDay > lastSeen))
                Add(c.Id, c.OwnerId, "unseen", today);
            // Birthday: once per birthday, a few days ahead.
            if (ReturnVisitPolicy.BirthdayVisitDue(c.Birthday, today, rules) is { } due)
            {
                var next = ReturnVisitPolicy.NextBirthday(c.Birthday!.Value, today);
                if (!byCustomer[c.Id].Any(e => e.Reason == "birthday" && e.DueDay >= next.AddDays(-rules.BirthdayReminderDays) && e.DueDay <= next))
                    Add(c.Id, c.OwnerId, "birthday", due);
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
