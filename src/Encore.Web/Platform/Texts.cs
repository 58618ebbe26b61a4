using System.Collections.Frozen;

namespace Encore.Web.Platform;

/// <summary>
/// The UI and message texts, Simplified Chinese by default and English on request, from
/// Platform/Texts/{culture}.json. A missing key shows as the key itself, and a test checks both files
/// hold the same keys.
/// </summary>
public sealed class Texts
{
    public const string DefaultCulture = "zh-CN";
    public static readonly string[] Cultures = [DefaultCulture, "en"];

    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> ByCulture =
        Cultures.ToFrozenDictionary(c => c, Load);

    public string this[string key] => Get(key, CultureInfo.CurrentUICulture);

    public string this[string key, params object?[] args] =>
        string.Format(CultureInfo.CurrentUICulture, Get(key, CultureInfo.CurrentUICulture), args);

    public static bool IsEnglish(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";

    public static string Get(string key, CultureInfo culture)
    {
        var table = ByCulture[IsEnglish(culture) ? "en" : DefaultCulture];
        return table.TryGetValue(key, out var text) ? text : key;
    }

    public static IReadOnlyCollection<string> Keys(string culture) => ByCulture[culture].Keys;

    private static FrozenDictionary<string, string> Load(string culture)
    {
        using var stream = typeof(Texts).Assembly.GetManifestResourceStream($"Encore.Web.Platform.Texts.{culture}.json")
            ?? throw new InvalidOperationException($"Texts for {culture} are not embedded.");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!.ToFrozenDictionary();
    }
}
