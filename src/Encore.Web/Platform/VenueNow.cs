using Rules = Encore.Domain.HouseRules;

namespace Encore.Web.Platform;

/// <summary>
/// The moment a request or a background sweep works at, with the house rules in force then and the venue's
/// zone: what every time rule needs, read once per request by <see cref="Caller.NowAsync"/>.
/// </summary>
public sealed partial record VenueNow(Guid VenueId, DateTimeOffset Now, Rules Rules, TimeZoneInfo Zone)
{
    public TimeOnly Cutoff => Rules.BusinessDay.Cutoff;
    public DateOnly Today => BusinessDay.Of(Now, Zone, Cutoff);
    public DateOnly DayOf(DateTimeOffset instant) => BusinessDay.Of(instant, Zone, Cutoff);
    /// <summary>An instant shown with the venue's offset, as API.md's examples show it.</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);
    public DateTimeOffset? Local(DateTimeOffset? instant) => instant is { } i ? Local(i) : null;
    /// <summary>An instant as the venue's clock shows it ("21:05"), for text the system writes.</summary>
    public string HourMinute(DateTimeOffset instant) => Local(instant).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// An instant as staff type it: ISO 8601 with offset; without one, venue local time; "HH:mm" tonight. Inside
    /// <see cref="Ranges"/>' window (2000–2099), else "range": a local year-0001 time would otherwise underflow
    /// when the venue's offset is applied.
    /// </summary>
    public DateTimeOffset? ParseInstant(Validator v, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) { v.Add(field, "required"); return null; }
        text = text.Trim();
        DateTimeOffset arrival;
        if (TimeOnly.TryParseExact(text, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            arrival = BusinessDay.At(Today, time, Zone, Cutoff);
        else if (OffsetPattern().Match(text) is { Success: true } offset)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
            {
                // Year 0001 at +08:00 does not parse at all (its UTC falls off the calendar): say "range" when the
                // date itself reads, rather than letting DateTime.TryParse shift it into the server's zone.
                if (DateTime.TryParse(text[..offset.Index], CultureInfo.InvariantCulture, DateTimeStyles.None, out var bare)) v.InWindow(field, DateOnly.FromDateTime(bare));
                if (v.Problems.All(p => p.Field != field)) v.Add(field, "format", "2026-11-20T20:30:00+08:00");
                return null;
            }
            arrival = withOffset;
        }
        else if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            if (!v.InWindow(field, DateOnly.FromDateTime(local))) return null;
            arrival = new DateTimeOffset(local, Zone.GetUtcOffset(local));
        }
        else { v.Add(field, "format", "2026-11-20T20:30:00+08:00"); return null; }
        return v.InWindow(field, arrival) ? arrival : null;
    }

    /// <summary>A business-day parameter ("2026-11-20") inside the window; tonight's when none is given. Null, or the 400 to answer.</summary>
    public IResult? ParseDay(string field, string? text, out DateOnly day) => Ranges.ParseDay(field, text, out day, Today);

    [System.Text.RegularExpressions.GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$")]
    private static partial System.Text.RegularExpressions.Regex OffsetPattern();

    /// <summary>The venue's clock at <paramref name="now"/> under the rules in force then.</summary>
    public static VenueNow At(Guid venueId, DateTimeOffset now, Rules rules) =>
        new(venueId, now, rules, BusinessDay.FindZone(rules.BusinessDay.TimeZone));
}
