using System.Text;

namespace Encore.Web.Reports;

/// <summary>
/// Writes a <see cref="ReportDocument"/> as the file <c>?format=</c> asks for, or says why not (400 naming
/// <c>format</c>). Placeholder until the xlsx and PDF writers land: CSV only.
/// </summary>
public static class ReportFiles
{
    /// <summary>Parses <c>?format=</c>: null when absent (answer JSON), or a problem naming the field.</summary>
    public static bool TryParse(string? format, out ReportFormat? parsed, out IResult? problem)
    {
        parsed = null; problem = null;
        if (string.IsNullOrEmpty(format)) return true;
        switch (format.ToLowerInvariant())
        {
            case "xlsx": parsed = ReportFormat.Xlsx; return true;
            case "pdf": parsed = ReportFormat.Pdf; return true;
            case "csv": parsed = ReportFormat.Csv; return true;
            default: problem = Problems.Validation("format", "oneOf", "xlsx, pdf, csv"); return false;
        }
    }

    public static IResult Answer(ReportDocument document, ReportFormat format)
    {
        var csv = new StringBuilder();
        Csv.Row(csv, document.Title);
        Csv.Row(csv, document.Subtitle);
        foreach (var section in document.Sections)
        {
            csv.Append("\r\n");
            Csv.Row(csv, section.Title);
            Csv.Row(csv, [.. section.Columns.Select(c => c.Heading)]);
            foreach (var row in section.Rows) Csv.Row(csv, [.. row]);
        }
        return Results.File(Csv.Bytes(csv), "text/csv; charset=utf-8", document.FileName + ".csv");
    }
}
