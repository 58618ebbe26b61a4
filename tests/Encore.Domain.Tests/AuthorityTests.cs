using Encore.Domain;

namespace Encore.Domain.Tests;

public sealed class AuthorityTests
{
    private static readonly AuthorityRules Rules = HouseRules.Defaults.Authority;

    [Theory]
    // spend, discount, comps, role, discount exceeded, comps exceeded
    [InlineData(1000, 100, 200, "manager", false, false)]   // exactly 10% and ¥200: within
    [InlineData(1000, 100.01, 0, "manager", true, false)]
    [InlineData(1000, 0, 200.01, "manager", false, true)]
    [InlineData(1000, 150, 500, "departmentHead", false, false)]
    [InlineData(1000, 151, 501, "departmentHead", true, true)]
    [InlineData(1000, 300, 2000, "floorManager", false, false)]
    [InlineData(1000, 301, 2001, "floorManager", true, true)]
    [InlineData(1000, 1000, 99999, "gm", false, false)]
    [InlineData(1000, 1, 1, "host", true, true)]            // the desk has no authority of its own
    [InlineData(0, 1, 0, "departmentHead", true, false)]    // a discount on nothing is 100%
    [InlineData(0, 0, 0, "host", false, false)]             // no spend and no discount: nothing to approve
    [InlineData(0, 0, 0, "manager", false, false)]
    public void A_bill_is_within_the_authority_of_the_role_or_needs_approval(double spend, double discount, double comps, string role, bool overDiscount, bool overComps)
    {
        var excess = Authority.Exceeds(Authority.Of(Rules, [role]), (decimal)spend, (decimal)discount, (decimal)comps);
        Assert.Equal(overDiscount, excess.Discount);
        Assert.Equal(overComps, excess.Comps);
    }

    [Theory]
    // spend, discount, expected rate
    [InlineData(1000, 100, 0.1)]
    [InlineData(1000, 0, 0)]
    [InlineData(1000, 1000, 1)]
    [InlineData(800, 200, 0.25)]
    [InlineData(0, 0, 0)]        // nothing spent, nothing given
    [InlineData(0, 0.01, 1)]     // any discount on nothing is the whole of it
    [InlineData(0, 50, 1)]
    public void The_discount_rate_is_the_discount_over_the_spend(double spend, double discount, double rate)
    {
        Assert.Equal((decimal)rate, Authority.DiscountRate((decimal)spend, (decimal)discount));
    }

    [Fact]
    public void The_largest_authority_among_the_roles_counts()
    {
        Assert.Equal(Rules.FloorManager, Authority.Of(Rules, ["manager", "floorManager"]));
        Assert.Equal(Rules.Manager, Authority.Of(Rules, ["promoter"]));
    }

    [Theory]
    [InlineData("floorManager", 1000, 250, 1500, true)]
    [InlineData("floorManager", 1000, 350, 0, false)]   // beyond the floor manager's own 30%: only the GM
    [InlineData("gm", 1000, 1000, 50000, true)]
    [InlineData("departmentHead", 1000, 120, 0, false)] // department heads do not grant approvals
    [InlineData("manager", 1000, 50, 0, false)]
    public void Only_a_role_whose_own_authority_covers_the_bill_grants_it(string role, double spend, double discount, double comps, bool can)
    {
        Assert.Equal(can, Authority.CanGrant(Rules, [role], (decimal)spend, (decimal)discount, (decimal)comps));
    }

    [Fact]
    public void The_limits_are_house_rules()
    {
        var rules = Rules with { Manager = new RoleAuthority { MaxDiscountRate = 0.05m, MaxCompValue = 100 } };
        Assert.True(Authority.Exceeds(Authority.Of(rules, ["manager"]), 1000, 60, 0).Discount);
        Assert.True(Authority.Exceeds(Authority.Of(rules, ["manager"]), 1000, 0, 101).Comps);
    }

    [Theory]
    // Granted by a floor manager: 20,000 off a claimed 100,000 (20%).
    [InlineData(100000, 20000, 0, true)]
    [InlineData(100000, 15000, 0, true)]
    [InlineData(20000, 20000, 0, false)]   // the same amount on a lower bill is 100% off
    [InlineData(80000, 20000, 0, false)]   // 25%: above the 20% granted
    [InlineData(200000, 20000, 0, true)]   // 10%: less than granted
    [InlineData(100000, 20001, 0, false)]  // more than the amount granted
    [InlineData(100000, 20000, 1, false)]  // comps that were not granted
    public void A_bill_stays_within_its_approval_by_amount_rate_and_the_granters_authority(decimal spend, decimal discount, decimal comps, bool within) =>
        Assert.Equal(within, Authority.WithinApproval(new AuthorityRules(), [Roles.FloorManager], 100000, 20000, 0, spend, discount, comps));

    [Fact]
    public void A_bill_beyond_the_granters_own_authority_is_not_within_the_approval()
    {
        // 40% granted by the GM stays valid; the same approval recorded as a floor manager's is beyond their 30%.
        Assert.True(Authority.WithinApproval(new AuthorityRules(), [Roles.Gm], 10000, 4000, 0, 10000, 4000, 0));
        Assert.False(Authority.WithinApproval(new AuthorityRules(), [Roles.FloorManager], 10000, 4000, 0, 10000, 4000, 0));
    }
}
