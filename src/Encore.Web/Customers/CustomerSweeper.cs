namespace Encore.Web.Customers;

/// <summary>
/// Schedules return visits (回访) as the clock moves (<see cref="ReturnVisitPolicy"/>): the day after a visit, when
/// a customer has gone unseen for the house-rule days, and before a birthday. Each is scheduled once.
/// </summary>
public sealed class CustomerSweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CustomerSweeper> log, SweepProgress progress)
    : ClockedSweeper(clock, log, TimeSpan.FromSeconds(60), "Return-visit sweep", progress)
{
    private readonly Dictionary<Guid, DateOnly> vipComputed = [];

    /// <summary>Per venue, the last pass: when it began, and the day and rules it applied.</summary>
    private readonly Dictionary<Guid, Pass> lastPasses = [];

    /// <summary>A pass: when it began (the venue's clock), and the business day, customer rules, cut-off and zone it applied.</summary>
    private sealed record Pass(DateTimeOffset StartedAt, DateOnly Today, Domain.CustomerRules Rules, TimeOnly Cutoff, string Zone);

    /// <summary>
    /// How far before the last pass the files' writes are looked at: an import stamps its audit entries before it waits
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
        customers.AddRange(await levels.Keys.Where(id => !known.Contains(id))
            .InPartsAsync(ids => db.Customers.Where(c => c.VenueId == at.VenueId && ids.Contains(c.Id)), ct));
        foreach (var c in customers) c.VipLevel = levels.GetValueOrDefault(c.Id, "");
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    public override Task SweepAsync(CancellationToken ct) => ForEachVenueAsync(scopes, async (db, at) =>
    {
        // Every rule's files at the day's first pass, and again when the rules or the day's bounds change; the passes
        // between look at the files with a new visit and the files written since the last pass (issue 15: every rule's
        // files is a scan of the venue's files, 351–378 ms of CPU a pass on 100,600 files, each minute). Nothing else
        // can make a file due within a day: a file's own changes (filed, imported, edited, erased) are audited in the
        // same transaction, and a visit is never taken from a file (a booking's file is set when the booking is made,
        // Bookings/Create.cs, and a closed session stays closed).
        var pass = new Pass(at.Now, at.Today, at.Rules.Customers, at.Cutoff, at.Zone.Id);
        var last = lastPasses.GetValueOrDefault(at.VenueId);
        // The same day and rules as the last pass: the files written since it began, else every rule's files (null).
        var written = last is { } previous && previous with { StartedAt = pass.StartedAt } == pass
            ? await CustomersWrittenAsync(db, at.VenueId, previous.StartedAt - WriteStampLeeway, ct)
            : null;
        int scheduled;
        using (AuditScope.Begin(AuditActor.System with { VenueId = at.VenueId }, "returnVisit.schedule"))
            scheduled = await ScheduleAsync(db, at, written, ct);
        // Only once it completed: after a pass cut short, the next looks again at what this one was to look at.
        lastPasses[at.VenueId] = pass;
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

    /// <summary>
    /// The venue's customer files with an audited write stamped at or after <paramref name="since"/>
    /// (IX_audit_entries_VenueId_At; an entry names its file by id).
    /// </summary>
    private static async Task<List<Guid>> CustomersWrittenAsync(EncoreDb db, Guid venue, DateTimeOffset since, CancellationToken ct) =>
        (await db.AuditEntries.Where(a => a.VenueId == venue && a.At >= since && a.EntityType == nameof(Customer))
            .Select(a => a.EntityId).Distinct().ToListAsync(ct))
        .Select(id => Guid.TryParse(id, out var file) ? file : (Guid?)null).OfType<Guid>().ToList();

    /// <summary>A picked file: what the rules read of it.</summary>
    private sealed record Picked(Guid Id, Guid OwnerId, DateOnly? Birthday, DateTimeOffset CreatedAt, DateOnly? LastVisit);

    /// <summary>
    /// Schedules what has fallen due, looking at the files any rule may schedule a visit for, or, given the files
    /// <paramref name="written"/> since the last pass, at those and the files with a visit recent enough for the
    /// after-visit rule; answers how many visits it scheduled.
    /// </summary>
    private static async Task<int> ScheduleAsync(EncoreDb db, VenueNow at, IReadOnlyCollection<Guid>? written, CancellationToken ct)
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
        // Between a day's first pass and a change of the rules (written not null), what the rules decide for a file
        // changes only with a new visit or a write to the file, so the files with a recent visit and the files written
        // are picked.
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
        System.Linq.Expressions.Expression<Func<Customer, bool>> mayBeDue = c =>
            visits.Any(v => v.Customer == c.Id && v.Day >= afterVisitFrom)
            || (c.Birthday != null && birthdayKeys.Contains(c.Birthday.Value.Month * 100 + c.Birthday.Value.Day))
            // The cheapest test first: most unseen files already have their visit.
            || (!db.ReturnVisits.Any(r => r.CustomerId == c.Id && r.Reason == "unseen" && r.DueDay > unseenDay)
                && (c.CreatedAt < filedBy || visits.Any(v => v.Customer == c.Id))
                && !visits.Any(v => v.Customer == c.Id && v.Day > unseenDay));
        var files = db.Customers.Where(c => c.VenueId == venue);
        // The written files through the same test, in SQL: on a busy evening most are new guests' files, due for
        // nothing yet, and the leeway keeps each on ten passes' lists.
        IQueryable<Picked> Read(IQueryable<Customer> picked) =>
            picked.Select(c => new Picked(c.Id, c.OwnerId, c.Birthday, c.CreatedAt, visits.Where(v => v.Customer == c.Id).Max(v => (DateOnly?)v.Day)));
        var customers = written is null
            ? await Read(files.Where(mayBeDue)).ToListAsync(ct)
            : [.. (await Read(files.Where(c => recentVisitors.Contains(c.Id))).ToListAsync(ct))
                .Concat(await written.InPartsAsync(ids => Read(files.Where(c => ids.Contains(c.Id)).Where(mayBeDue)), ct))
                .DistinctBy(c => c.Id)];
        // Their visits already scheduled, read apart: as a collection of the read above, EF would order the files by
        // id, and SQLite would walk every venue's files in that order rather than this venue's by its index.
        // In parts (Database.InPartsAsync): an import's first pass picks 100,000.
        var existing = (await customers.Select(c => c.Id).InPartsAsync(ids => db.ReturnVisits
                .Where(r => ids.Contains(r.CustomerId) && r.VenueId == venue && r.DueDay >= unseenDay)
                .Select(r => new { r.CustomerId, r.Reason, r.DueDay }), ct))
            .Select(r => (r.CustomerId, r.Reason, r.DueDay)).ToList();
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
