namespace Encore.Web.Platform;

/// <summary>
/// Which month the monthly pages (standings, fines, statements) open on, and the switch between the month just ended
/// and the current one (issue 13: on the 1st they opened on an empty month).
/// Decision: on the 1st of a month only — the new month's first business day, before any of its nights is over — they
/// open on the month just ended, whose figures are being settled; from the 2nd on, on the current month. "The first
/// days while the new month has no data" was not chosen: the page's month would then flip in the middle of a night
/// when the first card is signed, and two people would see different months for the same link. The switch is always
/// there, so the other month is one tap away either way.
/// </summary>
public sealed record MonthSwitch(string Opening, string Previous, string Current)
{
    public static MonthSwitch For(DateOnly businessDay)
    {
        var current = new DateOnly(businessDay.Year, businessDay.Month, 1);
        var previous = current.AddMonths(-1);
        return new(Month(businessDay.Day == 1 ? previous : current), Month(previous), Month(current));
    }

    private static string Month(DateOnly first) => first.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
