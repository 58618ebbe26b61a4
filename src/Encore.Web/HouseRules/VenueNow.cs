using Encore.Domain;
using Rules = Encore.Domain.HouseRules;

namespace Encore.Web.HouseRules;

/// <summary>
/// The moment a request or a background sweep works at, with the house rules in force then and the venue's
/// zone: what every time rule needs, read once.
/// </summary>
public sealed record VenueNow(Guid VenueId, DateTimeOffset Now, Rules Rules, TimeZoneInfo Zone)
{
    public TimeOnly Cutoff => Rules.BusinessDay.Cutoff;
    public DateOnly Today => BusinessDay.Of(Now, Zone, Cutoff);
    public DateOnly DayOf(DateTimeOffset instant) => BusinessDay.Of(instant, Zone, Cutoff);
    /// <summary>An instant shown with the venue's offset, as API.md's examples show it.</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);
    public DateTimeOffset? Local(DateTimeOffset? instant) => instant is { } i ? Local(i) : null;
}

public static class VenueNowExtensions
{
    public static async Task<VenueNow> NowAsync(this HouseRulesStore store, Guid venueId, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var rules = await store.AtAsync(venueId, now);
        return new VenueNow(venueId, now, rules, BusinessDay.FindZone(rules.BusinessDay.TimeZone));
    }
}
