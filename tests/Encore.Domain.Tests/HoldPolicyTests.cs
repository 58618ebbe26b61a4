using Encore.Domain;
using static Encore.Tests.VenueTime;

namespace Encore.Domain.Tests;

public sealed class HoldPolicyTests
{
    private static readonly HouseRules Rules = HouseRules.Defaults;

    [Theory]
    // arrival (Shanghai, night of 2026-11-20), assigned at (or empty), expected hold until
    [InlineData("2026-11-20T19:00", "", "2026-11-20T21:00")]
    [InlineData("2026-11-20T20:44", "", "2026-11-20T21:00")]
    [InlineData("2026-11-20T20:44:59", "2026-11-20T20:58", "2026-11-20T21:00")] // early: assignment does not extend it
    [InlineData("2026-11-20T20:45", "", "2026-11-20T21:05")]
    [InlineData("2026-11-20T20:46", "", "2026-11-20T21:06")]
    [InlineData("2026-11-20T20:46", "2026-11-20T20:30", "2026-11-20T21:06")] // assigned before arrival: from arrival
    [InlineData("2026-11-20T20:46", "2026-11-20T21:00", "2026-11-20T21:20")] // assigned later: from assignment
    [InlineData("2026-11-20T21:00", "", "2026-11-20T21:20")]
    [InlineData("2026-11-20T22:44", "", "2026-11-20T23:04")]
    [InlineData("2026-11-20T22:45", "", "2026-11-20T23:05")]
    [InlineData("2026-11-20T22:46", "", "2026-11-20T23:06")]
    [InlineData("2026-11-21T01:00", "", "2026-11-21T01:20")]
    [InlineData("2026-11-21T05:59", "", "2026-11-21T06:19")] // still the night of the 20th: a late arrival
    [InlineData("2026-11-21T06:00", "", "2026-11-21T21:00")] // the cut-off: a new business day, an early arrival
    public void Hold_until_follows_the_window_of_the_arrival(string arrival, string assigned, string expected)
    {
        var assignedAt = assigned == "" ? (DateTimeOffset?)null : T(assigned);
        Assert.Equal(T(expected), HoldPolicy.HoldUntil(T(arrival), assignedAt, Rules));
    }

    [Theory]
    // arrival, assigned at, expected hold until (Shanghai, night of 2026-11-20): from 20:45 on the hold runs
    // 20 minutes from the later of the arrival and the moment the desk assigned the room.
    [InlineData("2026-11-20T20:45", "2026-11-20T20:45", "2026-11-20T21:05")]       // assigned on arrival
    [InlineData("2026-11-20T20:45", "2026-11-20T20:45:01", "2026-11-20T21:05:01")] // a second later: counted from it
    [InlineData("2026-11-20T20:45", "2026-11-20T20:52", "2026-11-20T21:12")]
    [InlineData("2026-11-20T21:30", "2026-11-20T21:29:59", "2026-11-20T21:50")]    // assigned just before: from arrival
    [InlineData("2026-11-20T21:30", "2026-11-20T21:30:01", "2026-11-20T21:50:01")]
    [InlineData("2026-11-20T22:45", "2026-11-20T22:44", "2026-11-20T23:05")]
    [InlineData("2026-11-20T22:45", "2026-11-20T23:30", "2026-11-20T23:50")]       // last standard arrival, assigned late
    [InlineData("2026-11-20T22:46", "2026-11-20T22:46", "2026-11-20T23:06")]       // late window
    [InlineData("2026-11-20T22:46", "2026-11-20T23:10", "2026-11-20T23:30")]
    [InlineData("2026-11-20T23:50", "2026-11-21T00:15", "2026-11-21T00:35")]       // assigned after midnight
    [InlineData("2026-11-21T01:00", "2026-11-21T01:40", "2026-11-21T02:00")]
    [InlineData("2026-11-21T01:00", "2026-11-21T00:40", "2026-11-21T01:20")]       // assigned before arrival
    public void From_the_standard_window_on_the_hold_counts_from_the_assignment_when_it_comes_after_the_arrival(
        string arrival, string assigned, string expected)
    {
        var holdUntil = HoldPolicy.HoldUntil(T(arrival), T(assigned), Rules);
        Assert.Equal(T(expected), holdUntil);
        Assert.False(HoldPolicy.HasLapsed(holdUntil, holdUntil.AddSeconds(-1)));
        Assert.True(HoldPolicy.HasLapsed(holdUntil, holdUntil));
    }

