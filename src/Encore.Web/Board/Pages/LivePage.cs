namespace Encore.Web.Board.Pages;

/// <summary>
/// What a live page (the board, the bookings phone page) hands its script: the venue, tonight's business day,
/// the server's clock (for hold countdowns) and the texts the script shows. The script then reads and writes
/// through the JSON API and listens on /hubs/board; the pages hold no business logic of their own.
/// </summary>
public sealed record LivePage(string VenueName, DateOnly BusinessDay, long NowMs, string TimeZone, string TextsJson)
{
    /// <summary>The text keys a live script needs, by prefix.</summary>
    private static readonly string[] ScriptTexts = ["live.", "board.", "bookings.", "bookingStatus.", "roomState.", "roomType."];

    /// <param name="texts">More text-key prefixes the page's own script shows (e.g. "rotation.").</param>
    public static async Task<LivePage> LoadAsync(EncoreDb db, Caller caller, params string[] texts)
    {
        var at = await caller.NowAsync();
        var venueName = await db.Venues.Where(v => v.Id == at.VenueId).Select(v => v.Name).SingleAsync();
        return new LivePage(venueName, at.Today, at.Now.ToUnixTimeMilliseconds(), at.Rules.BusinessDay.TimeZone, TextsFor(CultureInfo.CurrentUICulture, [.. ScriptTexts, .. texts]));
    }

    /// <summary>
    /// What the layout hands every signed-in page's shared scripts (data-live-shell): tonight's business day, the
    /// server's clock and the texts of the ping banner (js/ping-everywhere.js).
    /// </summary>
    public static async Task<LivePage> ShellAsync(Caller caller)
    {
        var at = await caller.NowAsync();
        return new LivePage("", at.Today, at.Now.ToUnixTimeMilliseconds(), at.Rules.BusinessDay.TimeZone, TextsFor(CultureInfo.CurrentUICulture, ["live.", "ping."]));
    }

    private static string TextsFor(CultureInfo culture, string[] prefixes)
    {
        var texts = Texts.Keys(Texts.DefaultCulture)
            .Where(k => prefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToDictionary(k => k, k => Texts.Get(k, culture));
        return JsonSerializer.Serialize(texts);
    }
}
