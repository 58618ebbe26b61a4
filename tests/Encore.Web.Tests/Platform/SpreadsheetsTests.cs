using System.Globalization;
using System.Text;
using Encore.Web.Platform;

namespace Encore.Web.Tests.Platform;

/// <summary>Issue 19: the imports read what venues have — CSV in UTF-8 (BOM or not) or GB18030, quoted line breaks,
/// and the xlsx Excel saves — into rows that name their line.</summary>
public sealed class SpreadsheetsTests
{
    static SpreadsheetsTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Text = "name,phone,notes\r\n欧阳锋,13977788001,\"白驼山\r\n庄主, \"\"西毒\"\"\"\r\n\r\n黄药师,13977788002,桃花岛\r\n\r\n";

    [Fact]
    public void Utf8_with_or_without_a_bom_and_gb18030_read_the_same()
    {
        var gb18030 = Encoding.GetEncoding("GB18030").GetBytes(Text);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(gb18030)); // really not UTF-8
        var expected = Rows(Spreadsheets.Read(Encoding.UTF8.GetBytes(Text)));
        Assert.Equal(expected, Rows(Spreadsheets.Read([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Text)])));
        Assert.Equal(expected, Rows(Spreadsheets.Read(gb18030)));
        // The header on line 1, the record with a line break in a quoted cell on lines 2–3, a blank line 4, then line 5;
        // the blank lines at the end are gone.
        Assert.Equal(["1|name|phone|notes", "2|欧阳锋|13977788001|白驼山\r\n庄主, \"西毒\"", "4|", "5|黄药师|13977788002|桃花岛"], expected);
    }

    [Fact]
    public void An_xlsx_reads_its_first_sheet_with_numbers_as_shown_and_dates_as_days()
    {
        var rows = Spreadsheets.Read(ExcelFile.Write(
            ["name", "phone", "birthday", "spend"],
            ["欧阳锋", 13977788001L, new DateOnly(1985, 6, 1), 0.1 + 0.2],
            [],
            [null, "黄药师"]));
        Assert.Equal(["1|name|phone|birthday|spend", "2|欧阳锋|13977788001|1985-06-01|0.3", "3", "4||黄药师"], Rows(rows));
        Assert.Empty(Spreadsheets.Read("PK\u0003\u0004 not a zip"u8.ToArray()));
    }

    private static List<string> Rows(IReadOnlyList<SheetRow> rows) => [.. rows.Select(r => string.Join("|", [r.Line.ToString(CultureInfo.InvariantCulture), .. r.Cells]))];
}
