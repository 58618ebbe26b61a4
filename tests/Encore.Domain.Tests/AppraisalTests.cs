using Encore.Domain;

namespace Encore.Domain.Tests;

/// <summary>SPEC.md "Appraisal (考核)": the scale that turns a measure into 0–100, the total, the periods, the flow and the template's rules.</summary>
public sealed class AppraisalTests
{
    [Theory]
    // zeroAt, fullAt, measure → score
    [InlineData(0, 100, 50, 50)]
    [InlineData(0, 100, 0, 0)]
    [InlineData(0, 100, 100, 100)]
    [InlineData(0, 100, 150, 100)]      // clamped above
    [InlineData(0, 100, -5, 0)]         // clamped below
    [InlineData(50, 100, 75, 50)]
    [InlineData(40, 90, 65, 50)]
    [InlineData(40, 90, 40.5, 1)]
    [InlineData(3, 0, 0, 100)]          // less is better: no complaint scores full
    [InlineData(3, 0, 1, 66.67)]
    [InlineData(3, 0, 3, 0)]
    [InlineData(3, 0, 7, 0)]
    [InlineData(80, 100, 93.33, 66.65)]
    public void A_scale_is_linear_and_clamped(double zeroAt, double fullAt, double measure, double expected) =>
        Assert.Equal((decimal)expected, new AppraisalScale((decimal)zeroAt, (decimal)fullAt).Score((decimal)measure));

    [Fact]
    public void Nothing_to_measure_has_no_score() => Assert.Null(new AppraisalScale(0, 100).Score(null));

    public static TheoryData<int[], decimal?[], decimal?> Totals => new()
    {
        { [30, 18, 12, 20, 20], [100, 50, 0, 80, 70], 30 + 9 + 0 + 16 + 14 },
        { [50, 50], [61.11m, 60], 60.56m },                 // rounded to two decimals
        { [100], [59.99m], 59.99m },
        { [40, 60], [100, null], null },                    // an item still unscored: no total yet
        { [25, 25, 25, 25], [0, 0, 0, 0], 0 },
    };

    [Theory]
    [MemberData(nameof(Totals))]
    public void The_total_is_the_weighted_sum_over_100(int[] weights, decimal?[] scores, decimal? expected) =>
        Assert.Equal(expected, AppraisalFlow.Total(weights.Zip(scores)));

