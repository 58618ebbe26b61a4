namespace Encore.Web.Reports;

/// <summary>
/// Writes a <see cref="ReportDocument"/> as the file <c>?format=</c> asks for (xlsx: <see cref="XlsxReport"/>, PDF:
/// <see cref="PdfReport"/>, CSV: <see cref="CsvReport"/>), or says why not (400 naming <c>format</c>).
/// </summary>
public static class ReportFiles
{
    public const string XlsxType = Spreadsheets.XlsxType;
    public const string PdfType = "application/pdf";
    public const string CsvType = "text/csv; charset=utf-8";

    /// <summary>Documents a report's file answers (<c>?format=xlsx|pdf|csv</c>) beside its JSON for OpenAPI.</summary>
    public static RouteHandlerBuilder AnswersReportFiles(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces(StatusCodes.Status200OK, typeof(string), XlsxType, PdfType, "text/csv");

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
        var (type, extension) = format switch
        {
            ReportFormat.Xlsx => (XlsxType, ".xlsx"),
            ReportFormat.Pdf => (PdfType, ".pdf"),
            _ => (CsvType, ".csv"),
        };
        return Results.File(Bytes(document, format), type, document.FileName + extension);
    }

    /// <summary>The bytes of a report file (tests, the bench, a mail attachment).</summary>
    public static byte[] Bytes(ReportDocument document, ReportFormat format) => format switch
    {
        ReportFormat.Xlsx => XlsxReport.Write(document),
        ReportFormat.Pdf => PdfReport.Write(document),
        _ => CsvReport.Write(document),
    };

    /// <summary>A cell as the PDF (<paramref name="grouped"/>: thousands separated) and the CSV show it: numbers in the
    /// formats the xlsx gives them (yyyy-MM-dd dates, money with two decimals, shares in percent with one); a value that
    /// does not fit its column as text.</summary>
    public static string Text(object? value, ReportCell cell, bool grouped = false)
    {
        var invariant = CultureInfo.InvariantCulture;
        return (cell, value) switch
        {
            (_, null) => "",
            (ReportCell.Date, DateOnly d) => d.ToString("yyyy-MM-dd", invariant),
            (ReportCell.Date, DateTime d) => d.ToString("yyyy-MM-dd", invariant),
            (ReportCell.Date, DateTimeOffset d) => d.ToString("yyyy-MM-dd", invariant),
            (ReportCell.DateTime, DateTimeOffset d) => d.ToString("yyyy-MM-dd HH:mm", invariant),
            (ReportCell.DateTime, DateTime d) => d.ToString("yyyy-MM-dd HH:mm", invariant),
            (ReportCell.Count or ReportCell.Money or ReportCell.Percent or ReportCell.Number, IFormattable n) when Number(value) is not null =>
                n.ToString(cell switch
                {
                    ReportCell.Count => grouped ? "#,##0" : "0",
                    ReportCell.Money => grouped ? "#,##0.00" : "0.00",
                    ReportCell.Percent => "0.0%",
                    _ => "0.00",
                }, invariant),
            _ => Convert.ToString(value, invariant) ?? "",
        };
    }

    /// <summary>A numeric cell's value; null for anything else (a text in a number column stays text).</summary>
    public static double? Number(object? value) => value switch
    {
        int or long or short or byte or uint or ulong or ushort or sbyte or decimal or float => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        double d when double.IsFinite(d) => d,
        _ => null,
    };
}
