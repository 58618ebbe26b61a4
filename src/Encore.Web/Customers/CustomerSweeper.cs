namespace Encore.Web.Customers;

/// <summary>
/// Schedules return visits (回访) as the clock moves (<see cref="ReturnVisitPolicy"/>): the day after a visit, when
/// a customer has gone unseen for the house-rule days, and before a birthday. Each is scheduled once.
/// </summary>
public sealed class CustomerSweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CustomerSweeper> log, SweepProgress progress)
    : ClockedSweeper(clock, log, TimeSpan.FromSeconds(60), "Return-visit sweep", progress)
{
    private readonly Dictionary<Guid, DateOnly> vipComputed = [];

    /// <summary>Per venue, the last pass that looked at every rule's files, and what it looked at them under.</summary>
    private readonly Dictionary<Guid, WholePick> wholePicks = [];

    /// <summary>
    /// A pass that looked at every rule's files: the business day, the rules and the day's bounds it applied, and the
    /// customer files' audited writes it had seen (<see cref="CustomerWritesAsync"/> from <paramref name="Since"/>).
    /// </summary>
    private sealed record WholePick(DateOnly Today, Domain.CustomerRules Rules, TimeOnly Cutoff, string Zone, DateTimeOffset Since, int CustomerWrites);

    /// <summary>
    /// How far before a pass its look at the files' writes begins: an import stamps its audit entries before it waits
    /// for the write turn and commits (tens of seconds for 20,000 lines on a busy machine), so an entry can be
    /// committed after a pass with a stamp from before it.
    /// </summary>
    private static readonly TimeSpan WriteStampLeeway = TimeSpan.FromMinutes(10);

    private const int BurstVisits = 10_000;

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
        var customers = await db.Customers.Where(c => c.VenueId == at.VenueId && c.VipLevel != "").ToListAsync(ct);
        var known = customers.Select(c => c.Id).ToHashSet();
        foreach (var chunk in levels.Keys.Where(id => !known.Contains(id)).Chunk(Database.IdsPerStatement))
            customers.AddRange(await db.Customers.Where(c => c.VenueId == at.VenueId && chunk.Contains(c.Id)).ToListAsync(ct));
        foreach (var c in customers) c.VipLevel = levels.GetValueOrDefault(c.Id, "");
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    public override Task SweepAsync(CancellationToken ct) => ForEachVenueAsync(scopes, async (db, at) =>
    {
        // Every rule's files once a business day, and again when the rules, the day's bounds or a customer file changed;
        // in between only the files with a new visit (issue 15: looking at every rule's files is a scan of the venue's
        // files, 351–378 ms of CPU a pass on 100,600 files, each minute of an idle day). What else can make a file due
        // within a day: a visit (new visits are picked every pass); a file filed, imported, edited or erased (its
        // audited write is seen below); the clock moved to another day (the day changes). A visit is never taken from
        // a file: a booking's file is set when the booking is made (Bookings/Create.cs), and a closed session stays closed.
        var rules = at.Rules.Customers;
        var last = wholePicks.GetValueOrDefault(at.VenueId);
        var everyRule = last is null || last.Today != at.Today || last.Rules != rules || last.Cutoff != at.Cutoff || last.Zone != at.Zone.Id
            || await CustomerWritesAsync(db, at.VenueId, last.Since, ct) != last.CustomerWrites;
        WholePick? whole = null;
        if (everyRule)
        {
            var since = at.Now - WriteStampLeeway;
            // Read before the files are: a write committed after this count moves it, and the next pass looks again.
            whole = new WholePick(at.Today, rules, at.Cutoff, at.Zone.Id, since, await CustomerWritesAsync(db, at.VenueId, since, ct));
        }
        int scheduled;
        using (AuditScope.Begin(AuditActor.System with { VenueId = at.VenueId }, "returnVisit.schedule"))
            scheduled = await ScheduleAsync(db, at, everyRule, ct);
        // Only once it completed: a pass cut short looks at every rule's files again.
        if (whole is not null) wholePicks[at.VenueId] = whole;
        // A pass that scheduled an import's thousands of visits is a one-time burst: give its memory back rather
        // than carry it while idle (100,000 files: 252 MB after the pass, 212 MB after a full collection).
        if (scheduled >= BurstVisits) MemoryRelease.AfterOneTimeWork();
        // VIP levels once per business day (the first sweep of the day). A derived figure: not audited row by row.
        if (vipComputed.GetValueOrDefault(at.VenueId) != at.Today)
        {
            await RecomputeVipAsync(db, at, ct);
            await db.RefreshStatisticsAsync(ct);
            vipComputed[at.VenueId] = at.Today;
        }
    }, ct);

    /// <summary>The audited writes to the venue's customer files stamped at or after <paramref name="since"/>: the audit log is append-only, so the count only grows, with each commit.</summary>
    private static Task<int> CustomerWritesAsync(EncoreDb db, Guid venue, DateTimeOffset since, CancellationToken ct) =>
        db.AuditEntries.CountAsync(a => a.VenueId == venue && a.At >= since && a.EntityType == nameof(Customer), ct);

    /// <summary>
    /// Schedules what has fallen due, looking at the files any rule may schedule a visit for, or with
    /// <paramref name="everyRule"/> false at the files with a visit recent enough for the after-visit rule;
    /// answers how many visits it scheduled.
    /// </summary>
    private static async Task<int> ScheduleAsync(EncoreDb db, VenueNow at, bool everyRule, CancellationToken ct)
    {
        var rules = at.Rules.Customers;
        var today = at.Today;
        var venue = at.VenueId;
        // The database picks the files a visit may be due for, so a venue with 100,000 customers does not read every
        // file and every session each minute (issue 15: that took an idle app from 180 to 300 MB). The picking is
        // a superset of what the rules below schedule, and the rules below still decide, file by file:
        // - after a visit: the latest visit's follow-up is on or after yesterday, so a visit since afterVisitFrom;
        // - unseen: no visit after unseenDay, the file filed on or before it (or a visit before), and no "unseen"
        //   visit due after unseenDay (such a one is due after the last sighting, so the rule below skips it too);
        // - birthday: the birthday's month and day within the reminder window (29 February when the 28th is).
        var afterVisitFrom = today.AddDays(-1 - rules.ReturnVisitAfterVisitDays);
        var unseenDay = today.AddDays(-rules.ReturnVisitUnseenDays);
        var filedBy = BusinessDay.End(unseenDay, at.Zone, at.Cutoff);
        var birthdayKeys = BirthdayKeys(today, rules.BirthdayReminderDays);
        // A customer's visits: the closed sessions of their bookings. Without the session's venue, which is the
        // customer's own (a booking is made for a file of its venue, and opened in a room of it): with it, SQLite
        // would walk the venue's sessions by day for each file instead of the file's bookings.
        var visits = from b in db.Bookings
                     join s in db.RoomSessions on b.Id equals s.BookingId
                     where s.ClosedAt != null && b.CustomerId != null
                     select new { Customer = b.CustomerId!.Value, Day = s.BusinessDay };
        // The venue's recent visits by day (IX_room_sessions_VenueId_BusinessDay): a handful, where the pick below is a scan.
        var recentVisitors = from s in db.RoomSessions
                             join b in db.Bookings on s.BookingId equals b.Id
                             where s.VenueId == venue && s.ClosedAt != null && s.BusinessDay >= afterVisitFrom && b.CustomerId != null
                             select b.CustomerId!.Value;
        var picked = everyRule
            ? db.Customers.Where(c => c.VenueId == venue && (
                visits.Any(v => v.Customer == c.Id && v.Day >= afterVisitFrom)
                || (c.Birthday != null && birthdayKeys.Contains(c.Birthday.Value.Month * 100 + c.Birthday.Value.Day))
                // The cheapest test first: most unseen files already have their visit.
                || (!db.ReturnVisits.Any(r => r.CustomerId == c.Id && r.Reason == "unseen" && r.DueDay > unseenDay)
                    && (c.CreatedAt < filedBy || visits.Any(v => v.Customer == c.Id))
                    && !visits.Any(v => v.Customer == c.Id && v.Day > unseenDay))))
            : db.Customers.Where(c => c.VenueId == venue && recentVisitors.Contains(c.Id));
        var customers = await picked
            .Select(c => new { c.Id, c.OwnerId, c.Birthday, c.CreatedAt, LastVisit = visits.Where(v => v.Customer == c.Id).Max(v => (DateOnly?)v.Day) })
            .ToListAsync(ct);
        // Their visits already scheduled, read apart: as a collection of the read above, EF would order the files by
        // id, and SQLite would walk every venue's files in that order rather than this venue's by its index.
        // A thousand files at a time: an import's first pass picks 100,000.
        var existing = new List<(Guid CustomerId, string Reason, DateOnly DueDay)>();
        foreach (var chunk in customers.Select(c => c.Id).Chunk(Database.IdsPerStatement))
            existing.AddRange((await db.ReturnVisits.Where(r => chunk.Contains(r.CustomerId) && r.VenueId == venue && r.DueDay >= unseenDay)
                .Select(r => new { r.CustomerId, r.Reason, r.DueDay }).ToListAsync(ct)).Select(r => (r.CustomerId, r.Reason, r.DueDay)));
        var has = existing.ToHashSet();
        var byCustomer = existing.ToLookup(e => e.CustomerId);

        var pending = 0;
        var scheduled = 0;
        void Add(Guid customer, Guid owner, string reason, DateOnly due)
        {
            if (!has.Add((customer, reason, due))) return;
            db.ReturnVisits.Add(new ReturnVisit { VenueId = at.VenueId, CustomerId = customer, OwnerId = owner, Reason = reason, DueDay = due, ScheduledAt = at.Now });
            pending++;
            scheduled++;
        }

        foreach (var c in customers)
        {
            // Saved a thousand at a time: 100,000 files imported long ago all fall unseen on one pass, and tracked
            // at once with their audit rows they took the app to 957 MB (the bench's search part). A pass cut short
            // leaves whole batches; the next pass schedules the rest (it skips what is scheduled).
            if (pending >= 1000)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                pending = 0;
            }
            var lastVisit = c.LastVisit;
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
        return scheduled;
    }

    /// <summary>
    /// Month × 100 + day of every birthday whose next occurrence lies within <paramref name="reminderDays"/> of
    /// <paramref name="today"/>: 29 February too when the window holds the 28th of a common year
    /// (<see cref="ReturnVisitPolicy.NextBirthday"/> keeps it then).
    /// </summary>
    private static List<int> BirthdayKeys(DateOnly today, int reminderDays)
    {
        var keys = new List<int>();
        for (var day = today; day.DayNumber - today.DayNumber <= reminderDays; day = day.AddDays(1))
        {
            keys.Add(day.Month * 100 + day.Day);
            if (day is { Month: 2, Day: 28 } && !DateTime.IsLeapYear(day.Year)) keys.Add(229);
        }
        return keys;
    }
}
