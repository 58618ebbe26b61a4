using Encore.Domain;
using static Encore.Domain.Standings;

namespace Encore.Domain.Tests;

/// <summary>The month's standings from rows: signed spend only, promoters rolling up, targets, review flag, new customers, satisfaction.</summary>
public sealed class StandingsTests
{
    private static readonly HouseRules Rules = HouseRules.Defaults with
    {
        Performance = HouseRules.Defaults.Performance with { MonthlySpendTarget = 1000, MonthlyRoomsTarget = 2 },
    };
    private static readonly DateOnly November = new(2026, 11, 1);
    private static readonly Guid M1 = Guid.NewGuid(), M2 = Guid.NewGuid(), P1 = Guid.NewGuid();
    private static DateOnly Day(int month, int day) => new(2026, month, day);

    private static Earner Manager(Guid id, string badge, DateOnly? joined = null, bool active = true) =>
        new(id, badge, badge, "manager", null, active, joined ?? new DateOnly(2026, 1, 5), IsPromoter: false, IsManager: true);

    private static Earner Promoter(Guid id, string badge, Guid manager) =>
        new(id, badge, badge, "promoter", manager, true, new DateOnly(2026, 1, 5), IsPromoter: true, IsManager: false);

    private static Facts With(IEnumerable<Earner> earners, IEnumerable<Session> sessions, IEnumerable<(Guid, DateOnly)>? signed = null,
        IEnumerable<(Guid, DateOnly)>? cancelled = null, IEnumerable<MonthTarget>? targets = null, Dictionary<Guid, int>? newCustomers = null,
        IEnumerable<Rating>? ratings = null) =>
        new([.. earners], [.. sessions], [.. signed ?? []], [.. cancelled ?? []], [.. targets ?? []], newCustomers ?? [], [.. ratings ?? []]);

    private static Standing One(List<Standing> standings, string badge) => standings.Single(s => s.Badge == badge);

    [Fact]
    public void Only_signed_days_count_the_rest_is_shown_as_unsigned()
    {
        var facts = With([Manager(M1, "m01")],
            [new Session(M1, Day(11, 3), 800, 50, 20), new Session(M1, Day(11, 4), 300, 0, 10)],
            signed: [(M1, Day(11, 3))]);
        var s = One(Of(November, Day(11, 10), facts, Rules), "m01");
        Assert.Equal((800m, 1, 300m), (s.Spend, s.Rooms, s.UnsignedSpend));
        // Discounts and comps are shown beside the spend, signed or not, never taken off it.
        Assert.Equal((50m, 30m), (s.Discounts, s.Comps));
        Assert.Equal((0.8m, 0.5m), (s.Attainment, s.RoomsAttainment));
    }

    [Fact]
    public void A_cancelled_day_does_not_count_even_when_signed()
    {
        var facts = With([Manager(M1, "m01")], [new Session(M1, Day(11, 3), 800, 0, 0)],
            signed: [(M1, Day(11, 3))], cancelled: [(M1, Day(11, 3))]);
        var s = One(Of(November, Day(11, 10), facts, Rules), "m01");
        Assert.Equal((0m, 0, 800m), (s.Spend, s.Rooms, s.UnsignedSpend));
    }

    [Fact]
    public void A_promoters_lines_count_for_them_and_for_their_manager_when_the_promoter_signed()
    {
        var facts = With([Manager(M1, "m01"), Promoter(P1, "p01", M1)],
            [new Session(P1, Day(11, 3), 500, 0, 0), new Session(P1, Day(11, 4), 200, 0, 0)],
            signed: [(P1, Day(11, 3)), (M1, Day(11, 4))]);
        var standings = Of(November, Day(11, 10), facts, Rules);
        Assert.Equal((500m, 1, 200m), (One(standings, "p01").Spend, One(standings, "p01").Rooms, One(standings, "p01").UnsignedSpend));
        // The manager's own signature of the 4th does not sign the promoter's line of the 4th.
        Assert.Equal((500m, 1, 200m), (One(standings, "m01").Spend, One(standings, "m01").Rooms, One(standings, "m01").UnsignedSpend));
        Assert.Equal("m01", One(standings, "p01").ManagerBadge);
    }

    [Fact]
    public void Sessions_outside_the_month_do_not_count_in_it()
    {
        var facts = With([Manager(M1, "m01")], [new Session(M1, Day(10, 31), 999, 0, 0), new Session(M1, Day(11, 30), 100, 0, 0)],
            signed: [(M1, Day(10, 31)), (M1, Day(11, 30))]);
        Assert.Equal(100m, One(Of(November, Day(11, 30), facts, Rules), "m01").Spend);
    }

