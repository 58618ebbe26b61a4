using Encore.Domain;

namespace Encore.Domain.Tests;

public sealed class VipPolicyTests
{
    [Fact]
    public void Levels_follow_spend_rank_among_repeat_customers()
    {
        var activity = Enumerable.Range(1, 40)
            .Select(i => new VipPolicy.Activity(new Guid(i, 0, 0, new byte[8]), i * 1000m, i % 10 == 0 ? 1 : 3))
            .ToList();
        var levels = VipPolicy.Levels(activity, new CustomerRules());
        // 36 repeat customers: ceil(5%) = 2 diamond, ceil(20%) = 8 down to gold, the rest silver; one-visit customers none.
        Assert.Equal(2, levels.Count(l => l.Value == "diamond"));
        Assert.Equal(6, levels.Count(l => l.Value == "gold"));
        Assert.Equal(28, levels.Count(l => l.Value == "silver"));
        Assert.Equal("diamond", levels[new Guid(39, 0, 0, new byte[8])]);
        Assert.False(levels.ContainsKey(new Guid(40, 0, 0, new byte[8]))); // the biggest spender came once
    }

    private static Guid Id(int i) => new(i, 0, 0, new byte[8]);

    [Theory]
    // spend, visits, gets a level (among 19 regular repeat customers)
    [InlineData(5000, 2, true)]    // two visits are enough
    [InlineData(5000, 1, false)]   // one visit is not, however much was spent
    [InlineData(5000, 0, false)]
    [InlineData(0, 5, false)]      // no spend in the window: no VIP level
    [InlineData(0.01, 2, true)]
    public void A_level_needs_two_visits_and_some_spend(double spend, int visits, bool hasLevel)
    {
        var activity = Enumerable.Range(1, 19).Select(i => new VipPolicy.Activity(Id(i), i * 100m, 3))
            .Append(new VipPolicy.Activity(Id(99), (decimal)spend, visits)).ToList();
        Assert.Equal(hasLevel, VipPolicy.Levels(activity, new CustomerRules()).ContainsKey(Id(99)));
    }

    [Fact]
    public void On_equal_spend_the_more_frequent_customer_ranks_higher()
    {
        // 20 ranked customers: ceil(5%) = 1 diamond. The two biggest spenders tie on spend; frequency decides.
        var activity = Enumerable.Range(1, 18).Select(i => new VipPolicy.Activity(Id(i), i * 100m, 2))
            .Append(new VipPolicy.Activity(Id(50), 9000m, 2))
            .Append(new VipPolicy.Activity(Id(60), 9000m, 5))
            .ToList();
        var levels = VipPolicy.Levels(activity, new CustomerRules());
        Assert.Equal("diamond", levels[Id(60)]);
        Assert.Equal("gold", levels[Id(50)]);
        Assert.Equal(1, levels.Count(l => l.Value == "diamond"));
    }

    [Theory]
    // spend, visits, among the top 10 (only six customers, so every VIP is)
    [InlineData(10_000, 2, true)]
    [InlineData(10_000, 1, false)]   // a one-time big spender is no VIP
    [InlineData(0, 9, false)]        // nor a frequent guest who spent nothing
    public void Only_VIPs_are_among_the_top_for_an_exclusive_manager(double spend, int visits, bool top)
    {
        var activity = Enumerable.Range(1, 5).Select(i => new VipPolicy.Activity(Id(i), i * 100m, 2))
            .Append(new VipPolicy.Activity(Id(99), (decimal)spend, visits)).ToList();
        var rules = HouseRules.Defaults.Customers with { ExclusiveManagerTopCount = 10 };
        var chosen = VipPolicy.Top(activity, rules);
        Assert.Equal(top ? 6 : 5, chosen.Count);
        Assert.Equal(top, chosen.Contains(Id(99)));
    }

    [Fact]
    public void The_top_customers_for_an_exclusive_manager_are_a_house_rule()
    {
        var activity = Enumerable.Range(1, 30).Select(i => new VipPolicy.Activity(new Guid(i, 0, 0, new byte[8]), i, 2)).ToList();
        var rules = HouseRules.Defaults.Customers with { ExclusiveManagerTopCount = 3 };
        Assert.Equal([30, 29, 28], VipPolicy.Top(activity, rules).Select(g => BitConverter.ToInt32(g.ToByteArray(), 0)));
    }

    [Theory]
    // 20 ranked customers. A share of exactly k/20 makes k; a hair more rounds up to k + 1 (issue 14: house rules).
    [InlineData(0.10, 0.50, 2, 8)]
    [InlineData(0.1001, 0.50, 3, 7)]
    [InlineData(0.10, 0.5001, 2, 9)]
    [InlineData(0, 0, 0, 0)]
    public void The_tiers_are_the_house_rule_shares_rounded_up(double diamondShare, double goldShare, int diamond, int gold)
    {
        var activity = Enumerable.Range(1, 20).Select(i => new VipPolicy.Activity(Id(i), i * 100m, 2)).ToList();
        var rules = HouseRules.Defaults.Customers with { VipDiamondShare = (decimal)diamondShare, VipGoldShare = (decimal)goldShare };
        var levels = VipPolicy.Levels(activity, rules);
        Assert.Equal(diamond, levels.Count(l => l.Value == "diamond"));
        Assert.Equal(gold, levels.Count(l => l.Value == "gold"));
        Assert.Equal(20 - diamond - gold, levels.Count(l => l.Value == "silver"));
        if (diamond > 0) Assert.Equal("diamond", levels[Id(20)]);
    }
}
