namespace Encore.Domain;

/// <summary>
/// SPEC.md "Performance card and performance": a day's card counts only when signed before the end of the
/// business day <see cref="PerformanceRules.CardSignDeadlineDays"/> after its own; performance is signed spend
/// and signed rooms, measured against monthly targets; missing the target
/// <see cref="PerformanceRules.MissedMonthsForReview"/> months in a row flags a manager for review.
/// </summary>
public static class Targets
{
    /// <summary>The instant after which a card of <paramref name="day"/> can no longer be signed.</summary>
    public static DateTimeOffset SignDeadline(DateOnly day, HouseRules rules) =>
        BusinessDay.End(day.AddDays(rules.Performance.CardSignDeadlineDays),
            BusinessDay.FindZone(rules.BusinessDay.TimeZone), rules.BusinessDay.Cutoff);

    public static bool CanSign(DateOnly day, DateTimeOffset now, DateOnly today, HouseRules rules) =>
        day <= today && now < SignDeadline(day, rules);

    /// <summary>Spend attainment as a fraction of the target (0 when there is no target).</summary>
    public static decimal Attainment(decimal spend, decimal targetSpend) =>
        targetSpend <= 0 ? 0 : decimal.Round(spend / targetSpend, 4);

    public static bool Met(decimal spend, int rooms, decimal targetSpend, int targetRooms) =>
        spend >= targetSpend && rooms >= targetRooms;

    /// <summary>True when the last <paramref name="monthsMet"/> entries (oldest first, complete months only) are all misses, enough of them.</summary>
    public static bool FlaggedForReview(IReadOnlyList<bool> monthsMet, HouseRules rules)
    {
        var n = rules.Performance.MissedMonthsForReview;
        return n > 0 && monthsMet.Count >= n && monthsMet.TakeLast(n).All(met => !met);
    }
}