    [Fact]
    public void A_persons_own_target_replaces_the_house_rule_part_by_part()
    {
        var facts = With([Manager(M1, "m01"), Manager(M2, "m02")], [],
            targets: [new MonthTarget(M1, "2026-11", 5000, null), new MonthTarget(M2, "2026-10", 9, 9)]);
        var standings = Of(November, Day(11, 10), facts, Rules);
        Assert.Equal((5000m, 2), (One(standings, "m01").TargetSpend, One(standings, "m01").TargetRooms));
        Assert.Equal((1000m, 2), (One(standings, "m02").TargetSpend, One(standings, "m02").TargetRooms));
    }

    [Fact]
    public void No_target_means_no_attainment()
    {
        var rules = Rules with { Performance = Rules.Performance with { MonthlySpendTarget = 0, MonthlyRoomsTarget = 0 } };
        var facts = With([Manager(M1, "m01")], [new Session(M1, Day(11, 3), 800, 0, 0)], signed: [(M1, Day(11, 3))]);
        var s = One(Of(November, Day(11, 10), facts, rules), "m01");
        Assert.Equal((0m, 0m), (s.Attainment, s.RoomsAttainment));
    }

    [Fact]
    public void Two_missed_complete_months_flag_a_manager_never_for_months_before_they_joined()
    {
        var facts = With([Manager(M1, "m01")], []);
        Assert.True(One(Of(November, Day(11, 10), facts, Rules), "m01").FlaggedForReview);   // September and October missed
        var late = With([Manager(M1, "m01", joined: Day(10, 20))], []);
        Assert.False(One(Of(November, Day(11, 10), late, Rules), "m01").FlaggedForReview);   // only October to judge
        Assert.True(One(Of(November, Day(12, 1), late, Rules), "m01").FlaggedForReview);     // October and a finished November
    }

    [Fact]
    public void A_promoter_is_never_flagged_for_review()
    {
        var facts = With([Manager(M1, "m01"), Promoter(P1, "p01", M1)], []);
        Assert.False(One(Of(November, Day(11, 10), facts, Rules), "p01").FlaggedForReview);
    }

    [Theory]
    [InlineData(14, 0, false)]   // not yet the 15th
    [InlineData(15, 6, true)]
    [InlineData(15, 7, false)]   // the quota is met
    [InlineData(30, 0, true)]
    public void New_customers_are_due_by_the_house_rule_day(int day, int filed, bool due)
    {
        var facts = With([Manager(M1, "m01")], [], newCustomers: new() { [M1] = filed });
        var s = One(Of(November, Day(11, day), facts, Rules), "m01");
        Assert.Equal((filed, 7, due), (s.NewCustomers, s.NewCustomersQuota, s.NewCustomersDue));
    }

    [Fact]
    public void New_customers_are_not_due_once_the_month_is_over()
    {
        var facts = With([Manager(M1, "m01")], []);
        Assert.False(One(Of(November, Day(12, 1), facts, Rules), "m01").NewCustomersDue);
    }

    [Fact]
    public void Satisfaction_is_the_average_of_the_rated_visits_rounded_to_two_places()
    {
        var facts = With([Manager(M1, "m01"), Manager(M2, "m02")], [], ratings: [new Rating(M1, 5), new Rating(M1, 4), new Rating(M1, 4)]);
        var standings = Of(November, Day(11, 10), facts, Rules);
        Assert.Equal(4.33m, One(standings, "m01").Satisfaction);
        Assert.Null(One(standings, "m02").Satisfaction);
    }

    [Fact]
    public void Best_spend_first_then_by_badge_one_row_per_person_and_no_one_inactive()
    {
        var facts = With([Manager(M2, "m02"), Manager(M1, "m01"), Manager(M1, "m01"), Manager(P1, "m03", active: false)],
            [new Session(M2, Day(11, 3), 100, 0, 0)], signed: [(M2, Day(11, 3))]);
        Assert.Equal(["m02", "m01"], Of(November, Day(11, 10), facts, Rules).Select(s => s.Badge));
    }

    [Fact]
    public void The_facts_reach_back_as_far_as_the_review_flag_looks()
    {
        Assert.Equal(new DateOnly(2026, 9, 1), From(November, Rules));
    }
}