    [Theory]
    // Standard hold 15 minutes, late hold 30: the window is the arrival's, whenever the room is assigned.
    [InlineData("2026-11-20T22:45", "2026-11-20T23:00", "2026-11-20T23:15")] // standard arrival assigned in the late window
    [InlineData("2026-11-20T22:46", "2026-11-20T23:00", "2026-11-20T23:30")]
    [InlineData("2026-11-20T20:45", "2026-11-20T20:50", "2026-11-20T21:05")]
    [InlineData("2026-11-20T20:44", "2026-11-20T20:50", "2026-11-20T21:00")] // early: held until 21:00 whatever the assignment
    public void The_window_is_the_arrivals_and_the_hold_minutes_are_house_rules(string arrival, string assigned, string expected)
    {
        var rules = Rules with { Bookings = Rules.Bookings with { StandardHoldMinutes = 15, LateHoldMinutes = 30 } };
        Assert.Equal(T(expected), HoldPolicy.HoldUntil(T(arrival), T(assigned), rules));
    }

    [Theory]
    [InlineData("2026-11-20T20:44", HoldPolicy.Window.Early)]
    [InlineData("2026-11-20T20:45", HoldPolicy.Window.Standard)]
    [InlineData("2026-11-20T22:45", HoldPolicy.Window.Standard)]
    [InlineData("2026-11-20T22:46", HoldPolicy.Window.Late)]
    [InlineData("2026-11-21T05:59", HoldPolicy.Window.Late)]
    [InlineData("2026-11-21T06:00", HoldPolicy.Window.Early)]
    public void The_window_is_decided_by_the_time_of_the_night(string arrival, HoldPolicy.Window expected)
    {
        Assert.Equal(expected, HoldPolicy.WindowOf(T(arrival), Rules));
    }

    [Theory]
    [InlineData("2026-11-20T20:59:59", false)]
    [InlineData("2026-11-20T21:00", true)]
    [InlineData("2026-11-20T21:00:01", true)]
    public void A_hold_lapses_at_its_hold_until_instant(string now, bool lapsed)
    {
        Assert.Equal(lapsed, HoldPolicy.HasLapsed(T("2026-11-20T21:00"), T(now)));
    }

    [Fact]
    public void The_windows_are_house_rules()
    {
        var rules = Rules with
        {
            Bookings = Rules.Bookings with
            {
                EarlyArrivalBefore = new(20, 0), EarlyHoldUntil = new(20, 30),
                StandardWindowEnd = new(22, 0), StandardHoldMinutes = 15, LateHoldMinutes = 30,
            },
        };
        Assert.Equal(T("2026-11-20T20:30"), HoldPolicy.HoldUntil(T("2026-11-20T19:59"), null, rules));
        Assert.Equal(T("2026-11-20T20:15"), HoldPolicy.HoldUntil(T("2026-11-20T20:00"), null, rules));
        Assert.Equal(T("2026-11-20T22:15"), HoldPolicy.HoldUntil(T("2026-11-20T22:00"), null, rules));
        Assert.Equal(T("2026-11-20T22:31"), HoldPolicy.HoldUntil(T("2026-11-20T22:01"), null, rules));
    }

    [Fact]
    public void The_cutoff_and_zone_are_house_rules()
    {
        var rules = Rules with { BusinessDay = Rules.BusinessDay with { TimeZone = "UTC", Cutoff = new(5, 0) } };
        // 05:30 UTC is past a 05:00 cut-off: a new night, so an early arrival held until 21:00 UTC.
        Assert.Equal(DateTimeOffset.Parse("2026-11-21T21:00Z"), HoldPolicy.HoldUntil(DateTimeOffset.Parse("2026-11-21T05:30Z"), null, rules));
        Assert.Equal(DateTimeOffset.Parse("2026-11-21T05:15Z"), HoldPolicy.HoldUntil(DateTimeOffset.Parse("2026-11-21T04:55Z"), null, rules));
    }
}
