using Encore.Web.Staff;
using Encore.Web.Board;
using Encore.Web.Discipline;
using Encore.Web.Performance;

namespace Encore.Web.Rankings;

/// <summary>One person's place and points of a month. Figures (score, points and what makes them) are null for a reader who may not see them.</summary>
public sealed record RankingRowView(string Badge, string Name, string Department, int? Place, int? TeamPlace, decimal? Score, int? Points,
    int? PlacePoints, int? Complaints, int? Fines, int? Commendations, bool Figures);

public sealed record RankingTeamView(string Department, List<RankingRowView> Best, List<RankingRowView> Worst);

/// <summary>
/// GET /api/rankings?month=: <c>basis</c> says what the places come from: <c>appraisal</c> (the month's published appraisal
/// totals) or, before any appraisal of the month is published, <c>attainment</c> (signed spend ÷ target, × 100).
/// </summary>
public sealed record RankingsView(string Month, string Basis, List<RankingRowView> Best, List<RankingRowView> Worst, List<RankingRowView> Points,
    List<RankingTeamView> Teams);

public sealed record StarMonth(string Month, int? Place, int? Points);

public sealed record StarRow(int Place, string Badge, string Name, string Department, int? Points, List<StarMonth> Months, bool Figures);

/// <summary>GET /api/rankings/star?year=: the year's points so far (<c>final</c> once the year has ended) and the star, the first place.</summary>
public sealed record StarView(int Year, string ThroughMonth, bool Final, List<StarRow> Star, List<StarRow> Table);

/// <summary>
/// API.md "Appraisal, rankings, training": the month's best and worst customer managers, venue-wide and per team, their
/// points (<see cref="Domain.Rankings"/>, house rules "rankings"), and the yearly star manager from the year's points.
/// The whole venue sees names, places and the star; figures go to whoever may see that person's performance: the
/// person, their department head, the floor manager and the GM (as GET /api/performance-cards).
/// </summary>
public static class RankingsApi
{
    public const string ByAppraisal = "appraisal";
    public const string ByAttainment = "attainment";