    [Theory]
    [InlineData("2026-11", AppraisalPeriodKind.Month, "2026-11-01", "2026-12-01", "2026-10")]
    [InlineData("2026-01", AppraisalPeriodKind.Month, "2026-01-01", "2026-02-01", "2025-12")]
    [InlineData("2026-Q4", AppraisalPeriodKind.Quarter, "2026-10-01", "2027-01-01", "2026-Q3")]
    [InlineData("2026-Q1", AppraisalPeriodKind.Quarter, "2026-01-01", "2026-04-01", "2025-Q4")]
    [InlineData("2026", AppraisalPeriodKind.Year, "2026-01-01", "2027-01-01", "2025")]
    public void Periods_are_months_quarters_and_years(string text, AppraisalPeriodKind kind, string first, string next, string previous)
    {
        var p = AppraisalPeriod.Parse(text);
        Assert.Equal((text, kind, DateOnly.Parse(first), DateOnly.Parse(next)), (p.Key, p.Kind, p.First, p.Next));
        Assert.Equal(previous, p.Previous().Key);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-Q5")]
    [InlineData("2026-q4")]
    [InlineData("26-11")]
    [InlineData("2026-11-01")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_periods_are_refused(string? text) => Assert.False(AppraisalPeriod.TryParse(text, out _));

    [Fact]
    public void The_appeal_window_closes_to_the_second()
    {
        var published = new DateTimeOffset(2026, 11, 3, 12, 0, 0, TimeSpan.Zero);
        var deadline = AppraisalFlow.AppealDeadline(published, 7);
        Assert.Equal(published.AddDays(7), deadline);
        Assert.True(AppraisalFlow.CanAppeal(published, deadline, 7));
        Assert.False(AppraisalFlow.CanAppeal(published, deadline.AddSeconds(1), 7));
        Assert.Equal(AppraisalStatus.Published, AppraisalFlow.Effective(AppraisalStatus.Published, published, deadline, 7));
        Assert.Equal(AppraisalStatus.Final, AppraisalFlow.Effective(AppraisalStatus.Published, published, deadline.AddSeconds(1), 7));
        Assert.Equal(AppraisalStatus.Appealed, AppraisalFlow.Effective(AppraisalStatus.Appealed, published, deadline.AddDays(30), 7));
    }

    [Fact]
    public void Each_step_once_and_in_order()
    {
        var status = AppraisalStatus.Draft;
        foreach (var step in new[] { AppraisalStep.Self, AppraisalStep.Supervisor, AppraisalStep.Review, AppraisalStep.Publish, AppraisalStep.Appeal, AppraisalStep.Decide })
        {
            Assert.True(AppraisalFlow.Table.CanMove(status, step), $"{step} from {status}");
            var next = AppraisalFlow.Table.Apply(status, step);
            Assert.False(AppraisalFlow.Table.CanMove(next, step), $"{step} twice");
            status = next;
        }
        Assert.Equal(AppraisalStatus.Final, status);
        Assert.False(AppraisalFlow.Table.CanMove(AppraisalStatus.Draft, AppraisalStep.Supervisor));
        Assert.False(AppraisalFlow.Table.CanMove(AppraisalStatus.Self, AppraisalStep.Publish));
        Assert.False(AppraisalFlow.Table.CanMove(AppraisalStatus.Final, AppraisalStep.Appeal));
    }

    [Theory]
    [InlineData(new[] { 50.0, 40.0 }, 2, true)]
    [InlineData(new[] { 50.0, 60.0 }, 2, false)]          // the pass mark itself passes
    [InlineData(new[] { 59.99, 59.99 }, 2, true)]
    [InlineData(new[] { 40.0, 80.0, 40.0 }, 2, false)]    // not in a row
    [InlineData(new[] { 40.0 }, 2, false)]
    [InlineData(new[] { 90.0, 40.0, 40.0 }, 2, true)]
    [InlineData(new[] { 40.0, 40.0 }, 3, false)]
    public void Failing_in_a_row(double[] totals, int inARow, bool expected) =>
        Assert.Equal(expected, AppraisalFlow.FailedInARow(totals.Select(t => (decimal?)t).ToList(), 60, inARow));

    [Fact]
    public void A_missing_period_breaks_the_run() => Assert.False(AppraisalFlow.FailedInARow([40m, null], 60, 2));

    [Theory]
    [InlineData(1, 0)]
    [InlineData(3, 50)]
    [InlineData(3.8, 70)]
    [InlineData(5, 100)]
    public void A_1_to_5_rating_maps_onto_0_to_100(double rating, double score) => Assert.Equal((decimal)score, AppraisalFlow.RatingToScore((decimal)rating));

    private static AppraisalItem Item(string key, int weight, string source = AppraisalSources.Manual, AppraisalScale? scale = null) => new(key, key, weight, source, scale);

    [Fact]
    public void A_template_adds_up_to_100_and_names_each_bad_item()
    {
        Assert.Empty(AppraisalFlow.Validate([Item("a", 60), Item("b", 40, AppraisalSources.Satisfaction, new(40, 90))]));
        Assert.Equal([new RuleProblem("weight", "sum", 100)], AppraisalFlow.Validate([Item("a", 60), Item("b", 30)]));
        var problems = AppraisalFlow.Validate([Item("a", 50), Item("a", 20), Item("c", 30, "bonus"), Item("d", 0, AppraisalSources.Complaints), Item("e", 0, AppraisalSources.Fines, new(5, 5)), Item("1x", 0)]);
        Assert.Equal(["items[1].key", "items[2].source", "items[3].scale", "items[4].scale", "items[5].key"], problems.Select(p => p.Field).ToArray());
        Assert.Equal("required", AppraisalFlow.Validate([])[0].Rule);
    }
}
