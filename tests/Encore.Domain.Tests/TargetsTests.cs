using Encore.Domain;
using static Encore.Tests.VenueTime;

namespace Encore.Domain.Tests;

public sealed class TargetsTests
{
    private static readonly HouseRules Rules = HouseRules.Defaults;
    [Theory]
    // The card of the night of the 20th may be signed until the 21st's business day ends: 06:00 on the 22nd.
    [InlineData("2026-11-21T05:00", "2026-11-20", true)]
    [InlineData("2026-11-21T23:00", "2026-11-21", true)]
    [InlineData("2026-11-22T05:59:59", "2026-11-21", true)]
    [InlineData("2026-11-22T06:00", "2026-11-22", false)]
    public void A_card_can_be_signed_until_the_next_business_day_ends(string now, string today, bool can)
    {
        Assert.Equal(can, Targets.CanSign(new DateOnly(2026, 11, 20), T(now), DateOnly.Parse(today), Rules));
    }

    [Fact]
    public void A_card_of_a_night_not_yet_begun_cannot_be_signed()
    {
        Assert.False(Targets.CanSign(new DateOnly(2026, 11, 21), T("2026-11-20T23:00"), new DateOnly(2026, 11, 20), Rules));
    }

    [Fact]
    public void The_deadline_is_a_house_rule()
    {
        var rules = Rules with { Performance = Rules.Performance with { CardSignDeadlineDays = 0 } };
        Assert.Equal(T("2026-11-21T06:00"), Targets.SignDeadline(new DateOnly(2026, 11, 20), rules));
    }

    [Theory]
    [InlineData(150000, 300000, 0.5)]
    [InlineData(300000, 300000, 1)]
    [InlineData(0, 0, 0)]
    public void Attainment_is_spend_over_target(double spend, double target, double expected)
    {
        Assert.Equal((decimal)expected, Targets.Attainment((decimal)spend, (decimal)target));
    }

    [Theory]
    [InlineData(new[] { true, false, false }, true)]
    [InlineData(new[] { false, true, false }, false)]
    [InlineData(new[] { false }, false)]
    [InlineData(new[] { false, false, true }, false)]
    [InlineData(new[] { false, false }, true)]          // exactly two months, both missed
    [InlineData(new[] { true, false, false, false }, true)]
    [InlineData(new[] { true, true }, false)]
    [InlineData(new bool[0], false)]
    public void Two_missed_months_in_a_row_flag_a_review(bool[] months, bool flagged)
    {
        Assert.Equal(flagged, Targets.FlaggedForReview(months, Rules));
    }

    [Theory]
    [InlineData(3, new[] { false, false }, false)]
    [InlineData(3, new[] { false, false, false }, true)]
    [InlineData(3, new[] { false, true, false, false }, false)]
    [InlineData(1, new[] { true, false }, true)]
    [InlineData(1, new[] { false, true }, false)]
    [InlineData(0, new[] { false, false }, false)]        // a count of zero would flag everyone: it flags nobody
    [InlineData(0, new bool[0], false)]
    public void The_months_in_a_row_for_a_review_are_a_house_rule(int months, bool[] monthsMet, bool flagged)
    {
        var rules = Rules with { Performance = Rules.Performance with { MissedMonthsForReview = months } };
        Assert.Equal(flagged, Targets.FlaggedForReview(monthsMet, rules));
    }

    [Fact]
    public void A_target_is_met_only_with_both_spend_and_rooms()
    {
        Assert.True(Targets.Met(300000, 60, 300000, 60));
        Assert.False(Targets.Met(400000, 59, 300000, 60));
    }
}
