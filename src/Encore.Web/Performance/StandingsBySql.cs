using Encore.Web.Appraisals;

namespace Encore.Web.Performance;

/// <summary>
/// The month's standings from aggregates the database computes (issue 15): per credited person, the month's closed
/// sessions summed in two groups, on a day whose card that person signed and whose performance was not cancelled, or
/// not; a review month before it only when some manager's flag still depends on it (<see cref="Domain.Standings.OfTotalsAsync"/>).
/// No session row leaves the database; the scan is the month's range of the (VenueId, BusinessDay) index, so older
/// history and other venues cost nothing. Exactly the figures of <see cref="StandingsByRows"/> (the web tests and the
/// bench compare every field). Every query is compiled once (<see cref="Compiled"/>): the month-end standings are read on
/// every visit of the performance page, and EF otherwise walks and hashes each query's expression tree per call.
/// </summary>
public static class StandingsBySql
{
    public static async Task<List<Domain.Standings.Standing>> OfAsync(EncoreDb db, VenueNow at, DateOnly first) =>
        await OfAsync(db, at, first, await StandingsSettings.EarnersAsync(db, at), await VisitRatingsAsync(db, at, first));

    /// <summary>
    /// The same, given the venue's earners (<see cref="StandingsSettings.EarnersAsync"/>) and the month's return-visit
    /// ratings per owner (<see cref="VisitRatingsAsync"/>), which the review reads too.
    /// </summary>
    public static async Task<List<Domain.Standings.Standing>> OfAsync(EncoreDb db, VenueNow at, DateOnly first, IReadOnlyList<Domain.Standings.Earner> earners,
        IReadOnlyList<AppraisalMeasures.Ratings> visits)
    {
        var venue = at.VenueId;
        var from = Domain.Standings.From(first, at.Rules);
        // Months are "yyyy-MM", so the months from the review's first to this one are a range of the text.
        var targets = await Compiled.Targets.For(db)(db, venue, from.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            first.ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToListAsync();
        var (monthStart, monthEnd) = StandingsSettings.Instants(at, first);
        var newCustomers = await Compiled.NewCustomers.For(db)(db, venue, monthStart, monthEnd).ToDictionaryAsync(g => g.Id, g => g.Count);
        var satisfaction = visits.ToDictionary(v => v.Id, v => Domain.Standings.Satisfaction(v.Sum, v.Count));
        return await Domain.Standings.OfTotalsAsync(first, at.Today, earners, month => MonthAsync(db, at, month), targets,
            newCustomers, satisfaction, at.Rules);
    }

    /// <summary>
    /// The month's done return visits' satisfaction per owner among the venue's staff: the standings' column, and one of
    /// the three kinds of ratings the review's satisfaction is measured from (<see cref="AppraisalMeasures.Satisfaction"/>).
    /// </summary>
    public static async Task<List<AppraisalMeasures.Ratings>> VisitRatingsAsync(EncoreDb db, VenueNow at, DateOnly first)
    {
        var (monthStart, monthEnd) = StandingsSettings.Instants(at, first);
        return await Compiled.Visits.For(db)(db, at.VenueId, monthStart, monthEnd).ToListAsync();
    }

    /// <summary>One month's totals per credited person (before promoters roll up to their manager).</summary>
    private static async Task<IReadOnlyDictionary<Guid, Domain.Standings.Totals>> MonthAsync(EncoreDb db, VenueNow at, DateOnly first)
    {
        var next = first.AddMonths(1);
        var totals = new Dictionary<Guid, Domain.Standings.Totals>();
        // A confirmed suspension's days earn no performance, like a cancelled day. Rare: the suspended people's days come
        // back one by one (their Day is set) and a suspended day's signed spend counts as unsigned; everyone else's
        // come summed per signed and unsigned (Day null). Summed from zero like the rows, never subtracted, so that even a
        // figure's scale is the same: 0, not 0.00.
        var suspended = (await Discipline.Suspensions.DaysAsync(db, at.VenueId, first, next, at.Rules)).ToHashSet();
        var people = suspended.Select(d => d.StaffId).Distinct().ToList();
        await foreach (var g in Compiled.Month.For(db)(db, at.VenueId, first, next, people))
        {
            var signed = g.Signed && !(g.Day is { } day && suspended.Contains((g.CreditedTo, day)));
            totals[g.CreditedTo] = totals.GetValueOrDefault(g.CreditedTo) + (signed
                ? new Domain.Standings.Totals(g.Spend, g.Rooms, 0, g.Discounts, g.Comps)
                : new Domain.Standings.Totals(0, 0, g.Spend, g.Discounts, g.Comps));
        }
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

    /// <summary>A person's month totals, signed or not; per day (<see cref="Day"/> set) for the people asked for one by one.</summary>
    private sealed record MonthTotal(Guid CreditedTo, bool Signed, DateOnly? Day, decimal Spend, int Rooms, decimal Discounts, decimal Comps);

    private sealed record OwnerCount(Guid Id, int Count);

    private static class Compiled
    {
        // Targets, new files and ratings are read for the venue's staff only (the earners are among them), through the StaffId
        // and OwnerId indexes: none of these tables has an index that starts with the venue and the month, and with
        // statistics taken on a one-venue file SQLite counted a venue's new files by walking every venue's customers.
        public static readonly CompiledQuery<Func<EncoreDb, Guid, string, string, IAsyncEnumerable<Domain.Standings.MonthTarget>>> Targets = new(() =>
            EF.CompileAsyncQuery((EncoreDb db, Guid venue, string fromMonth, string toMonth) =>
                db.MonthlyTargets.Where(t => db.Users.Where(u => u.VenueId == venue).Select(u => u.Id).Contains(t.StaffId)
                                             && string.Compare(t.Month, fromMonth) >= 0 && string.Compare(t.Month, toMonth) <= 0 && t.VenueId == venue)
                    .Select(t => new Domain.Standings.MonthTarget(t.StaffId, t.Month, t.Spend, t.Rooms))));

        public static readonly CompiledQuery<Func<EncoreDb, Guid, DateTimeOffset, DateTimeOffset, IAsyncEnumerable<OwnerCount>>> NewCustomers = new(() =>
            EF.CompileAsyncQuery((EncoreDb db, Guid venue, DateTimeOffset start, DateTimeOffset end) =>
                db.Customers.Where(c => db.Users.Where(u => u.VenueId == venue).Select(u => u.Id).Contains(c.OwnerId) && c.VenueId == venue
                                        && c.CreatedAt >= start && c.CreatedAt < end)
                    .GroupBy(c => c.OwnerId).Select(g => new OwnerCount(g.Key, g.Count()))));

        public static readonly CompiledQuery<Func<EncoreDb, Guid, DateTimeOffset, DateTimeOffset, IAsyncEnumerable<AppraisalMeasures.Ratings>>> Visits = new(() =>
            EF.CompileAsyncQuery((EncoreDb db, Guid venue, DateTimeOffset start, DateTimeOffset end) =>
                db.ReturnVisits.Where(r => db.Users.Where(u => u.VenueId == venue).Select(u => u.Id).Contains(r.OwnerId) && r.VenueId == venue
                                           && r.Satisfaction != null && r.DoneAt >= start && r.DoneAt < end)
                    .GroupBy(r => r.OwnerId)
                    .Select(g => new AppraisalMeasures.Ratings(g.Key, g.Sum(r => r.Satisfaction!.Value), g.Count()))));

        /// <summary>
        /// The closed, credited sessions of business days [since, until), summed per person and day (the month's range of
        /// the (VenueId, BusinessDay) index), then per person and signed or not, except for <c>oneByOne</c>'s days; a day
        /// is signed when that person signed its card and its performance was not cancelled, looked up once per person and
        /// day rather than once per session.
        /// </summary>
        public static readonly CompiledQuery<Func<EncoreDb, Guid, DateOnly, DateOnly, List<Guid>, IAsyncEnumerable<MonthTotal>>> Month = new(() =>
            EF.CompileAsyncQuery((EncoreDb db, Guid venue, DateOnly since, DateOnly until, List<Guid> oneByOne) =>
                from d in
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
                            && !db.AttendanceDays.Any(a => a.VenueId == venue && a.BusinessDay >= since && a.BusinessDay < until && a.PerformanceCancelled
                                                           && a.StaffId == g.CreditedToId && a.BusinessDay == g.BusinessDay),
                        Spend = g.Spend,
                        Rooms = g.Rooms,
                        Discounts = g.Discounts,
                        Comps = g.Comps,
                    }
                group d by new { d.CreditedTo, d.Signed, Day = oneByOne.Contains(d.CreditedTo) ? d.Day : (DateOnly?)null } into m
                select new MonthTotal(m.Key.CreditedTo, m.Key.Signed, m.Key.Day, m.Sum(d => d.Spend), m.Sum(d => d.Rooms), m.Sum(d => d.Discounts), m.Sum(d => d.Comps))));
    }
}