    public static void MapRankingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rankings").WithTags("Rankings").RequireAuthorization();
        group.MapGet("/", GetAsync).Answers<RankingsView>().WithName("GetRankings");
        group.MapGet("/star", StarAsync).Answers<StarView>().WithName("GetStarManager");
    }

    private static async Task<IResult> GetAsync(HttpContext http, EncoreDb db, string? month)
    {
        var at = await http.Caller().NowAsync();
        if (Ranges.ParseMonth("month", month, out var first, Ranges.FirstOfMonth(at.Today)) is { } refused) return refused;
        var reader = await ReaderAsync(http, db);
        var (basis, ranking) = await MonthAsync(http, db, at, first);
        List<RankingRowView> View(IEnumerable<Domain.Rankings.Row> rows) => rows.Select(r => reader.View(r)).ToList();
        return Results.Ok(new RankingsView(first.ToString("yyyy-MM", CultureInfo.InvariantCulture), basis, View(ranking.Best), View(ranking.Worst),
            View(ranking.Rows.OrderByDescending(r => r.Points).ThenBy(r => r.Place ?? int.MaxValue).ThenBy(r => r.Badge, StringComparer.Ordinal)),
            ranking.Teams.Select(t => new RankingTeamView(t.Department, View(t.Best), View(t.Worst))).ToList()));
    }

    private static async Task<IResult> StarAsync(HttpContext http, EncoreDb db, string? year)
    {
        var at = await http.Caller().NowAsync();
        var v = new Validator();
        var which = at.Today.Year;
        if (!string.IsNullOrWhiteSpace(year) && (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out which) || which < 2000 || which > at.Today.Year))
            v.Add("year", "range", 2000, at.Today.Year);
        if (!v.Ok) return v.ToResult();
        var reader = await ReaderAsync(http, db);
        var through = which < at.Today.Year ? new DateOnly(which, 12, 1) : Ranges.FirstOfMonth(at.Today);
        var months = new List<(DateOnly First, Domain.Rankings.Month Ranking)>();
        for (var m = new DateOnly(which, 1, 1); m <= through; m = m.AddMonths(1))
            months.Add((m, (await MonthAsync(http, db, at, m)).Ranking));
        var people = months.SelectMany(m => m.Ranking.Rows).GroupBy(r => r.Badge, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Last: g.Last(), Points: Domain.Rankings.YearPoints(g.Select(r => r.Points)))).ToList();
        var places = Domain.Rankings.Places(people.Select(p => (p.Last.Badge, (decimal)p.Points)));
        var table = people.Select(p =>
        {
            var figures = reader.SeesFiguresOf(p.Last);
            var monthly = months.Select(m => m.Ranking.Rows.FirstOrDefault(r => r.Badge.Equals(p.Last.Badge, StringComparison.OrdinalIgnoreCase)) is { } r
                ? new StarMonth(m.First.ToString("yyyy-MM", CultureInfo.InvariantCulture), r.Place, figures ? r.Points : null)
                : new StarMonth(m.First.ToString("yyyy-MM", CultureInfo.InvariantCulture), null, null)).ToList();
            return new StarRow(places[p.Last.Badge], p.Last.Badge, p.Last.Name, p.Last.Department, figures ? p.Points : null, monthly, figures);
        }).OrderBy(r => r.Place).ThenBy(r => r.Badge, StringComparer.Ordinal).ToList();
        // Nobody is the star of a year without a single point earned.
        var star = table.Count > 0 && people.Max(p => p.Points) > 0 ? table.Where(r => r.Place == 1).ToList() : [];
        return Results.Ok(new StarView(which, through.ToString("yyyy-MM", CultureInfo.InvariantCulture), which < at.Today.Year, star, table));
    }


    /// <summary>
    /// The month's ranking of the customer managers: their scores (published appraisal totals; before any is published,
    /// attainment × 100), complaints (as GET /api/performance counts them), fines that stand, and commendations.
    /// </summary>
    public static async Task<(string Basis, Domain.Rankings.Month Ranking)> MonthAsync(HttpContext http, EncoreDb db, VenueNow at, DateOnly first)
    {
        var next = first.AddMonths(1);
        var standings = (await http.RequestServices.GetRequiredService<StandingsSettings>().StandingsAsync(db, at, first))
            .Where(s => s.Role == Roles.Manager).ToList();
        var badges = standings.Select(s => StaffDirectory.Normalize(s.Badge)).ToList();
        var people = await db.Users.Where(u => u.VenueId == at.VenueId && badges.Contains(u.NormalizedUserName!))
            .Select(u => new { u.Id, Badge = u.UserName!, u.Department }).ToListAsync();
        var ids = people.Select(p => p.Id).ToList();
        var fines = await db.Violations
            .Where(f => f.VenueId == at.VenueId && ids.Contains(f.StaffId) && f.BusinessDay >= first && f.BusinessDay < next
                        && (f.Status == ViolationStatus.Confirmed || f.Status == ViolationStatus.Upheld))
            .GroupBy(f => f.StaffId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var commendations = await db.Set<Commendation>()
            .Where(c => c.VenueId == at.VenueId && ids.Contains(c.StaffId) && c.BusinessDay >= first && c.BusinessDay < next && c.WithdrawnAt == null)
            .GroupBy(c => c.StaffId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var appraised = await Appraisals.AppraisalQueries.PublishedTotalsAsync(db, at.VenueId, first.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        var basis = appraised.Count > 0 ? ByAppraisal : ByAttainment;
        var byBadge = people.ToDictionary(p => p.Badge, StringComparer.OrdinalIgnoreCase);
        var entries = standings.Select(s =>
        {
            var person = byBadge[s.Badge];
            decimal? score = basis == ByAppraisal
                ? appraised.TryGetValue(person.Id, out var total) ? total : null
                : decimal.Round(s.Attainment * 100, 1);
            return new Domain.Rankings.Entry(s.Badge, s.Name, person.Department, score, s.Complaints,
                fines.GetValueOrDefault(person.Id), commendations.GetValueOrDefault(person.Id));
        }).ToList();
        return (basis, Domain.Rankings.Rank(entries, at.Rules.Rankings));
    }

    /// <summary>Who reads: everyone sees names and places; figures per <see cref="SeesFiguresOf"/>.</summary>
    private sealed record Reader(string Badge, string Department, bool SeesAll, bool SeesDepartment)
    {
        public bool SeesFiguresOf(Domain.Rankings.Row row) =>
            SeesAll || row.Badge.Equals(Badge, StringComparison.OrdinalIgnoreCase) || (SeesDepartment && row.Department == Department && Department.Length > 0);

        public RankingRowView View(Domain.Rankings.Row r) => SeesFiguresOf(r)
            ? new RankingRowView(r.Badge, r.Name, r.Department, r.Place, r.TeamPlace, r.Score, r.Points, r.PlacePoints, r.Complaints, r.Fines, r.Commendations, true)
            : new RankingRowView(r.Badge, r.Name, r.Department, r.Place, r.TeamPlace, null, null, null, null, null, null, false);
    }

    private static async Task<Reader> ReaderAsync(HttpContext http, EncoreDb db)
    {
        var me = http.User.StaffId();
        var department = await db.Users.Where(u => u.Id == me).Select(u => u.Department).SingleAsync();
        return new Reader(http.User.Badge(), department, http.User.Can(Capability.SeeAllCards), http.User.Can(Capability.SeeDepartment));
    }
}
