using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Encore.Web.Platform;

/// <summary>One row of an imported file: the line (CSV: the physical line the record starts on) or the Excel row
/// number a problem names, and its cells, trimmed.</summary>
public sealed record SheetRow(int Line, IReadOnlyList<string> Cells)
{
    public string this[int index] => index < Cells.Count ? Cells[index] : "";
    public bool Blank => Cells.All(c => c.Length == 0);
}

/// <summary>
/// The files venues import (POS spend, customer lists) as they have them (issue 19): the xlsx their Excel saves
/// (first sheet), or CSV in UTF-8 (with or without BOM) or GB18030 — what Excel in China writes by default — with
/// quoted commas, quotes and line breaks inside cells. Which one is decided by the bytes (an xlsx is a zip: "PK"),
/// not by the content type, which browsers and tills set unreliably.
/// </summary>
public static class Spreadsheets
{
    static Spreadsheets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The most an xlsx may unpack to: 20,000 rows of a customer list are ~10 MB of sheet XML.</summary>
    private const long MaxUnpacked = 200L * 1024 * 1024;

    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The request bodies an import route takes. Routing answers 415 to any other content type, so a venue's
    /// xlsx, or a file whose type the browser does not know, must be listed.</summary>
    public static RouteHandlerBuilder AcceptsSpreadsheets(this RouteHandlerBuilder endpoint) =>
        endpoint.Accepts<string>("text/csv", XlsxType, "application/octet-stream", "multipart/form-data");

    /// <summary>The rows of a text/csv or xlsx body or of a form file field "file"; null when there is none.</summary>
    public static async Task<IReadOnlyList<SheetRow>?> ReadAsync(HttpRequest request)
    {
        using var bytes = new MemoryStream();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            if (form.Files["file"] is not { } file) return null;
            await file.CopyToAsync(bytes);
        }
        else await request.Body.CopyToAsync(bytes);
        return Read(bytes.ToArray());
    }

    /// <summary>The rows of CSV or xlsx bytes. An xlsx that cannot be opened reads as no rows (the header check names it).</summary>
    public static IReadOnlyList<SheetRow> Read(byte[] bytes) =>
        bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4 ? ReadXlsx(bytes) : ReadCsv(Decode(bytes));

    /// <summary>UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else GB18030, which reads any byte sequence.</summary>
    public static string Decode(byte[] bytes)
    {
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0;
        try { return strict.GetString(bytes, start, bytes.Length - start); }
        catch (DecoderFallbackException) { return Encoding.GetEncoding("GB18030").GetString(bytes); }
    }

    public static IReadOnlyList<SheetRow> ReadCsv(string text)
    {
        var rows = new List<SheetRow>();
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            // A comma always: detecting it would read a one-column line with a ";" in a note as another separator.
            Separator = ',',
            // Blank lines come through so that the last ones can be dropped and a problem names the line it is on.
            SkipEmptyLines = false,
            TrackLineNumbers = true,
        };
        using var reader = CsvReader.FromText(text, options);
        while (reader.Read()) rows.Add(new SheetRow((int)reader.LineNumber, [.. reader.Current.ToArray().Select(c => c.Trim())]));
        while (rows.Count > 0 && rows[^1].Blank) rows.RemoveAt(rows.Count - 1);
        return rows;
    }

    /// <summary>The first sheet's rows by Excel row number; cells placed by their column letter, numbers as Excel shows
    /// them (15 significant digits), dates (date-formatted numbers) as yyyy-MM-dd.</summary>
    public static IReadOnlyList<SheetRow> ReadXlsx(byte[] bytes)
    {
        SpreadsheetDocument document;
        try
        {
            // A zip that unpacks to more than MaxUnpacked (a 16 MB upload can hold gigabytes of XML) is not read.
            using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes), System.IO.Compression.ZipArchiveMode.Read))
                if (zip.Entries.Sum(e => e.Length) > MaxUnpacked) return [];
            document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        }
        catch (Exception e) when (Unreadable(e)) { return []; }
        using (document)
        try
        {
            var workbook = document.WorkbookPart;
            var first = workbook?.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault();
            if (workbook is null || first?.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart sheet) return [];
            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var dateStyles = DateStyles(workbook.WorkbookStylesPart?.Stylesheet);
            var rows = new List<SheetRow>();
            var next = 1;
            foreach (var row in sheet.Worksheet.Descendants<Row>())
            {
                var number = (int?)row.RowIndex?.Value ?? next;
                next = number + 1;
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
                    while (cells.Count < column) cells.Add("");
                    cells.Add(Text(cell, shared, dateStyles).Trim());
                }
                rows.Add(new SheetRow(number, cells));
            }
            while (rows.Count > 0 && rows[^1].Blank) rows.RemoveAt(rows.Count - 1);
            return rows;
        }
        catch (Exception e) when (Unreadable(e)) { return []; }
    }

    /// <summary>A file that is no workbook (a zip of something else, a damaged or cut-off upload).</summary>
    private static bool Unreadable(Exception e) => e is OpenXmlPackageException or InvalidDataException or IOException or FormatException or System.Xml.XmlException;

    private static string Text(Cell cell, List<string> shared, HashSet<uint> dateStyles)
    {
        var value = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
            return int.TryParse(value, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < shared.Count ? shared[i] : "";
        if (type == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        if (type == CellValues.Boolean) return value == "1" ? "TRUE" : "FALSE";
        if (type is null || type == CellValues.Number)
        {
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return value;
            if (cell.StyleIndex?.Value is { } style && dateStyles.Contains(style) && number is > 0 and < 2958466)
            {
                var when = DateTime.FromOADate(number);
                return when.TimeOfDay == TimeSpan.Zero ? when.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : when.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            }
            // Excel keeps 0.1 + 0.2 as 0.30000000000000004 and shows 0.3: read what the venue saw.
            return number.ToString("G15", CultureInfo.InvariantCulture);
        }
        return value; // str (a formula's text), error
    }

    /// <summary>The cell formats whose number format is a date: Excel's built-in date formats (14–22, 45–47) and custom
    /// ones with a day, month or year outside quotes.</summary>
    private static HashSet<uint> DateStyles(Stylesheet? styles)
    {
        var result = new HashSet<uint>();
        if (styles?.CellFormats is null) return result;
        var custom = styles.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode?.Value ?? "") ?? [];
        uint index = 0;
        foreach (var format in styles.CellFormats.Elements<CellFormat>())
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (id is >= 14 and <= 22 or >= 45 and <= 47 || custom.TryGetValue(id, out var code) && IsDateCode(code)) result.Add(index);
            index++;
        }
        return result;
    }

    private static bool IsDateCode(string code)
    {
        var quoted = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '"') quoted = !quoted;
            else if (c == '\\') i++;
            else if (c == '[') { var end = code.IndexOf(']', i); if (end < 0) break; i = end; } // [Red], [$-804]
            else if (!quoted && "ymdYMD".Contains(c)) return true;
        }
        return false;
    }

    /// <summary>"C12" → 2 (zero-based).</summary>
    private static int ColumnIndex(string reference)
    {
        var column = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter)) column = column * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return Math.Max(column - 1, 0);
    }
}
