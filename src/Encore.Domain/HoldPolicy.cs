namespace Encore.Domain;

/// <summary>
/// SPEC.md "Bookings", hold windows: how long a booking keeps its room before it lapses.
/// An arrival before <see cref="BookingRules.EarlyArrivalBefore"/> (20:45) is held until
/// <see cref="BookingRules.EarlyHoldUntil"/> (21:00); an arrival from then to <see cref="BookingRules.StandardWindowEnd"/>
/// (22:45, inclusive) is held <see cref="BookingRules.StandardHoldMinutes"/> from the later of its arrival and its
/// room assignment; later arrivals <see cref="BookingRules.LateHoldMinutes"/> the same way.
/// Times of the night are compared from the business-day cut-off, so 01:00 is later than 22:45.
/// </summary>
public static class HoldPolicy
{
    public enum Window { Early, Standard, Late }

    public static Window WindowOf(DateTimeOffset arrival, HouseRules rules)
    {
        var (zone, cutoff) = Zone(rules);
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(arrival, zone).DateTime);
        var night = BusinessDay.SinceCutoff(local, cutoff);
        if (night < BusinessDay.SinceCutoff(rules.Bookings.EarlyArrivalBefore, cutoff)) return Window.Early;
        return night <= BusinessDay.SinceCutoff(rules.Bookings.StandardWindowEnd, cutoff) ? Window.Standard : Window.Late;
    }

    /// <summary>The instant the hold runs out; <paramref name="assignedAt"/> is null while no room is assigned.</summary>
    public static DateTimeOffset HoldUntil(DateTimeOffset arrival, DateTimeOffset? assignedAt, HouseRules rules)
    {
        var (zone, cutoff) = Zone(rules);
        var window = WindowOf(arrival, rules);
        if (window == Window.Early)
            return BusinessDay.At(BusinessDay.Of(arrival, zone, cutoff), rules.Bookings.EarlyHoldUntil, zone, cutoff);

        var from = assignedAt is { } assigned && assigned > arrival ? assigned : arrival;
        var minutes = window == Window.Standard ? rules.Bookings.StandardHoldMinutes : rules.Bookings.LateHoldMinutes;
        return from.AddMinutes(minutes);
    }

    /// <summary>True when the hold has run out at <paramref name="now"/> (the hold-until instant itself is too late).</summary>
    public static bool HasLapsed(DateTimeOffset holdUntil, DateTimeOffset now) => now >= holdUntil;

    private static (TimeZoneInfo Zone, TimeOnly Cutoff) Zone(HouseRules rules) =>
        (BusinessDay.FindZone(rules.BusinessDay.TimeZone), rules.BusinessDay.Cutoff);
}
