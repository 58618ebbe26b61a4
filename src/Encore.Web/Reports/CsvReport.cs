using CsvHelper;

namespace Encore.Web.Reports;

/// <summary>
/// A report as CSV (CsvHelper): UTF-8 with a BOM so Excel shows the Chinese, the title and subtitle, then each
/// section's title, header, rows and note, a blank line between sections. Every cell is quoted; a text cell that
/// would start a formula is defused as every export does (<see cref="Csv.Defuse"/>); numbers are written plainly.
/// </summary>
public static class CsvReport
{
    public static byte[] Write(ReportDocument document)
    {
        using var bytes = new MemoryStream();
        // Formulas are defused here as in every export (Csv.Defuse), text only: a negative figure stays a number.
        var options = new CsvWriterOptions { WriteByteOrderMark = true, Quoting = CsvQuoting.Always, Injection = CsvInjection.None, ValidateFieldCount = false };
        using (var csv = CsvWriter.Create(bytes, options, leaveOpen: true))
        {
            void Row(IEnumerable<string> cells)
            {
                foreach (var cell in cells) csv.WriteField(cell);
                csv.EndRecord();
            }
            Row([Csv.Defuse(document.Title)]);
            Row([Csv.Defuse(document.Subtitle)]);
            foreach (var section in document.Sections)
            {
                Row([""]);
                Row([Csv.Defuse(section.Title)]);
                Row(section.Columns.Select(c => Csv.Defuse(c.Heading)));
                foreach (var (row, index) in section.Rows.Select((row, index) => (row, index)))
                    Row(section.Columns.Select((_, i) => i < row.Count ? Cell(row[i], section.CellAt(index, i)) : ""));
                if (section.Note is { Length: > 0 } note) Row([Csv.Defuse(note)]);
            }
        }
        return bytes.ToArray();
    }

    private static string Cell(object? value, ReportCell cell)
    {
        var text = ReportFiles.Text(value, cell);
        return ReportFiles.Number(value) is not null && cell != ReportCell.Text ? text : Csv.Defuse(text);
    }
}
