using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Encore.Web.Reports;

/// <summary>
/// A report as an xlsx workbook (DocumentFormat.OpenXml): one sheet per section, named after it; row 1 the report's and
/// the section's title, row 2 the column headings (frozen, so they stay while the GM scrolls), then the rows as real numbers and
/// dates with number formats (so Excel sums and charts them), the section's note under the table, and column widths
/// from the longest cell.
/// </summary>
public static class XlsxReport
{
    // Cell format indexes in the stylesheet below (Styles()).
    private const uint TitleStyle = 1, HeaderStyle = 2, NoteStyle = 9;
    private const int HeaderRow = 2;

    private static uint StyleOf(ReportCell cell) => cell switch
    {
        ReportCell.Count => 3,
        ReportCell.Money => 4,
        ReportCell.Percent => 5,
        ReportCell.Number => 6,
        ReportCell.Date => 7,
        ReportCell.DateTime => 8,
        _ => 0,
    };

    public static byte[] Write(ReportDocument document)
    {
        using var bytes = new MemoryStream();
        using (var file = SpreadsheetDocument.Create(bytes, SpreadsheetDocumentType.Workbook))
        {
            var workbook = file.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            uint id = 1;
            // A workbook needs at least one sheet: a report without sections still opens, showing its title.
            var sections = document.Sections.Count > 0 ? document.Sections : [new ReportSection(document.Title, document.Title, [], [], Note: document.Subtitle)];
            foreach (var section in sections)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                part.Worksheet = Sheet(document, section, first: id == 1);
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = SheetName(section.Name, names) });
            }
            file.PackageProperties.Title = document.Title;
            file.PackageProperties.Subject = document.Subtitle;
            workbook.Workbook.Save();
        }
        return bytes.ToArray();
    }

    private static Worksheet Sheet(ReportDocument document, ReportSection section, bool first)
    {
        var data = new SheetData();
        var width = Math.Max(section.Columns.Count, 1);
        var widths = section.Columns.Select(c => Width(c.Heading)).ToArray();

        data.Append(new Row(new Cell[] { TextCell("A1", $"{document.Title} · {section.Title}", TitleStyle) }) { RowIndex = 1 });
        data.Append(new Row(section.Columns.Select((c, i) => TextCell(Reference(i, HeaderRow), c.Heading, HeaderStyle))) { RowIndex = HeaderRow });
        var rowIndex = (uint)HeaderRow;
        foreach (var (values, index) in section.Rows.Select((values, index) => (values, index)))
        {
            rowIndex++;
            var row = new Row { RowIndex = rowIndex };
            for (var i = 0; i < section.Columns.Count && i < values.Count; i++)
            {
                if (values[i] is null) continue;
                var kind = section.CellAt(index, i);
                row.Append(ValueCell(Reference(i, rowIndex), values[i]!, kind));
                widths[i] = Math.Max(widths[i], Width(ReportFiles.Text(values[i], kind, grouped: true)));
            }
            data.Append(row);
        }
        if (section.Note is { Length: > 0 } note)
            data.Append(new Row(new Cell[] { TextCell(Reference(0, rowIndex + 2), note, NoteStyle) }) { RowIndex = rowIndex + 2 });

        var worksheet = new Worksheet();
        // The header row stays in view: the pane below row 2 scrolls.
        worksheet.Append(new SheetViews(new SheetView(
            new Pane { VerticalSplit = HeaderRow, TopLeftCell = $"A{HeaderRow + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = $"A{HeaderRow + 1}", SequenceOfReferences = new ListValue<StringValue>([new StringValue($"A{HeaderRow + 1}")]) })
        { WorkbookViewId = 0, TabSelected = first }));
        worksheet.Append(new SheetFormatProperties { DefaultRowHeight = 15 });
        if (section.Columns.Count > 0)
            worksheet.Append(new Columns(widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = Math.Min(w + 2, 60), CustomWidth = true })));
        worksheet.Append(data);
        // Printed, a sheet fits the page's width (A4, paperSize 9) and repeats nothing but its own rows.
        worksheet.Append(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
        worksheet.Append(new PageSetup { PaperSize = 9, Orientation = width > 6 ? OrientationValues.Landscape : OrientationValues.Portrait });
        return worksheet;
    }

    private static Cell ValueCell(string reference, object value, ReportCell kind)
    {
        double? number = (kind, value) switch
        {
            (ReportCell.Date, DateOnly d) => d.ToDateTime(TimeOnly.MinValue).ToOADate(),
            (ReportCell.Date or ReportCell.DateTime, DateTime d) => d.ToOADate(),
            // Already the venue's clock time: the serial is that wall-clock time, as Excel has no zones.
            (ReportCell.Date or ReportCell.DateTime, DateTimeOffset d) => d.DateTime.ToOADate(),
            (ReportCell.Text, _) => null,
            _ => ReportFiles.Number(value),
        };
        if (number is not { } n) return TextCell(reference, ReportFiles.Text(value, kind), 0);
        return new Cell { CellReference = reference, StyleIndex = StyleOf(kind), CellValue = new CellValue(n) };
    }

    private static Cell TextCell(string reference, string text, uint style) => new()
    {
        CellReference = reference,
        DataType = CellValues.InlineString,
        StyleIndex = style,
        InlineString = new InlineString(new Text(XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve }),
    };

    /// <summary>XML cannot hold most control characters nor a lone surrogate (a note pasted from a till may have
    /// them): they are dropped.</summary>
    private static string XmlSafe(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { clean.Append(c).Append(text[++i]); continue; }
            if (char.IsSurrogate(c) || c < ' ' && c is not '\t' and not '\n' and not '\r' || c is '\uFFFE' or '\uFFFF') continue;
            clean.Append(c);
        }
        return clean.ToString();
    }

    /// <summary>A column's width in Excel's character units: a Chinese character takes two.</summary>
    private static double Width(string text) => text.Split('\n').Max(line => line.Sum(c => c > 0x2E80 ? 2.0 : 1.0));

    private static string Reference(int column, uint row)
    {
        var letters = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26) letters = (char)('A' + (c - 1) % 26) + letters;
        return letters + row.ToString(CultureInfo.InvariantCulture);
    }

    private static string Reference(int column, int row) => Reference(column, (uint)row);

    /// <summary>A sheet name Excel accepts: no []:*?/\, not starting or ending with ', at most 31 characters, not
    /// empty, and unique in the workbook regardless of case ("营业 (2)").</summary>
    public static string SheetName(string name, HashSet<string> taken)
    {
        var clean = new string([.. name.Select(c => "[]:*?/\\".Contains(c) || char.IsControl(c) ? '_' : c)]).Trim().Trim('\'').Trim();
        if (clean.Length == 0) clean = "Sheet";
        if (clean.Length > 31) clean = clean[..31];
        var candidate = clean;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            var suffix = $" ({n})";
            candidate = clean[..Math.Min(clean.Length, 31 - suffix.Length)] + suffix;
        }
        return candidate;
    }

    private static Stylesheet Styles()
    {
        string[] formats = ["0", "#,##0.00", "0.0%", "0.00", "yyyy-mm-dd", "yyyy-mm-dd hh:mm"];
        var numberingFormats = new NumberingFormats(formats.Select((code, i) => new NumberingFormat { NumberFormatId = 164u + (uint)i, FormatCode = code })) { Count = (uint)formats.Length };
        var fonts = new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "等线" }),
            new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "等线" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "等线" }),
            new Font(new Italic(), new FontSize { Val = 10 }, new FontName { Val = "等线" }))
        { Count = 4 };
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE7ECF3" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }))
        { Count = 3 };
        var borders = new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(new Color { Rgb = "FF8896AB" }) { Style = BorderStyleValues.Thin }, new DiagonalBorder()))
        { Count = 2 };
        CellFormat Number(uint id) => new() { NumberFormatId = id, FontId = 0, FillId = 0, BorderId = 0, ApplyNumberFormat = true };
        var cellFormats = new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, ApplyFont = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Center }) { NumberFormatId = 0, FontId = 2, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
            Number(164), Number(165), Number(166), Number(167), Number(168), Number(169),
            new CellFormat { NumberFormatId = 0, FontId = 3, FillId = 0, BorderId = 0, ApplyFont = true })
        { Count = 10 };
        return new Stylesheet(numberingFormats, fonts, fills, borders,
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            cellFormats,
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }
}
