namespace Encore.Domain.Tests;

/// <summary>SPEC.md "Appraisal and training": places, points, best and last lists, teams (<see cref="Rankings"/>).</summary>
public sealed class RankingsTests
{
    private static readonly RankingRules Rules = new();

    private static Rankings.Entry E(string badge, decimal? score, string team = "A", int complaints = 0, int fines = 0, int praise = 0) =>
        new(badge, badge.ToUpperInvariant(), team, score, complaints, fines, praise);

    [Fact]
    public void Equal_scores_share_a_place_and_the_next_place_is_skipped()
    {
        var places = Rankings.Places([("a", 90), ("b", 80), ("c", 90), ("d", 70)]);
        Assert.Equal(1, places["a"]);
        Assert.Equal(1, places["c"]);
        Assert.Equal(3, places["b"]);
        Assert.Equal(4, places["d"]);
    }

    [Theory]
    [InlineData(1, 5, 5, 5)]
    [InlineData(2, 5, 5, 3)]
    [InlineData(3, 5, 5, 1)]
    [InlineData(4, 5, 5, 0)]
    [InlineData(5, 5, 5, -3)]
    [InlineData(3, 3, 3, 1)]   // three ranked: the last is also third and earns
    [InlineData(4, 4, 4, -3)]  // four ranked: the last loses
    public void Place_points_follow_the_house_rules(int place, int lastPlace, int ranked, int points) =>
        Assert.Equal(points, Rankings.PlacePoints(place, lastPlace, ranked, Rules));

    [Fact]
    public void Points_are_place_points_less_complaints_and_fines_plus_commendations()
    {
        var month = Rankings.Rank([E("a", 95, complaints: 1, praise: 2), E("b", 90, fines: 3), E("c", 80), E("d", 60, complaints: 2), E("e", null, praise: 1)], Rules);
        var a = month.Rows.Single(r => r.Badge == "a");
        Assert.Equal(5 - 2 + 4, a.Points);
        Assert.Equal(3 - 3, month.Rows.Single(r => r.Badge == "b").Points);
        Assert.Equal(-3 - 4, month.Rows.Single(r => r.Badge == "d").Points);
        // Without a score: no place, no place points, but praise still counts.
        var e = month.Rows.Single(r => r.Badge == "e");
        Assert.Null(e.Place);
        Assert.Equal(2, e.Points);
        Assert.Equal(["a", "b", "c"], month.Best.Select(r => r.Badge));
        Assert.Equal(["d"], month.Worst.Select(r => r.Badge));
    }

    [Fact]
    public void The_last_list_never_repeats_the_best_and_holds_the_bottom_places()
    {
        var six = Rankings.Rank([E("a", 9), E("b", 8), E("c", 7), E("d", 6), E("e", 5), E("f", 4)], Rules);
        Assert.Equal(["f", "e", "d"], six.Worst.Select(r => r.Badge));
        var two = Rankings.Rank([E("a", 9), E("b", 8)], Rules);
        Assert.Equal(["a", "b"], two.Best.Select(r => r.Badge));
        Assert.Empty(two.Worst);
        var listedOne = Rankings.Rank([E("a", 9), E("b", 8), E("c", 7)], Rules with { Listed = 1 });
        Assert.Equal(["a"], listedOne.Best.Select(r => r.Badge));
        Assert.Equal(["c"], listedOne.Worst.Select(r => r.Badge));
    }

    [Fact]
    public void Each_team_has_its_own_best_and_last_and_a_team_of_one_has_no_last()
    {
        var month = Rankings.Rank([E("a", 9, "一部"), E("b", 5, "一部"), E("c", 7, "一部"), E("d", 8, "二部"), E("e", 6, "三部"), E("f", 6, "三部")], Rules);
        var one = month.Teams.Single(t => t.Department == "一部");
        Assert.Equal(["a"], one.Best.Select(r => r.Badge));
        Assert.Equal(["b"], one.Worst.Select(r => r.Badge));
        var two = month.Teams.Single(t => t.Department == "二部");
        Assert.Equal(["d"], two.Best.Select(r => r.Badge));
        Assert.Empty(two.Worst);
        // Tied all through: both best, nobody last.
        var three = month.Teams.Single(t => t.Department == "三部");
        Assert.Equal(["e", "f"], three.Best.Select(r => r.Badge).Order());
        Assert.Empty(three.Worst);
        Assert.Equal(2, month.Rows.Single(r => r.Badge == "c").TeamPlace);
    }
}
