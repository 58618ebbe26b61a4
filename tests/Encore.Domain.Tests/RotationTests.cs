using Encore.Domain;
using static Encore.Domain.Rotation;

namespace Encore.Domain.Tests;

public sealed class RotationTests
{
    private static List<Member> Queue(params string[] badges) =>
        badges.Select((b, i) => new Member(b, i + 1, null)).ToList();

    private static List<Member> Give(List<Member> queue, int walkIns, Func<int, string, Unavailable?>? reasonAt = null)
    {
        var given = new List<string>();
        for (var w = 0; w < walkIns; w++)
        {
            var now = queue.Select(m => m with { Reason = reasonAt?.Invoke(w, m.Badge) }).ToList();
            var pick = Next(now)!;
            given.Add(pick.Chosen.Badge);
            queue = queue.Select(m => m.Badge == pick.Chosen.Badge ? m with { Position = pick.NewPosition } : m).ToList();
        }
        Given = given;
        return queue;
    }

    private static List<string> Given { get; set; } = [];

    [Fact]
    public void Walk_ins_go_round_in_the_order_of_the_queue()
    {
        Give(Queue("m01", "m02", "m03"), 7);
        Assert.Equal(["m01", "m02", "m03", "m01", "m02", "m03", "m01"], Given);
    }

    [Fact]
    public void A_busy_manager_is_skipped_and_keeps_their_place()
    {
        // m01 is busy for the first two walk-ins: m02 and m03 take them, then m01 is first again.
        Give(Queue("m01", "m02", "m03"), 5, (w, b) => b == "m01" && w < 2 ? Unavailable.Busy : null);
        Assert.Equal(["m02", "m03", "m01", "m02", "m03"], Given);
    }

    [Fact]
    public void The_skipped_are_reported_with_their_reason()
    {
        var queue = new List<Member> { new("m01", 1, Unavailable.OnLeave), new("m02", 2, Unavailable.Suspended), new("m03", 3, null) };
        var pick = Next(queue)!;
        Assert.Equal("m03", pick.Chosen.Badge);
        Assert.Equal([("m01", Unavailable.OnLeave), ("m02", Unavailable.Suspended)], pick.Skipped.Select(s => (s.Badge, s.Reason!.Value)));
        Assert.Equal(4, pick.NewPosition);
    }

    [Fact]
    public void Managers_on_the_same_position_are_ordered_by_badge_whatever_order_they_come_in()
    {
        // Two managers signing in at once can get the same position: the queue must still decide alone.
        Member a = new("m01", 3, null), b = new("m02", 3, null), c = new("m10", 3, null), first = new("m09", 2, null);
        Assert.Equal(["m09", "m01", "m02", "m10"], Order([c, b, a, first]).Select(m => m.Badge));
        Assert.Equal(["m09", "m01", "m02", "m10"], Order([a, first, c, b]).Select(m => m.Badge));
        Assert.Equal("m01", Next([c, b, a])!.Chosen.Badge);
        Assert.Equal("m02", Next([c, b, a with { Reason = Unavailable.Busy }])!.Chosen.Badge);
    }

    [Fact]
    public void Nobody_available_means_no_pick()
    {
        Assert.Null(Next([new Member("m01", 1, Unavailable.Busy)]));
        Assert.Null(Next([]));
    }

    [Fact]
    public void A_late_signer_joins_at_the_back()
    {
        var queue = Give(Queue("m01", "m02"), 3);
        // m01 → 3, m02 → 4, m01 → 5: the back is 6.
        Assert.Equal(6, JoinPosition(queue));
    }

    [Theory]
    [InlineData(4, 40)]
    [InlineData(7, 50)]
    [InlineData(12, 97)]
    public void Equally_available_managers_get_counts_that_differ_by_at_most_one(int managers, int walkIns)
    {
        var badges = Enumerable.Range(1, managers).Select(i => $"m{i:00}").ToArray();
        Give(Queue(badges), walkIns);
        var counts = Given.GroupBy(b => b).Select(g => g.Count()).ToList();
        Assert.Equal(managers, counts.Count);
        Assert.True(counts.Max() - counts.Min() <= 1, string.Join(",", counts));
    }
}
