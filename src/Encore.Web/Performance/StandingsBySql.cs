namespace Encore.Web.Performance;

/// <summary>
/// The month's standings from aggregates the database computes (issue 15): per credited person, the month's closed
/// sessions summed in two groups, on a day whose card that person signed and whose performance was not cancelled, or
/// not; a review month before it only when some manager's flag still depends on it (<see cref="Domain.Standings.OfTotalsAsync"/>).
/// No session row leaves the database; the scan is the month's range of the (VenueId, BusinessDay) index, so older
/// history and other venues cost nothing. Exactly the figures of <see cref="StandingsByRows"/> (the web tests and the
/// bench compare every field).
/// </summary>
public static class StandingsBySql
{
    public static async Task<List<Domain.Standings.Standing>> OfAsync(EncoreDb db, VenueNow at, DateOnly first)
    {
        var venue = at.VenueId;
        var earners = await StandingsSettings.EarnersAsync(db, at);
        var from = Domain.Standings.From(first, at.Rules);
        var keys = Enumerable.Range(0, first.Month - from.Month + 12 * (first.Year - from.Year) + 1)
            .Select(i => from.AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToList();
        // Targets, new files and ratings are read for the venue's staff only (the earners are among them), through the StaffId
        // and OwnerId indexes: none of these tables has an index that starts with the venue and the month, and with
        // statistics taken on a one-venue file SQLite counted a venue's new files by walking every venue's customers.
        var staff = db.Users.Where(u => u.VenueId == venue).Select(u => u.Id); // a subquery, not a list: the SQL stays one cached text
        var targets = await db.MonthlyTargets.Where(t => staff.Contains(t.StaffId) && keys.Contains(t.Month) && t.VenueId == venue)
            .Select(t => new Domain.Standings.MonthTarget(t.StaffId, t.Month, t.Spend, t.Rooms)).ToListAsync();
        var (monthStart, monthEnd) = StandingsSettings.Instants(at, first);
        var newCustomers = await db.Customers
            .Where(c => staff.Contains(c.OwnerId) && c.VenueId == venue && c.CreatedAt >= monthStart && c.CreatedAt < monthEnd)
            .GroupBy(c => c.OwnerId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
        var satisfaction = await db.ReturnVisits
            .Where(r => staff.Contains(r.OwnerId) && r.VenueId == venue && r.Satisfaction != null && r.DoneAt >= monthStart && r.DoneAt < monthEnd)
            .GroupBy(r => r.OwnerId)
            .Select(g => new { g.Key, Sum = g.Sum(r => r.Satisfaction!.Value), Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => Domain.Standings.Satisfaction(g.Sum, g.Count));
        return await Domain.Standings.OfTotalsAsync(first, at.Today, earners, month => MonthAsync(db, at, month), targets,
            newCustomers, satisfaction, at.Rules);
    }

    /// <summary>One month's totals per credited person (before promoters roll up to their manager).</summary>
    private static async Task<IReadOnlyDictionary<Guid, Domain.Standings.Totals>> MonthAsync(EncoreDb db, VenueNow at, DateOnly first)
    {
        var next = first.AddMonths(1);
        var totals = new Dictionary<Guid, Domain.Standings.Totals>();
        void Add(Guid person, bool signed, decimal spend, int rooms, decimal discounts, decimal comps) =>
            totals[person] = totals.GetValueOrDefault(person) + (signed
                ? new Domain.Standings.Totals(spend, rooms, 0, discounts, comps)
                : new Domain.Standings.Totals(0, 0, spend, discounts, comps));

        // A confirmed suspension's days earn no performance, like a cancelled day. Rare: the suspended people's
        // days are read one by one instead, and a suspended day's signed spend counts as unsigned. (Summed from
        // zero like the rows, never subtracted, so that even a figure's scale is the same: 0, not 0.00.)
        var suspended = (await Discipline.Suspensions.DaysAsync(db, at.VenueId, first, next, at.Rules)).ToHashSet();
        var people = suspended.Select(d => d.StaffId).Distinct().ToList();
        var days = Days(db, at.VenueId, first, next);
        var groups = await (people.Count == 0 ? days : days.Where(d => !people.Contains(d.CreditedTo)))
            .GroupBy(d => new { d.CreditedTo, d.Signed })
            .Select(g => new { g.Key.CreditedTo, g.Key.Signed, Spend = g.Sum(d => d.Spend), Rooms = g.Sum(d => d.Rooms), Discounts = g.Sum(d => d.Discounts), Comps = g.Sum(d => d.Comps) })
            .ToListAsync();
        foreach (var g in groups) Add(g.CreditedTo, g.Signed, g.Spend, g.Rooms, g.Discounts, g.Comps);
        if (people.Count > 0)
            foreach (var d in await days.Where(d => people.Contains(d.CreditedTo)).ToListAsync())
                Add(d.CreditedTo, d.Signed && !suspended.Contains((d.CreditedTo, d.Day)), d.Spend, d.Rooms, d.Discounts, d.Comps);
        return totals;
    }

    /// <summary>One person's credited sessions of one business day, summed (a class with setters: EF composes GROUP BY over its members).</summary>
    private sealed class DayTotal
    {
        public Guid CreditedTo { get; init; }
        public DateOnly Day { get; init; }
        public bool Signed { get; init; }
        public decimal Spend { get; init; }
        public int Rooms { get; init; }
        public decimal Discounts { get; init; }
        public decimal Comps { get; init; }
    }

    /// <summary>
    /// The closed, credited sessions of business days [since, until), summed per person and day (the month's range of
    /// the (VenueId, BusinessDay) index); a day is signed when that person signed its card and its performance was not
    /// cancelled, looked up once per person and day rather than once per session.
    /// </summary>
    private static IQueryable<DayTotal> Days(EncoreDb db, Guid venue, DateOnly since, DateOnly until) =>
        from g in
            from s in db.RoomSessions
            where s.VenueId == venue && s.ClosedAt != null && s.CreditedToId != null && s.BusinessDay >= since && s.BusinessDay < until
            group s by new { s.CreditedToId, s.BusinessDay } into g
            select new { g.Key.CreditedToId, g.Key.BusinessDay, Spend = g.Sum(s => s.Spend), Rooms = g.Count(), Discounts = g.Sum(s => s.Discount), Comps = g.Sum(s => s.CompsValue) }
        select new DayTotal
        {
            CreditedTo = g.CreditedToId!.Value,
            Day = g.BusinessDay,
            // The day range again (the day is in it anyway) lets PostgreSQL, when it hashes the subqueries, read only the
            // month's cards and cancelled days through their (VenueId, BusinessDay) indexes rather than the venue's history.
            Signed = db.PerformanceCards.Any(c => c.VenueId == venue && c.BusinessDay >= since && c.BusinessDay < until
                                                  && c.StaffId == g.CreditedToId && c.BusinessDay == g.BusinessDay)
                && !db.AttendanceDays.Any(d => d.VenueId == venue && d.BusinessDay >= since && d.BusinessDay < until && d.PerformanceCancelled
                                               && d.StaffId == g.CreditedToId && d.BusinessDay == g.BusinessDay),
            Spend = g.Spend,
            Rooms = g.Rooms,
            Discounts = g.Discounts,
            Comps = g.Comps,
        };
}
