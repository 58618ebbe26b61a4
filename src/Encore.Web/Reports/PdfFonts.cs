using System.Buffers.Binary;
using PdfSharp.Fonts;

namespace Encore.Web.Reports;

/// <summary>
/// The CJK font the PDF and its charts are written with, embedded in every PDF (a printed report must read the same on
/// any machine). It is the first face of a TrueType font found at: the path in <c>ENCORE_CJK_FONT</c>, else Debian's
/// fonts-wqy-microhei (<c>/usr/share/fonts/truetype/wqy/wqy-microhei.ttc</c>, what test.sh installs), else
/// fonts-wqy-zenhei. PDFsharp 6.2 reads no TrueType collection (.ttc: "TrueType collection fonts are not yet
/// supported"), so the face is copied out of the collection into a font file of its own (<see cref="FirstFace"/>).
/// CFF-outline fonts (Noto CJK's .otf/.ttc) are not usable by PDFsharp and are not looked for.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "EncoreCjk";
    private const string Face = "EncoreCjk#0";

    public static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    ];

    private static readonly Lazy<(string Path, byte[] Bytes)> Font = new(Load);
    private static readonly object Gate = new();
    private static bool installed;

    /// <summary>The font file in use; throws with what to install when there is none.</summary>
    public static string FontPath => Font.Value.Path;

    /// <summary>Makes PDFsharp draw every family with the CJK font (once per process).</summary>
    public static void Install()
    {
        _ = Font.Value; // fail here, with the message, not deep inside PDFsharp
        lock (Gate)
        {
            if (installed) return;
            GlobalFontSettings.FontResolver = new PdfFonts();
            installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        // One face for every family: bold and italic are simulated (the report's headings are drawn bold).
        new(Face, bold, italic);

    public byte[]? GetFont(string faceName) => faceName == Face ? Font.Value.Bytes : null;

    private static (string, byte[]) Load()
    {
        var configured = Environment.GetEnvironmentVariable("ENCORE_CJK_FONT");
        var paths = string.IsNullOrWhiteSpace(configured) ? Candidates : [configured, .. Candidates];
        foreach (var path in paths)
            if (File.Exists(path)) return (path, FirstFace(File.ReadAllBytes(path)));
        throw new InvalidOperationException(
            "PDF reports need a Chinese (CJK) TrueType font and none was found. Install Debian's fonts-wqy-microhei " +
            $"(apt-get install fonts-wqy-microhei), or set ENCORE_CJK_FONT to a .ttf/.ttc file. Looked at: {string.Join(", ", paths)}.");
    }

    /// <summary>A font file's bytes as PDFsharp reads them: a plain TrueType font as it is; of a collection (.ttc),
    /// its first face rebuilt as a font file of its own — the face's table directory, with each table copied after it
    /// (4-byte aligned) and its offset moved.</summary>
    public static byte[] FirstFace(byte[] file)
    {
        var span = file.AsSpan();
        if (file.Length < 12 || !span[..4].SequenceEqual("ttcf"u8)) return file;
        var face = (int)BinaryPrimitives.ReadUInt32BigEndian(span[12..]);
        var tables = BinaryPrimitives.ReadUInt16BigEndian(span[(face + 4)..]);
        var directory = 12 + 16 * tables;
        var size = directory;
        for (var t = 0; t < tables; t++)
            size += (int)(BinaryPrimitives.ReadUInt32BigEndian(span[(face + 12 + 16 * t + 12)..]) + 3 & ~3u);
        var result = new byte[size];
        span.Slice(face, 12).CopyTo(result);
        var at = directory;
        for (var t = 0; t < tables; t++)
        {
            var record = face + 12 + 16 * t;
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(span[(record + 8)..]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(span[(record + 12)..]);
            span.Slice(record, 16).CopyTo(result.AsSpan(12 + 16 * t));
            BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(12 + 16 * t + 8), (uint)at);
            span.Slice(offset, length).CopyTo(result.AsSpan(at));
            at += length + 3 & ~3;
        }
        return result;
    }
}
