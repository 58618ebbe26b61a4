namespace Encore.Domain;

/// <summary>
/// A KTV night crosses midnight: a business day (营业日) starts at the cut-off (default 06:00) in the venue's
/// time zone, so 01:30 on the 15th belongs to the 14th (SPEC.md "Business day"). Time is always passed in.
/// </summary>
public static class BusinessDay
{
    /// <summary>
    /// The business day of an instant: its local date, or the date before when the local time is before the cut-off.
    /// Only when a DST change skips or repeats the cut-off does that rule disagree with <see cref="Start"/>/<see cref="End"/>;
    /// then the day whose [Start, End) holds the instant wins, so the days stay contiguous and never go backwards.
    /// </summary>
    public static DateOnly Of(DateTimeOffset instant, TimeZoneInfo zone, TimeOnly cutoff)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        var day = DateOnly.FromDateTime(local);
        if (TimeOnly.FromDateTime(local) < cutoff) day = day.AddDays(-1);
        if (instant < Start(day, zone, cutoff)) return day.AddDays(-1);
        return instant >= End(day, zone, cutoff) ? day.AddDays(1) : day;
    }

    /// <summary>The instant <paramref name="day"/> starts: the cut-off on that date, local time.</summary>
    public static DateTimeOffset Start(DateOnly day, TimeZoneInfo zone, TimeOnly cutoff) =>
        Local(day.ToDateTime(cutoff), zone);

    /// <summary>The instant <paramref name="day"/> ends (exclusive): the start of the next business day.</summary>
    public static DateTimeOffset End(DateOnly day, TimeZoneInfo zone, TimeOnly cutoff) =>
        Start(day.AddDays(1), zone, cutoff);

    /// <summary>
    /// The instant of a local time of the night of <paramref name="day"/>: a time before the cut-off is after
    /// midnight, on the next date (business day the 14th, 02:00 → the 15th at 02:00).
    /// </summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly localTime, TimeZoneInfo zone, TimeOnly cutoff) =>
        Local((localTime < cutoff ? day.AddDays(1) : day).ToDateTime(localTime), zone);

    /// <summary>
    /// How far into the night a local time of day lies, counted from the cut-off: compare these instead of the
    /// times themselves, because 01:00 is later in the night than 22:45.
    /// </summary>
    public static TimeSpan SinceCutoff(TimeOnly localTime, TimeOnly cutoff) => localTime - cutoff; // wraps past midnight

    /// <summary>The zone of an IANA id; any id the machine cannot load is an <see cref="ArgumentException"/>.</summary>
    public static TimeZoneInfo FindZone(string ianaId)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ianaId);
        }
        // An id naming a tzdata folder ("Asia") or a non-zone file fails with I/O or security errors, not "not found".
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException
                                      or System.Security.SecurityException or IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"Unknown time zone '{ianaId}'.", nameof(ianaId), e);
        }
    }

    /// <summary>
    /// The first instant at which the zone's clocks show <paramref name="wallClock"/> (or later). For a time the
    /// clocks skip (spring forward) that is the jump itself, which is when local time passes it; for a time shown
    /// twice (fall back) it is the first showing.
    /// </summary>
    private static DateTimeOffset Local(DateTime wallClock, TimeZoneInfo zone)
    {
        var wall = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(wall))
            return new DateTimeOffset(wall, zone.GetAmbiguousTimeOffsets(wall).Max());
        if (!zone.IsInvalidTime(wall))
            return new DateTimeOffset(wall, zone.GetUtcOffset(wall));

        // Skipped: the clocks jump over the wall time somewhere between the instant it would have had with the
        // offset after the gap (earlier) and with the offset before it (later). Find the jump by bisection, so
        // gaps of any length and any rule history are handled the same way.
        var lo = new DateTimeOffset(wall, zone.GetUtcOffset(wall.AddDays(1))).UtcTicks;
        var hi = new DateTimeOffset(wall, zone.GetUtcOffset(wall.AddDays(-1))).UtcTicks;
        if (lo > hi) (lo, hi) = (hi, lo);
        while (lo < hi)
        {
            var mid = lo + (hi - lo) / 2;
            if (TimeZoneInfo.ConvertTime(new DateTimeOffset(mid, TimeSpan.Zero), zone).DateTime >= wall) hi = mid;
            else lo = mid + 1;
        }
        return TimeZoneInfo.ConvertTime(new DateTimeOffset(lo, TimeSpan.Zero), zone);
    }
}
