namespace Encore.Domain;

/// <summary>
/// SPEC.md "Appraisal and training": the month's rankings of the customer managers. Places come from each person's
/// score of the month (their published appraisal's total; before any appraisal of the month is published, their spend
/// attainment — see Rankings/RankingsApi.cs); tied scores share a place ("1, 1, 3"). Points: the place's points (first,
/// second, third; the last place loses points), minus points per complaint and per fine, plus points per commendation.
/// A person without a score has no place and no place points, but their complaints, fines and commendations still count.
/// </summary>
public static class Rankings
{
    public sealed record Entry(string Badge, string Name, string Department, decimal? Score, int Complaints, int Fines, int Commendations);

    public sealed record Row(string Badge, string Name, string Department, decimal? Score, int? Place, int? TeamPlace,
        int PlacePoints, int ComplaintPoints, int FinePoints, int CommendationPoints, int Complaints, int Fines, int Commendations)
    {
        public int Points => PlacePoints - ComplaintPoints - FinePoints + CommendationPoints;
    }

    public sealed record Team(string Department, IReadOnlyList<Row> Best, IReadOnlyList<Row> Worst);

    public sealed record Month(IReadOnlyList<Row> Rows, IReadOnlyList<Row> Best, IReadOnlyList<Row> Worst, IReadOnlyList<Team> Teams);

    public static Month Rank(IReadOnlyList<Entry> entries, RankingRules rules)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(rules);
        var places = Places(entries.Where(e => e.Score is not null).Select(e => (e.Badge, e.Score!.Value)));
        var lastPlace = places.Count == 0 ? (int?)null : places.Values.Max();
        var teamPlaces = entries.Where(e => e.Score is not null).GroupBy(e => e.Department)
            .SelectMany(g => Places(g.Select(e => (e.Badge, e.Score!.Value)))).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);

        var rows = entries.Select(e =>
        {
            int? place = places.TryGetValue(e.Badge, out var p) ? p : null;
            int? teamPlace = teamPlaces.TryGetValue(e.Badge, out var t) ? t : null;
            return new Row(e.Badge, e.Name, e.Department, e.Score, place, teamPlace, PlacePoints(place, lastPlace, places.Count, rules),
                e.Complaints * rules.PointsPerComplaint, e.Fines * rules.PointsPerFine, e.Commendations * rules.PointsPerCommendation,
                e.Complaints, e.Fines, e.Commendations);
        }).OrderBy(r => r.Place ?? int.MaxValue).ThenBy(r => r.Badge, StringComparer.Ordinal).ToList();

        var ranked = rows.Where(r => r.Place is not null).ToList();
        var best = ranked.Where(r => r.Place <= rules.Listed).ToList();
        // The worst list never repeats someone already among the best (a team of three has no separate bottom three).
        var worstFrom = ranked.Count == 0 ? 0 : ranked[^1].Place!.Value - rules.Listed + 1;
        var worst = ranked.Where(r => r.Place >= worstFrom && !best.Contains(r)).OrderByDescending(r => r.Place).ThenBy(r => r.Badge, StringComparer.Ordinal).ToList();

        var teams = ranked.GroupBy(r => r.Department).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var members = g.ToList();
            var last = members.Max(r => r.TeamPlace!.Value);
            var teamBest = members.Where(r => r.TeamPlace == 1).ToList();
            // One member only, or all tied: nobody is the team's worst.
            var teamWorst = last == 1 ? [] : members.Where(r => r.TeamPlace == last).ToList();
            return new Team(g.Key, teamBest, teamWorst);
        }).ToList();
        return new Month(rows, best, worst, teams);
    }

    /// <summary>The year's points of one person: the sum of their monthly points.</summary>
    public static int YearPoints(IEnumerable<int> monthlyPoints) => monthlyPoints.Sum();

    /// <summary>Competition places: the highest score first; equal scores share the place, the next place skips ("1, 1, 3").</summary>
    public static Dictionary<string, int> Places(IEnumerable<(string Badge, decimal Score)> scores)
    {
        var ordered = scores.OrderByDescending(s => s.Score).ThenBy(s => s.Badge, StringComparer.Ordinal).ToList();
        var places = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < ordered.Count; i++)
            places[ordered[i].Badge] = i > 0 && ordered[i].Score == ordered[i - 1].Score ? places[ordered[i - 1].Badge] : i + 1;
        return places;
    }

    /// <summary>
    /// The place's points: first, second, third as the house rules say; the last place loses <see cref="RankingRules.PointsLast"/>
    /// when at least four are ranked (in a smaller field the last is also among the three that earn).
    /// </summary>
    public static int PlacePoints(int? place, int? lastPlace, int ranked, RankingRules rules) => place switch
    {
        null => 0,
        1 => rules.PointsFirst,
        2 => rules.PointsSecond,
        3 => rules.PointsThird,
        _ when place == lastPlace && ranked >= 4 => -rules.PointsLast,
        _ => 0,
    };
}
