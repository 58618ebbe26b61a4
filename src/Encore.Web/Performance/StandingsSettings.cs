namespace Encore.Web.Performance;

/// <summary>
/// Which way GET /api/performance computes the month's standings: by the database's aggregates (the default,
/// <see cref="StandingsBySql"/>), or, with ENCORE_STANDINGS=rows (or --Encore:Standings=rows), from the rows in memory
/// as before issue 15 (<see cref="StandingsByRows"/>, the reference the bench compares the default with on the same
/// data). A start-up setting, not a request parameter: callers get one answer, whichever way it was computed.
/// </summary>
public sealed record StandingsSettings(bool ByRows)
{

    /// <summary>
    /// GET /api/performance's rows: the standings with each person's satisfaction (0–100) and review reasons. Those are
    /// read for this answer only: the meeting brief, the rankings (twelve months for the star) and the training effect
    /// take <see cref="StandingsAsync"/> without them.
    /// </summary>
    public async Task<List<StandingView>> AnswerAsync(EncoreDb db, VenueNow at, DateOnly first)
    {
        // The review's queries share the standings' connection, and the ratings the standings read for their own columns.
        await db.Database.OpenConnectionAsync();
        try
        {
            var (view, ratings, earners) = await StandingsWithRatingsAsync(db, at, first);
            return await Appraisals.AppraisalQueries.WithReviewAsync(db, at, first, view, ratings, earners);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The month's standings, the configured way: the figures every reader of them shares.</summary>
    public async Task<List<StandingView>> StandingsAsync(EncoreDb db, VenueNow at, DateOnly first) => (await StandingsWithRatingsAsync(db, at, first)).View;

    /// <summary>
    /// The standings, the guests', complaint resolutions' and return visits' ratings per person that their columns
    /// were computed from (the review's satisfaction is measured from the same three), and the earners the rows are of
    /// (the review finds each row's person among them).
    /// </summary>
    private async Task<(List<StandingView> View, List<Appraisals.AppraisalMeasures.Ratings> Ratings, List<Domain.Standings.Earner> Earners)> StandingsWithRatingsAsync(
        EncoreDb db, VenueNow at, DateOnly first)
    {
        // One connection for the handful of queries: opening one costs more than a small query (on SQLite every open
        // registers EF's functions and collation on the pooled handle).
        await db.Database.OpenConnectionAsync();
        try
        {
            var earners = await EarnersAsync(db, at);
            var visits = await StandingsBySql.VisitRatingsAsync(db, at, first);
            var view = View(ByRows ? await StandingsByRows.OfAsync(db, at, first, earners) : await StandingsBySql.OfAsync(db, at, first, earners, visits));
            var (columns, ratings) = await WithComplaintsAsync(db, at, first, view);
            return (columns, [.. ratings, .. visits], earners);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Each person's complaints of the month (by business day), their guests' satisfaction with the resolutions and their
    /// guests' own ratings: two grouped queries. Grouped by person and badge: the columns sum by badge, as shown; the
    /// ratings are returned by person for the review's satisfaction (<see cref="Appraisals.AppraisalMeasures"/>).
    /// </summary>
    private static async Task<(List<StandingView> View, List<Appraisals.AppraisalMeasures.Ratings> Ratings)> WithComplaintsAsync(EncoreDb db, VenueNow at, DateOnly first, List<StandingView> view)
    {
        var next = first.AddMonths(1);
        var complaints = await Compiled.Complaints.For(db)(db, at.VenueId, first, next).ToListAsync();
        var guests = await Compiled.GuestRatings.For(db)(db, at.VenueId, first, next).ToListAsync();
        var counts = complaints.GroupBy(c => c.Badge, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (Count: g.Sum(c => c.Count), Rated: g.Sum(c => c.Rated), Sum: g.Sum(c => c.Sum)), StringComparer.OrdinalIgnoreCase);
        var ratings = guests.GroupBy(r => r.Badge, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (Count: g.Sum(r => r.Count), Sum: g.Sum(r => r.Sum)), StringComparer.OrdinalIgnoreCase);
        var columns = view.Select(s =>
        {
            if (counts.TryGetValue(s.Badge, out var c))
                s = s with { Complaints = c.Count, ComplaintSatisfaction = c.Rated > 0 ? Domain.Standings.Satisfaction(c.Sum, c.Rated) : null };
            if (ratings.TryGetValue(s.Badge, out var r)) s = s with { GuestRating = Domain.Standings.Satisfaction(r.Sum, r.Count) };
            return s;
        }).ToList();
        return (columns, [.. guests.Select(r => new Appraisals.AppraisalMeasures.Ratings(r.Id, r.Sum, r.Count)),
            .. complaints.Where(c => c.Rated > 0).Select(c => new Appraisals.AppraisalMeasures.Ratings(c.Id, c.Sum, c.Rated))]);
    }

    private static List<StandingView> View(List<Domain.Standings.Standing> standings) => standings
        .Select(s => new StandingView(s.Badge, s.Name, s.Role, s.ManagerBadge, s.Spend, s.Rooms, s.TargetSpend, s.TargetRooms, s.Attainment,
            s.RoomsAttainment, s.UnsignedSpend, s.Discounts, s.Comps, s.NewCustomers, s.NewCustomersQuota, s.NewCustomersDue, s.FlaggedForReview)
        { ReturnVisitSatisfaction = s.Satisfaction }).ToList();

    /// <summary>Everyone who earns on a card, one row per role they hold (both ways read the same list).</summary>
    internal static async Task<List<Domain.Standings.Earner>> EarnersAsync(EncoreDb db, VenueNow at)
    {
        var earners = new List<Domain.Standings.Earner>();
        await foreach (var p in Compiled.Earners.For(db)(db, at.VenueId))
            earners.Add(new Domain.Standings.Earner(p.Id, p.Badge, p.Name, p.Role, p.ManagerId, p.IsActive, at.DayOf(p.CreatedAt),
                IsPromoter: p.Role == Roles.Promoter, IsManager: p.Role == Roles.Manager));
        return earners;
    }

    private static readonly System.Linq.Expressions.Expression<Func<StaffRole, bool>> EarnerRole =
        CompiledConditions.OneOf<StaffRole>(r => r.Name, Capabilities.RolesFor(Capability.EarnOnCard));

    private sealed record EarnerRow(Guid Id, string Badge, string Name, string Role, Guid? ManagerId, bool IsActive, DateTimeOffset CreatedAt);

    private sealed record ComplaintsOf(Guid Id, string Badge, int Count, int Rated, int Sum);

    private sealed record GuestRatingsOf(Guid Id, string Badge, int Count, int Sum);

    /// <summary>The standings' own queries, compiled once: they run at every visit of the performance page.</summary>
    private static class Compiled
    {
        public static readonly CompiledQuery<Func<EncoreDb, Guid, IAsyncEnumerable<EarnerRow>>> Earners = new(() =>
            EF.CompileAsyncQuery((EncoreDb db, Guid venue) =>
                from u in db.Users
                join ur in db.UserRoles on u.Id equals ur.UserId
                join r in db.Roles.Where(EarnerRole) on ur.RoleId equals r.Id
                where u.VenueId == venue
                select new EarnerRow(u.Id, u.UserName!, u.Name, r.Name!, u.ManagerId, u.IsActive, u.CreatedAt)));

        public static readonly CompiledQuery<Func<EncoreDb, Guid, DateOnly, DateOnly, IAsyncEnumerable<ComplaintsOf>>> Complaints = new(() =>
            EF.CompileAsyncQuery((EncoreDb db, Guid venue, DateOnly first, DateOnly next) =>
                from c in db.Complaints
                join u in db.Users on c.ManagerId equals u.Id
                where c.VenueId == venue && c.BusinessDay >= first && c.BusinessDay < next
                group c by new { u.Id, u.UserName } into g
                select new ComplaintsOf(g.Key.Id, g.Key.UserName!, g.Count(), g.Count(c => c.Satisfaction != null), g.Sum(c => c.Satisfaction ?? 0))));

        /// <summary>The guests' own ratings of the person's sessions (credited to them) of the month's business days.</summary>
        public static readonly CompiledQuery<Func<EncoreDb, Guid, DateOnly, DateOnly, IAsyncEnumerable<GuestRatingsOf>>> GuestRatings = new(() =>
            EF.CompileAsyncQuery((EncoreDb db, Guid venue, DateOnly first, DateOnly next) =>
                from r in db.Set<GuestRating>()
                join session in db.RoomSessions on r.SessionId equals session.Id
                join u in db.Users on session.CreditedToId equals u.Id
                where r.VenueId == venue && session.BusinessDay >= first && session.BusinessDay < next
                group r by new { u.Id, u.UserName } into g
                select new GuestRatingsOf(g.Key.Id, g.Key.UserName!, g.Count(), g.Sum(r => r.Rating))));
    }

    /// <summary>The instants the month's business days run between (new customer files and return visits are dated by instant).</summary>
    internal static (DateTimeOffset Start, DateTimeOffset End) Instants(VenueNow at, DateOnly first) =>
        (BusinessDay.Start(first, at.Zone, at.Cutoff), BusinessDay.Start(first.AddMonths(1), at.Zone, at.Cutoff));
}
