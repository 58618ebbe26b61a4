namespace Encore.Web.Platform;

/// <summary>
/// How large a number and how early or late a date Encore accepts, in one place for bodies, query strings, route
/// values and CSV files alike. A value outside is refused with 400 problem details naming the field and the rule
/// ("range", "format"), before it reaches arithmetic that would throw: a month's AddMonths or a day's AddDays near
/// the calendar's ends, a time-zone offset applied to 0001-01-01, money cast to the long fen column.
/// <list type="bullet">
/// <item><b>Dates</b>: business days, months and instants (arrivals, leave, the audit's from/to, the simulated
/// clock, a house-rule version's start) lie between <see cref="FirstDay"/> 2000-01-01 and <see cref="LastDay"/>
/// 2099-12-31. A fixed window rather than "N years of today": the training clock may be set to any date in it,
/// last years' statements must still open, and every date computation stays years away from DateTime's ends.
/// Rules of the business narrow it further where they have one (an arrival at most 60 days ahead, leave within
/// <see cref="LeaveHorizonDays"/> of today, a birthday not in the future).</item>
/// <item><b>Money</b>, in yuan with at most two decimals, never negative: one bill's amounts (spend, room charge,
/// discount, an approval's claimed spend; POS lines too) at most <see cref="BillMax"/> 10,000,000.00; one item
/// (a catalogue price, a comp, a fine, a room's minimum spend, a fine-type bound) at most <see cref="ItemMax"/>
/// 1,000,000.00; a tip at most <see cref="TipMax"/>; a monthly target at most <see cref="MonthlyTargetMax"/>.
/// A sum of bills (standings, statements) stays far inside the database's 64-bit fen.</item>
/// <item><b>Counts</b>: party size and room capacity 1–200, a monthly room target 0–10,000, a satisfaction 1–5,
/// the audit log's page 1–<see cref="AuditPageMax"/> (50 rows a page).</item>
/// </list>
/// A query or route value that is not even of its type (<c>?page=99999999999999999999</c>, <c>?mine=maybe</c>) is
/// refused the same way by <see cref="Problems"/>' handler of binding failures, naming the parameter.
/// </summary>
public static class Ranges
{
    public static readonly DateOnly FirstDay = new(2000, 1, 1);
    public static readonly DateOnly LastDay = new(2099, 12, 31);

    public const decimal BillMax = 10_000_000m;
    public const decimal ItemMax = 1_000_000m;
    public const decimal TipMax = 100_000m;
    public const decimal MonthlyTargetMax = 100_000_000m;
    public const int MonthlyRoomsMax = 10_000;
    public const int PartySizeMax = 200;
    public const int CapacityMax = 200;
    public const int AuditPageMax = 100_000;
    public const int LeaveHorizonDays = 366;

    private static readonly DateTimeOffset FirstInstant = new(FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    private static readonly DateTimeOffset EndInstant = new(LastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>"range" for a date outside the window, naming its ends.</summary>
    public static RuleProblem OutOfWindow(string field) => new(field, "range", DayText(FirstDay), DayText(LastDay));

    public static string DayText(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static bool Contains(DateOnly day) => day >= FirstDay && day <= LastDay;

    public static bool Contains(DateTimeOffset instant) => instant >= FirstInstant && instant < EndInstant;

    /// <summary>Adds "range" for a day outside the window; true when it is inside.</summary>
    public static bool InWindow(this Validator v, string field, DateOnly day)
    {
        if (Contains(day)) return true;
        v.Add(OutOfWindow(field));
        return false;
    }

    /// <summary>Adds "range" for an instant outside the window (taken in UTC); true when it is inside or absent.</summary>
    public static bool InWindow(this Validator v, string field, DateTimeOffset? instant)
    {
        if (instant is not { } i || Contains(i)) return true;
        v.Add(OutOfWindow(field));
        return false;
    }

    /// <summary>A business day "2026-11-20" inside the window; blank gives <paramref name="whenBlank"/>, or "required" without one.</summary>
    public static DateOnly? Day(this Validator v, string field, string? text, DateOnly? whenBlank = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (whenBlank is null) v.Add(field, "required");
            return whenBlank;
        }
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            v.Add(field, "format", "2026-11-20");
            return null;
        }
        return v.InWindow(field, day) ? day : null;
    }

    /// <summary>A month "2026-11" inside the window, as its first day; blank gives <paramref name="whenBlank"/>, or "required" without one.</summary>
    public static DateOnly? Month(this Validator v, string field, string? text, DateOnly? whenBlank = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (whenBlank is null) v.Add(field, "required");
            return whenBlank;
        }
        if (!DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            v.Add(field, "format", "2026-11");
            return null;
        }
        if (Contains(first)) return first;
        v.Add(field, "range", FirstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture), LastDay.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        return null;
    }

    /// <summary>
    /// One query or route day for a handler that needs only it: the day, or the 400 to answer
    /// (<c>if (Ranges.ParseDay("businessDay", text, out var day) is { } refused) return refused;</c>).
    /// </summary>
    public static IResult? ParseDay(string field, string? text, out DateOnly day, DateOnly? whenBlank = null)
    {
        var v = new Validator();
        day = v.Day(field, text, whenBlank) ?? default;
        return v.Ok ? null : v.ToResult();
    }

    /// <summary>The first day of the month <paramref name="day"/> falls in: how the monthly pages and reports name a month.</summary>
    public static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>One query or route month, as its first day, or the 400 to answer.</summary>
    public static IResult? ParseMonth(string field, string? text, out DateOnly first, DateOnly? whenBlank = null)
    {
        var v = new Validator();
        first = v.Month(field, text, whenBlank) ?? default;
        return v.Ok ? null : v.ToResult();
    }
}
