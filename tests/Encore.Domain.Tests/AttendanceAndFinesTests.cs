using Encore.Domain;
using static Encore.Tests.VenueTime;

namespace Encore.Domain.Tests;

public sealed class AttendanceAndFinesTests
{
    private static readonly HouseRules Rules = HouseRules.Defaults;
    private static readonly DateOnly Night = new(2026, 11, 20);
    [Theory]
    [InlineData("2026-11-20T17:59:59", false, false, false)]
    [InlineData("2026-11-20T18:00", false, false, false)]
    [InlineData("2026-11-20T18:00:01", false, true, true)]
    [InlineData("2026-11-20T18:01", true, true, false)]   // called in: late, but no suspension
    [InlineData("2026-11-20T23:00", false, true, true)]
    public void A_sign_in_after_the_time_is_late_and_without_a_call_in_costs_the_day(string at, bool calledIn, bool late, bool severe)
    {
        var c = AttendancePolicy.Lateness(Night, T(at), calledIn, Rules);
        Assert.Equal(late, c.Late);
        Assert.Equal(severe, c.NoPay);
        Assert.Equal(severe, c.BookingSuspended);
        Assert.Equal(severe, c.PerformanceCancelled);
    }

    [Theory]
    [InlineData("2026-11-21T01:59", true)]
    [InlineData("2026-11-21T02:00", false)]
    [InlineData("2026-11-20T23:30", true)]
    [InlineData("2026-11-21T03:00", false)]
    public void Signing_out_before_closing_is_leaving_early(string at, bool early)
    {
        Assert.Equal(early, AttendancePolicy.LeftEarly(Night, T(at), Rules));
    }

    [Theory]
    [InlineData("2026-11-20T16:00", "2026-11-20T17:00", true)]
    [InlineData("2026-11-20T16:00:01", "2026-11-20T17:00", false)]
    [InlineData("2026-11-20T15:00", "2026-11-20T17:00", true)]
    public void A_customer_dinner_is_asked_for_an_hour_ahead(string requested, string from, bool ok)
    {
        Assert.Equal(ok, AttendancePolicy.DinnerNoticeOk(T(requested), T(from), Rules));
    }

    [Theory]
    [InlineData("2026-11-20T20:29", true)]
    [InlineData("2026-11-20T20:30", true)]
    [InlineData("2026-11-20T20:30:01", false)]
    [InlineData(null, false)]
    public void Back_from_dinner_by_half_past_eight(string? back, bool inTime)
    {
        Assert.Equal(inTime, AttendancePolicy.DinnerBackInTime(Night, back is null ? null : T(back), Rules));
    }

    [Theory]
    [InlineData("2026-11-20T21:04:59", true)]
    [InlineData("2026-11-20T21:05", true)]
    [InlineData("2026-11-20T21:05:01", false)]
    [InlineData(null, false)]
    public void A_ping_is_answered_within_five_minutes_or_it_is_off_post(string? answered, bool inTime)
    {
        Assert.Equal(inTime, AttendancePolicy.PingAnsweredInTime(T("2026-11-20T21:00"), answered is null ? null : T(answered), Rules));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    public void The_second_off_post_in_a_month_proposes_suspension(int count, bool proposes)
    {
        Assert.Equal(proposes, AttendancePolicy.ProposesSuspension(count, Rules));
    }

    [Theory]
    [InlineData(200, 1, 1000)]
    [InlineData(200, 2, 2000)]
    [InlineData(150.5, 1, 752.5)]
    public void Tips_cost_five_then_ten_times(double tip, int offence, double fine)
    {
        Assert.Equal((decimal)fine, FineSchedule.TipFine((decimal)tip, offence, Rules.Fines));
    }

    [Fact]
    public void The_third_tips_offence_is_dismissal()
    {
        Assert.Null(FineSchedule.TipFine(200, 3, Rules.Fines));
    }

    [Fact]
    public void A_shared_fine_is_split_40_30_30_and_adds_up()
    {
        var parts = FineSchedule.Split(333.33m, shared: true, foundByFloorManager: false, Rules.Fines);
        Assert.Equal([133.33m, 100.00m, 100.00m], parts.Select(p => p.Amount));
        Assert.Equal([FineSchedule.Party.FloorManager, FineSchedule.Party.DepartmentHead, FineSchedule.Party.Offender], parts.Select(p => p.Party));
        Assert.Equal(333.33m, parts.Sum(p => p.Amount));
        var five = FineSchedule.Split(500m, true, false, Rules.Fines);
        Assert.Equal([200m, 150m, 150m], five.Select(p => p.Amount));
    }

    [Fact]
    public void A_floor_manager_who_found_and_reported_it_bears_none()
    {
        var parts = FineSchedule.Split(500m, shared: true, foundByFloorManager: true, Rules.Fines);
        Assert.Equal(FineSchedule.Party.Offender, Assert.Single(parts).Party);
        Assert.Equal(500m, parts[0].Amount);
    }

    [Fact]
    public void The_split_and_multipliers_are_house_rules()
    {
        var fines = Rules.Fines with { FloorManagerShare = 0.5m, DepartmentHeadShare = 0.2m, OffenderShare = 0.3m, TipMultipliers = [3, 6, 9] };
        Assert.Equal([250m, 100m, 150m], FineSchedule.Split(500m, true, false, fines).Select(p => p.Amount));
        Assert.Equal(1800m, FineSchedule.TipFine(200, 3, fines));
    }
}
