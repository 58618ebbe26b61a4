using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Text;

namespace Encore.Web.Platform;

/// <summary>
/// Chinese names to pinyin for search ("王伟" → "wangwei", initials "ww"), through ICU's Han-Latin transliterator in
/// the machine's libicu (no NuGet pinyin package exists in our mirror; .NET does not expose transliterators).
/// The library's symbols carry its version (utrans_openU_72), so the version is found at first use. If libicu is
/// missing, names are still found by their characters; only pinyin search is lost (logged once).
/// </summary>
public static class Pinyin
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate IntPtr OpenU([MarshalAs(UnmanagedType.LPWStr)] string id, int idLength, int direction, IntPtr rules, int rulesLength, IntPtr parseError, ref int status);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate int ToRules(IntPtr trans, sbyte escapeUnprintable, [Out] char[] result, int capacity, ref int status);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void Close(IntPtr trans);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate void TransUChars(IntPtr trans, [In, Out] char[] text, ref int textLength, int capacity, int start, ref int limit, ref int status);

    private static readonly Lock Gate = new();
    private static readonly Lazy<(IntPtr Trans, TransUChars? Apply, FrozenSet<char>? ReadInContext)> Transliterator = new(Open);

    public static bool Available => Transliterator.Value.Apply is not null;

    /// <summary>
    /// Each Han character's syllable, read from ICU once per process (issue 15). Under load a transliteration of a
    /// three-character name cost about 100 µs, its rule tables evicted from the processor's caches between bookings
    /// (25 µs when they stay warm), 5–6% of a booking's CPU; a character read from here is a dictionary lookup.
    /// ICU's Han-Latin reads a character alone, except the few its rules read by the next one (重 before 庆 is chóng:
    /// <see cref="ReadInContext"/>, taken from the rules themselves). A text of other Han characters comes out as the
    /// syllables of its characters: compared for 289,966 strings of 1–5 characters from these ranges, every one the
    /// same (PinyinTests keeps checking it, with the words that have a rule). An empty entry marks a character
    /// without exactly one syllable (an unassigned compatibility ideograph comes out of ICU as itself and joins its
    /// neighbours). A text holding any character the table does not serve goes to ICU whole, as every text did before.
    /// At most the ~28,000 characters of the ranges in <see cref="IsHan"/>.
    /// </summary>
    private static readonly ConcurrentDictionary<char, string> HanSyllables = new();

    /// <summary>Full pinyin without tones or spaces, lower case; and the initials of each syllable.</summary>
    public static (string Full, string Initials) Of(string text)
    {
        if (!Available || string.IsNullOrWhiteSpace(text)) return ("", "");
        // Plain ASCII comes out of both transliterators unchanged: the ICU call (and the lock every filing shares) is
        // left out for it (issue 15: a booking for "Guest 1042" spent more time here than in its own SQL).
        if (Ascii.IsValid(text)) return FromLatin(text);
        return OfHanCharacters(text) ?? OfWholeText(text);
    }

    /// <summary>The name through ICU in one call, as every name went before the per-character table.</summary>
    internal static (string Full, string Initials) OfWholeText(string text) =>
        Transliterate(text) is { } latin ? FromLatin(latin) : ("", "");

    /// <summary>A text of Han characters only, each with one syllable, from <see cref="HanSyllables"/>; null for any other.</summary>
    private static (string Full, string Initials)? OfHanCharacters(string text)
    {
        // Rules that could not be read: no text is read by character.
        if (Transliterator.Value.ReadInContext is not { } inContext) return null;
        var syllables = new string[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsHan(text[i]) || inContext.Contains(text[i])) return null;
            var syllable = HanSyllables.GetOrAdd(text[i], SyllableOf);
            if (syllable.Length == 0) return null;
            syllables[i] = syllable;
        }
        return (string.Concat(syllables), string.Create(syllables.Length, syllables, static (span, s) => { for (var i = 0; i < s.Length; i++) span[i] = s[i][0]; }));
    }

    /// <summary>The one syllable ICU reads the character as, or empty when it reads none or several.</summary>
    private static string SyllableOf(char c)
    {
        var (full, initials) = OfWholeText(c.ToString());
        return initials.Length == 1 ? full : "";
    }

    /// <summary>CJK Extension A, the Unified Ideographs and the Compatibility Ideographs: the ranges the comparison above covered.</summary>
    private static bool IsHan(char c) => c is >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';

    /// <summary>ICU's transliteration of the text (Han to toneless Latin, spaces between syllables); null if ICU refused it.</summary>
    private static string? Transliterate(string text)
    {
        var (trans, apply, _) = Transliterator.Value;
        lock (Gate)
        {
            var buffer = new char[Math.Max(64, text.Length * 8)];
            text.CopyTo(0, buffer, 0, text.Length);
            int length = text.Length, limit = text.Length, status = 0;
            apply!(trans, buffer, ref length, buffer.Length, 0, ref limit, ref status);
            return status > 0 ? null : new string(buffer, 0, length);
        }
    }

    /// <summary>Latin text to the search forms: lower case, separators and other signs dropped, one initial per syllable.</summary>
    private static (string Full, string Initials) FromLatin(string latin)
    {
        var syllables = latin.ToLowerInvariant().Split([' ', '\'', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Select(s => new string(s.Where(char.IsAsciiLetterOrDigit).ToArray())).Where(s => s.Length > 0).ToList();
        return (string.Concat(syllables), string.Concat(syllables.Select(s => s[0])));
    }

    /// <summary>The characters the transliterator's rules may read with their neighbours (<see cref="CharactersReadInContext"/>).</summary>
    internal static FrozenSet<char> ReadInContext => Transliterator.Value.ReadInContext ?? FrozenSet<char>.Empty;

    private static (IntPtr, TransUChars?, FrozenSet<char>?) Open()
    {
        foreach (var version in Enumerable.Range(50, 40).Reverse())
        {
            if (!NativeLibrary.TryLoad($"libicui18n.so.{version}", out var library)) continue;
            if (!NativeLibrary.TryGetExport(library, $"utrans_openU_{version}", out var open)
                || !NativeLibrary.TryGetExport(library, $"utrans_transUChars_{version}", out var trans)) continue;
            const string id = "Han-Latin; Latin-ASCII";
            var status = 0;
            var handle = Marshal.GetDelegateForFunctionPointer<OpenU>(open)(id, id.Length, 0, IntPtr.Zero, 0, IntPtr.Zero, ref status);
            if (status > 0 || handle == IntPtr.Zero) continue;
            // The compound's own rules are only its parts' names: the Han part's are read from a transliterator of its own.
            FrozenSet<char>? inContext = null;
            const string hanId = "Han-Latin";
            var han = Marshal.GetDelegateForFunctionPointer<OpenU>(open)(hanId, hanId.Length, 0, IntPtr.Zero, 0, IntPtr.Zero, ref status);
            if (status <= 0 && han != IntPtr.Zero && NativeLibrary.TryGetExport(library, $"utrans_toRules_{version}", out var toRules))
                inContext = CharactersReadInContext(Marshal.GetDelegateForFunctionPointer<ToRules>(toRules), han);
            if (han != IntPtr.Zero && NativeLibrary.TryGetExport(library, $"utrans_close_{version}", out var close))
                Marshal.GetDelegateForFunctionPointer<Close>(close)(han);
            return (handle, Marshal.GetDelegateForFunctionPointer<TransUChars>(trans), inContext);
        }
        return (IntPtr.Zero, null, null);
    }

    /// <summary>
    /// From Han-Latin's rules (about 76,000 characters of source for ICU 72; read once): every character on the left side of a
    /// rule that reads more than one character, "{重}' '?庆 > chóng;" (a context, either side) or a set holding a string,
    /// "[{..}]". The rest are "[阿啊] > a;": one character, read alone. Null if the rules cannot be read: then no text
    /// is read by character.
    /// </summary>
    private static FrozenSet<char>? CharactersReadInContext(ToRules toRules, IntPtr handle)
    {
        var status = 0;
        var length = toRules(handle, 0, [], 0, ref status);
        if (length <= 0) return null;
        var source = new char[length + 1];
        status = 0;
        toRules(handle, 0, source, source.Length, ref status);
        if (status > 0) return null;
        var characters = new HashSet<char>();
        foreach (var line in new string(source, 0, length).Split('\n'))
        {
            var rule = line.Trim();
            var arrow = rule.IndexOf('>');
            if (rule.StartsWith("::", StringComparison.Ordinal) || arrow < 0) continue;
            var left = rule[..arrow].Trim();
            var oneCharacter = left.Length == 1 || (left.StartsWith('[') && left.EndsWith(']') && !left.Contains('{'));
            if (!oneCharacter) characters.UnionWith(left);
        }
        return characters.ToFrozenSet();
    }
}
