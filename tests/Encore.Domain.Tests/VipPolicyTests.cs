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
        var levels = VipPolicy.Levels(activity);
        // 36 repeat customers: ceil(5%) = 2 diamond, ceil(20%) = 8 down to gold, the rest silver; one-visit customers none.
        Assert.Equal(2, levels.Count(l => l.Value == "diamond"));
        Assert.Equal(6, levels.Count(l => l.Value == "gold"));
        Assert.Equal(28, levels.Count(l => l.Value == "silver"));
        Assert.Equal("diamond", levels[new Guid(39, 0, 0, new byte[8])]);
        Assert.False(levels.ContainsKey(new Guid(40, 0, 0, new byte[8]))); // the biggest spender came once
    }

    [Fact]
    public void The_top_customers_for_an_exclusive_manager_are_a_house_rule()
    {
        var activity = Enumerable.Range(1, 30).Select(i => new VipPolicy.Activity(new Guid(i, 0, 0, new byte[8]), i, 2)).ToList();
        var rules = HouseRules.Defaults.Customers with { ExclusiveManagerTopCount = 3 };
        Assert.Equal([30, 29, 28], VipPolicy.Top(activity, rules).Select(g => BitConverter.ToInt32(g.ToByteArray(), 0)));
    }
}
