using System.Text;

namespace Encore.Web.Platform;

/// <summary>
/// CSV as venues use it with Excel: UTF-8 with a BOM (so Chinese shows), every cell quoted, and a cell that
/// would start a formula (= + - @) prefixed with ' so an exported note can never run in a spreadsheet.
/// </summary>
/// <summary>What a CSV import filed (customers, POS spend): all lines or none, so one count.</summary>
public sealed record ImportCount(int Imported);

public static class Csv
{
    public static string Cell(object? value)
    {
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        if (text.Length > 0 && "=+-@".Contains(text[0])) text = "'" + text;
        return "\"" + text.Replace("\"", "\"\"") + "\"";
    }

    public static void Row(StringBuilder csv, params object?[] cells) => csv.Append(string.Join(",", cells.Select(Cell))).Append("\r\n");

    public static byte[] Bytes(StringBuilder csv) => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();

    /// <summary>Splits one line into cells, honouring double quotes ("a,b" and "" inside).</summary>
    public static List<string> Split(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(cell.ToString().Trim()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString().Trim());
        return cells;
    }

    /// <summary>The text of a text/csv body or of a form file field "file".</summary>
    public static async Task<string?> ReadAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            if (form.Files["file"] is not { } file) return null;
            using var fileReader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            return await fileReader.ReadToEndAsync();
        }
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
