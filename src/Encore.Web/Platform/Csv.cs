using System.Text;

namespace Encore.Web.Platform;

/// <summary>What an import filed (customers, POS spend): all lines or none, so one count.</summary>
public sealed record ImportCount(int Imported);

/// <summary>
/// CSV as venues use it with Excel: UTF-8 with a BOM (so Chinese shows), every cell quoted, and a cell that
/// would start a formula (= + - @) prefixed with ' so an exported note can never run in a spreadsheet.
/// Reading CSV (and xlsx) is <see cref="Spreadsheets"/>.
/// </summary>
public static class Csv
{
    public static string Cell(object? value)
    {
        var text = Defuse(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
        return "\"" + text.Replace("\"", "\"\"") + "\"";
    }

    /// <summary>A text that would start a formula in a spreadsheet (= + - @), prefixed with ' so it stays text.</summary>
    public static string Defuse(string text) => text.Length > 0 && "=+-@".Contains(text[0]) ? "'" + text : text;

    public static void Row(StringBuilder csv, params object?[] cells) => csv.Append(string.Join(",", cells.Select(Cell))).Append("\r\n");

    public static byte[] Bytes(StringBuilder csv) => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
}
