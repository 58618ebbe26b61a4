namespace Encore.Web.Reports;

/// <summary>
/// A report as its files see it (issue 19): a title, sections of typed columns and rows, and charts. The daily,
/// monthly and integrity reports each build one from their figures; <see cref="ReportFiles"/> writes it as xlsx
/// (one sheet per section), PDF (A4, one block per section, charts as images, a signature line) or CSV (the
/// sections one after another). Texts are already in the reader's language when the document is built.
/// </summary>
public sealed record ReportDocument(
    string Title,
    string Subtitle,
    IReadOnlyList<ReportSection> Sections,
    /// <summary>The words under the signature line on paper (e.g. "总经理签字"); null: no signature line.</summary>
    string? SignatureLabel = null,
    /// <summary>The file name without extension, ASCII (e.g. "daily-2026-11-20").</summary>
    string FileName = "report");

/// <summary>One block of a report: one xlsx sheet, one PDF heading with a table and its charts.</summary>
public sealed record ReportSection(
    /// <summary>The sheet's name (Excel allows 31 characters, no []:*?/\).</summary>
    string Name,
    string Title,
    IReadOnlyList<ReportColumn> Columns,
    IReadOnlyList<IReadOnlyList<object?>> Rows,
    IReadOnlyList<ReportChart>? Charts = null,
    /// <summary>A line or two under the table (what a figure means, an amendment's who and why).</summary>
    string? Note = null,
    /// <summary>
    /// For a table whose rows are different figures (a summary: rooms, occupancy, spend …): each row's kind for its cells
    /// in the columns of kind <see cref="ReportCell.Number"/>; other columns (text, an attainment in percent) keep theirs.
    /// Null: the columns say.
    /// </summary>
    IReadOnlyList<ReportCell>? RowCells = null)
{
    /// <summary>How the cell at (<paramref name="row"/>, <paramref name="column"/>) is written.</summary>
    public ReportCell CellAt(int row, int column) =>
        RowCells is { } rows && row < rows.Count && Columns[column].Cell == ReportCell.Number ? rows[row] : Columns[column].Cell;
}

/// <summary>How a column's cells are written: the xlsx number format and the PDF's alignment follow it.</summary>
public enum ReportCell
{
    /// <summary>Any text.</summary>
    Text,
    /// <summary>A whole number (rooms, sessions, guests).</summary>
    Count,
    /// <summary>Yuan with two decimals (decimal).</summary>
    Money,
    /// <summary>A share 0–1 (decimal or double) shown as a percentage with one decimal.</summary>
    Percent,
    /// <summary>A plain number with two decimals.</summary>
    Number,
    /// <summary>A DateOnly.</summary>
    Date,
    /// <summary>A DateTimeOffset already in the venue's time, shown as yyyy-MM-dd HH:mm.</summary>
    DateTime,
}

public sealed record ReportColumn(string Heading, ReportCell Cell = ReportCell.Text);

public enum ReportChartKind { Bar, Line }

/// <summary>A chart drawn on the server for the PDF (the page draws its own with Chart.js from the JSON).</summary>
public sealed record ReportChart(string Title, ReportChartKind Kind, IReadOnlyList<string> Labels, IReadOnlyList<ReportSeries> Series,
    /// <summary>Whether the values are shares 0–1 (the axis then reads in percent).</summary>
    bool Percent = false);

public sealed record ReportSeries(string Name, IReadOnlyList<double> Values);

/// <summary>The file formats every report is offered in (<c>?format=</c>); without one the API answers JSON.</summary>
public enum ReportFormat { Xlsx, Pdf, Csv }
