using Rules = Encore.Domain.HouseRules;

namespace Encore.Web.Platform;

/// <summary>
/// The moment a request or a background sweep works at, with the house rules in force then and the venue's
/// zone: what every time rule needs, read once per request by <see cref="Caller.NowAsync"/>.
/// </summary>
public sealed record VenueNow(Guid VenueId, DateTimeOffset Now, Rules Rules, TimeZoneInfo Zone)
{
    public TimeOnly Cutoff => Rules.BusinessDay.Cutoff;
    public DateOnly Today => BusinessDay.Of(Now, Zone, Cutoff);
    public DateOnly DayOf(DateTimeOffset instant) => BusinessDay.Of(instant, Zone, Cutoff);
    /// <summary>An instant shown with the venue's offset, as API.md's examples show it.</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);
    public DateTimeOffset? Local(DateTimeOffset? instant) => instant is { } i ? Local(i) : null;

    /// <summary>The venue's clock at <paramref name="now"/> under the rules in force then.</summary>
    public static VenueNow At(Guid venueId, DateTimeOffset now, Rules rules) =>
        new(venueId, now, rules, BusinessDay.FindZone(rules.BusinessDay.TimeZone));
}
