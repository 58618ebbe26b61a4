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
    private delegate void TransUChars(IntPtr trans, [In, Out] char[] text, ref int textLength, int capacity, int start, ref int limit, ref int status);

    private static readonly Lock Gate = new();
    private static readonly Lazy<(IntPtr Trans, TransUChars? Apply)> Transliterator = new(Open);

    public static bool Available => Transliterator.Value.Apply is not null;

    /// <summary>Full pinyin without tones or spaces, lower case; and the initials of each syllable.</summary>
    public static (string Full, string Initials) Of(string text)
    {
        var (trans, apply) = Transliterator.Value;
        if (apply is null || string.IsNullOrWhiteSpace(text)) return ("", "");
        string latin;
        // Plain ASCII comes out of both transliterators unchanged: the ICU call (and the lock every filing shares) is
        // left out for it (issue 15: a booking for "Guest 1042" spent more time here than in its own SQL).
        if (System.Text.Ascii.IsValid(text)) latin = text;
        else lock (Gate)
        {
            var buffer = new char[Math.Max(64, text.Length * 8)];
            text.CopyTo(0, buffer, 0, text.Length);
            int length = text.Length, limit = text.Length, status = 0;
            apply(trans, buffer, ref length, buffer.Length, 0, ref limit, ref status);
            if (status > 0) return ("", "");
            latin = new string(buffer, 0, length);
        }
        var syllables = latin.ToLowerInvariant().Split([' ', '\'', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Select(s => new string(s.Where(char.IsAsciiLetterOrDigit).ToArray())).Where(s => s.Length > 0).ToList();
        return (string.Concat(syllables), string.Concat(syllables.Select(s => s[0])));
    }

    private static (IntPtr, TransUChars?) Open()
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
            return (handle, Marshal.GetDelegateForFunctionPointer<TransUChars>(trans));
        }
        return (IntPtr.Zero, null);
    }
}
