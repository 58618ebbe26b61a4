using Encore.Web.Performance;

namespace Encore.Web.Appraisals;

/// <summary>What other features read of the appraisals: the published results, and the review flags of the month standings.</summary>
public static class AppraisalQueries
{
    private static readonly List<string> Shown = [AppraisalStatus.Published.Code(), AppraisalStatus.Appealed.Code(), AppraisalStatus.Final.Code()];

    /// <summary>Each person's total of a period ("2026-11", "2026-Q4", "2026") once published (published, appealed or final).</summary>
    public static async Task<Dictionary<Guid, decimal>> PublishedTotalsAsync(EncoreDb db, Guid venueId, string period) =>
        await db.Set<Appraisal>().Where(a => a.VenueId == venueId && a.Period == period && Shown.Contains(a.Status) && a.Total != null)
            .ToDictionaryAsync(a => a.StaffId, a => a.Total!.Value);

    public const string MissedTargets = "missedTargets";
    public const string LowSatisfaction = "lowSatisfaction";
    public const string FailedTwice = "failedTwice";

    /// <summary>
    /// The month standings with each row's satisfaction (0–100, as <see cref="AppraisalMeasures"/> measures it, from the guests', complaint resolutions' and return visits' ratings the standings read) and the
    /// reasons for a dismissal review: <c>missedTargets</c> (the existing flag), <c>lowSatisfaction</c> (below
    /// <c>appraisal.satisfactionThreshold</c> × 100 over the month), <c>failedTwice</c> (the last
    /// <c>appraisal.failedPeriodsForReview</c> published appraisals of one kind, of consecutive periods begun by the
    /// end of the month, all below <c>appraisal.passScore</c>).
    /// </summary>
    public static async Task<List<StandingView>> WithReviewAsync(EncoreDb db, VenueNow at, DateOnly first, List<StandingView> rows,
        IEnumerable<AppraisalMeasures.Ratings> ratings, IEnumerable<Domain.Standings.Earner> earners)
    {
        var period = AppraisalPeriod.Parse(first.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        var badges = rows.Select(r => r.Badge.ToUpperInvariant()).ToList();
        // The rows are the earners' (one row per badge): their ids by badge.
        var ids = new Dictionary<string, Guid>();
        foreach (var earner in earners)
            if (badges.Contains(earner.Badge.ToUpperInvariant())) ids.TryAdd(earner.Badge.ToUpperInvariant(), earner.Id);
        var staff = ids.Values.ToList();
        var satisfaction = AppraisalMeasures.Satisfaction(staff, ratings);
        var results = await Compiled.Results.For(db)(db, at.VenueId, staff).ToListAsync();
        var rules = at.Rules.Appraisal;
        var threshold = rules.SatisfactionThreshold * 100m;
        var last = period.Next;
        return rows.Select(r =>
        {
            var id = ids.GetValueOrDefault(r.Badge.ToUpperInvariant());
            decimal? score = satisfaction.TryGetValue(id, out var s) ? s : null;
            var reasons = new List<string>();
            if (r.FlaggedForReview) reasons.Add(MissedTargets);
            if (score < threshold) reasons.Add(LowSatisfaction);
            var mine = results.Where(x => x.StaffId == id).Select(x => (Period: AppraisalPeriod.Parse(x.Period), x.Total)).Where(x => x.Period.First < last).ToList();
            if (mine.GroupBy(x => x.Period.Kind).Any(kind => FailedInARow(kind.ToDictionary(x => x.Period.Key, x => x.Total), kind.MaxBy(x => x.Period.First).Period, rules)))
                reasons.Add(FailedTwice);
            return r with { Satisfaction = score, ReviewReasons = reasons };
        }).ToList();
    }

    private sealed record Result(Guid StaffId, string Period, decimal Total);

    private static readonly System.Linq.Expressions.Expression<Func<Appraisal, bool>> IsShown = CompiledConditions.OneOf<Appraisal>(a => a.Status, Shown);

    /// <summary>The review's queries, compiled once: they run with the standings at every visit of the performance page.</summary>
    private static class Compiled
    {
        public static readonly CompiledQuery<Func<EncoreDb, Guid, List<Guid>, IAsyncEnumerable<Result>>> Results = new(() =>
            EF.CompileAsyncQuery((EncoreDb db, Guid venue, List<Guid> staff) =>
                db.Set<Appraisal>().Where(IsShown).Where(a => a.VenueId == venue && staff.Contains(a.StaffId) && a.Total != null)
                    .Select(a => new Result(a.StaffId, a.Period, a.Total!.Value))));
    }

    /// <summary>The latest published period of a kind and the ones before it, consecutive, all failed.</summary>
    private static bool FailedInARow(Dictionary<string, decimal> totals, AppraisalPeriod latest, Domain.AppraisalRules rules)
    {
        var run = new List<decimal?>();
        var p = latest;
        for (var i = 0; i < rules.FailedPeriodsForReview; i++, p = p.Previous())
            run.Insert(0, totals.TryGetValue(p.Key, out var t) ? t : null);
        return AppraisalFlow.FailedInARow(run, rules.PassScore, rules.FailedPeriodsForReview);
    }
}
