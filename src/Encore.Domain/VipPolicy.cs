namespace Encore.Domain;

/// <summary>
/// SPEC.md "VIP": levels from spend and frequency over the house-rule window (RFM): customers ranked by spend in
/// the window, at least two visits for a level; the top <see cref="CustomerRules.VipDiamondShare"/> (default 5%)
/// diamond, down to the top <see cref="CustomerRules.VipGoldShare"/> (default 20%) gold, the rest with two visits
/// or more silver (each share of the ranked customers rounded up). The top <see cref="CustomerRules.ExclusiveManagerTopCount"/> may get an exclusive manager.
/// </summary>
public static class VipPolicy
{
    public sealed record Activity(Guid CustomerId, decimal Spend, int Visits);

    public static Dictionary<Guid, string> Levels(IReadOnlyCollection<Activity> activity, CustomerRules rules)
    {
        var ranked = activity.Where(a => a.Visits >= 2 && a.Spend > 0)
            .OrderByDescending(a => a.Spend).ThenByDescending(a => a.Visits).ThenBy(a => a.CustomerId).ToList();
        var diamond = (int)Math.Ceiling(ranked.Count * rules.VipDiamondShare);
        var gold = (int)Math.Ceiling(ranked.Count * rules.VipGoldShare);
        var levels = new Dictionary<Guid, string>();
        for (var i = 0; i < ranked.Count; i++)
            levels[ranked[i].CustomerId] = i < diamond ? "diamond" : i < gold ? "gold" : "silver";
        return levels;
    }

    /// <summary>The customers eligible for an exclusive manager: the top N by spend among the VIPs.</summary>
    public static IReadOnlyList<Guid> Top(IReadOnlyCollection<Activity> activity, CustomerRules rules) =>
        activity.Where(a => a.Visits >= 2 && a.Spend > 0).OrderByDescending(a => a.Spend).ThenBy(a => a.CustomerId)
            .Take(rules.ExclusiveManagerTopCount).Select(a => a.CustomerId).ToList();
}
