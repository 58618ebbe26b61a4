using Encore.Domain;

namespace Encore.Domain.Tests;

public sealed class BusinessDayTests
{
    [Theory]
    [InlineData("2026-11-15T01:30:00+08:00", "Asia/Shanghai", "06:00", "2026-11-14")]
    [InlineData("2026-11-15T05:59:59+08:00", "Asia/Shanghai", "06:00", "2026-11-14")]
    [InlineData("2026-11-15T06:00:00+08:00", "Asia/Shanghai", "06:00", "2026-11-15")]
    [InlineData("2026-11-15T06:01:00+08:00", "Asia/Shanghai", "06:00", "2026-11-15")]
    [InlineData("2026-11-14T23:59:00+08:00", "Asia/Shanghai", "06:00", "2026-11-14")]
    [InlineData("2026-11-15T00:00:00+08:00", "Asia/Shanghai", "06:00", "2026-11-14")]
    [InlineData("2026-11-15T04:59:00+08:00", "Asia/Shanghai", "05:00", "2026-11-14")]
    [InlineData("2026-11-15T05:00:00+08:00", "Asia/Shanghai", "05:00", "2026-11-15")]
    [InlineData("2026-11-15T05:30:00+08:00", "Asia/Shanghai", "05:00", "2026-11-15")]
    [InlineData("2026-11-14T17:30:00+00:00", "Asia/Shanghai", "06:00", "2026-11-14")] // 01:30 on the 15th in Shanghai
    [InlineData("2026-11-14T22:00:00+00:00", "Asia/Shanghai", "06:00", "2026-11-15")] // 06:00 on the 15th in Shanghai
    [InlineData("2026-03-29T01:30:00+01:00", "Europe/Berlin", "06:00", "2026-03-28")] // just before the clocks go forward
    [InlineData("2026-03-29T04:59:00Z", "Europe/Berlin", "06:00", "2026-03-29")]      // 06:59 summer time
    [InlineData("2026-10-25T02:30:00+01:00", "Europe/Berlin", "06:00", "2026-10-24")] // the repeated hour, second time
    [InlineData("2026-11-15T00:30:00+08:00", "Asia/Shanghai", "00:00", "2026-11-15")] // cut-off at midnight: calendar days
    [InlineData("2026-03-29T00:59:59Z", "Europe/Berlin", "02:30", "2026-03-28")]      // 01:59:59 winter time, cut-off skipped
    [InlineData("2026-03-29T01:00:00Z", "Europe/Berlin", "02:30", "2026-03-29")]      // 03:00 summer time: past the cut-off
    [InlineData("2026-10-25T00:30:00Z", "Europe/Berlin", "02:30", "2026-10-25")]      // 02:30 summer time: the day starts
    [InlineData("2026-10-25T01:00:00Z", "Europe/Berlin", "02:30", "2026-10-25")]      // 02:00 again, winter time: still the 25th
    public void An_instant_belongs_to_the_business_day_of_its_local_time(string instant, string zone, string cutoff, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), BusinessDay.Of(DateTimeOffset.Parse(instant), BusinessDay.FindZone(zone), TimeOnly.Parse(cutoff)));
    }

    [Theory]
    [InlineData("Asia/Shanghai", "2026-11-14", "06:00", "2026-11-14T06:00:00+08:00", "2026-11-15T06:00:00+08:00", 24)]
    [InlineData("Asia/Shanghai", "2026-11-14", "05:00", "2026-11-14T05:00:00+08:00", "2026-11-15T05:00:00+08:00", 24)]
    [InlineData("Europe/Berlin", "2026-07-01", "06:00", "2026-07-01T06:00:00+02:00", "2026-07-02T06:00:00+02:00", 24)]
    // Clocks go back 03:00 → 02:00 on 2026-10-25: that night lasts 25 hours.
    [InlineData("Europe/Berlin", "2026-10-24", "06:00", "2026-10-24T06:00:00+02:00", "2026-10-25T06:00:00+01:00", 25)]
    // Clocks go forward 02:00 → 03:00 on 2026-03-29: that night lasts 23 hours.
    [InlineData("Europe/Berlin", "2026-03-28", "06:00", "2026-03-28T06:00:00+01:00", "2026-03-29T06:00:00+02:00", 23)]
    // A cut-off inside the skipped hour: the next day starts when the clocks jump past it, at 03:00 summer time.
    [InlineData("Europe/Berlin", "2026-03-28", "02:30", "2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00", 23.5)]
    // A cut-off inside the repeated hour takes its first occurrence.
    [InlineData("Europe/Berlin", "2026-10-24", "02:30", "2026-10-24T02:30:00+02:00", "2026-10-25T02:30:00+02:00", 24)]
    public void A_business_day_runs_from_cutoff_to_cutoff_with_the_local_offsets(
        string zone, string day, string cutoff, string expectedStart, string expectedEnd, double hours)
    {
        var tz = BusinessDay.FindZone(zone);
        var start = BusinessDay.Start(DateOnly.Parse(day), tz, TimeOnly.Parse(cutoff));
        var end = BusinessDay.End(DateOnly.Parse(day), tz, TimeOnly.Parse(cutoff));

        // Compare offsets too: DateTimeOffset equality alone ignores them.
        Assert.Equal(DateTimeOffset.Parse(expectedStart), start);
        Assert.Equal(DateTimeOffset.Parse(expectedStart).Offset, start.Offset);
        Assert.Equal(DateTimeOffset.Parse(expectedEnd), end);
        Assert.Equal(DateTimeOffset.Parse(expectedEnd).Offset, end.Offset);
        Assert.Equal(TimeSpan.FromHours(hours), end - start);
    }

    [Theory]
    [InlineData("Asia/Shanghai", "06:00")]
    [InlineData("Europe/Berlin", "06:00")]
    [InlineData("Europe/Berlin", "02:30")] // the cut-off is skipped in March and repeated in October
    [InlineData("Europe/Berlin", "02:00")]
    [InlineData("Europe/Berlin", "03:00")]
    public void Every_instant_lies_in_its_days_bounds_and_days_never_go_backwards(string zone, string cutoff)
    {
        var tz = BusinessDay.FindZone(zone);
        var c = TimeOnly.Parse(cutoff);
        // Both nights of 2026 on which Berlin changes its clocks, in steps of 5 minutes.
        foreach (var from in new[] { DateTimeOffset.Parse("2026-03-28T12:00:00Z"), DateTimeOffset.Parse("2026-10-24T12:00:00Z") })
        {
            var previous = DateOnly.MinValue;
            for (var instant = from; instant < from.AddDays(2); instant = instant.AddMinutes(5))
            {
                var day = BusinessDay.Of(instant, tz, c);
                Assert.InRange(day.DayNumber, previous.DayNumber, previous == DateOnly.MinValue ? int.MaxValue : previous.DayNumber + 1);
                Assert.InRange(instant, BusinessDay.Start(day, tz, c), BusinessDay.End(day, tz, c).AddTicks(-1));
                previous = day;
            }
        }
    }

    [Theory]
    [InlineData("Asia/Shanghai", "06:00", "21:00", "2026-11-14T21:00:00+08:00")]
    [InlineData("Asia/Shanghai", "06:00", "23:59", "2026-11-14T23:59:00+08:00")]
    [InlineData("Asia/Shanghai", "06:00", "00:30", "2026-11-15T00:30:00+08:00")]
    [InlineData("Asia/Shanghai", "06:00", "02:00", "2026-11-15T02:00:00+08:00")]
    [InlineData("Asia/Shanghai", "06:00", "05:59", "2026-11-15T05:59:00+08:00")]
    [InlineData("Asia/Shanghai", "06:00", "06:00", "2026-11-14T06:00:00+08:00")]
    [InlineData("Asia/Shanghai", "05:00", "05:30", "2026-11-14T05:30:00+08:00")]
    [InlineData("Asia/Shanghai", "05:00", "04:30", "2026-11-15T04:30:00+08:00")]
    [InlineData("Europe/Berlin", "06:00", "21:00", "2026-11-14T21:00:00+01:00")]
    [InlineData("Europe/Berlin", "06:00", "02:00", "2026-11-15T02:00:00+01:00")]
    public void A_time_of_the_night_before_the_cutoff_falls_on_the_next_date(string zone, string cutoff, string time, string expected)
    {
        var at = BusinessDay.At(new DateOnly(2026, 11, 14), TimeOnly.Parse(time), BusinessDay.FindZone(zone), TimeOnly.Parse(cutoff));
        Assert.Equal(DateTimeOffset.Parse(expected), at);
        Assert.Equal(DateTimeOffset.Parse(expected).Offset, at.Offset);
    }

    [Theory]
    [InlineData("06:00", "06:00", 0)]
    [InlineData("20:45", "06:00", 14.75)]
    [InlineData("22:45", "06:00", 16.75)]
    [InlineData("01:00", "06:00", 19)]
    [InlineData("05:59", "06:00", 23 + 59 / 60.0)]
    public void A_time_of_the_night_is_measured_from_the_cutoff(string time, string cutoff, double hours)
    {
        Assert.Equal(TimeSpan.FromHours(hours), BusinessDay.SinceCutoff(TimeOnly.Parse(time), TimeOnly.Parse(cutoff)));
    }

    [Theory]
    [InlineData("Asia/Shanghai")]
    [InlineData("Europe/Berlin")]
    [InlineData("UTC")]
    public void A_known_zone_is_found(string id)
    {
        Assert.Equal(id, BusinessDay.FindZone(id).Id);
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("")]
    [InlineData("Asia")]          // a folder of the tz database, not a zone
    [InlineData("../etc/passwd")]
    [InlineData("Asia/Shanghai ")]
    public void An_unknown_zone_is_an_argument_error(string id)
    {
        var error = Assert.Throws<ArgumentException>(() => BusinessDay.FindZone(id));
        Assert.Equal("ianaId", error.ParamName);
        Assert.Contains(id, error.Message); // the message names the id that was not found
    }
}
