using System.Diagnostics;
using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Encore.Web.Reports;

namespace Encore.Web.Tests.Reports;

/// <summary>
/// Issue 19: a report as files. The xlsx passes the OpenXml SDK's validator and holds the same figures as real,
/// formatted numbers and dates under a frozen header; the PDF's text (poppler's pdftotext) has the Chinese headings
/// and figures, its CJK font is embedded (pdffonts) and a page renders (pdftoppm); the CSV is UTF-8 with a BOM and
/// defuses formulas.
/// </summary>
public sealed class ReportFilesTests
{
    private static readonly DateOnly Day = new(2026, 11, 20);
    private static readonly DateTimeOffset Arrived = new(2026, 11, 20, 21, 35, 0, TimeSpan.FromHours(8));

    /// <summary>Every kind of cell, Chinese everywhere, a name Excel refuses, two sections of one name, and charts.</summary>
    public static ReportDocument Document(int rows = 3) => new(
        "营业日报", "2026-11-20 星期五 · 星河KTV",
        [
            new ReportSection("按经理", "按经理统计",
                [new("经理"), new("开房数", ReportCell.Count), new("消费", ReportCell.Money), new("占比", ReportCell.Percent),
                 new("人均", ReportCell.Number), new("营业日", ReportCell.Date), new("首位到店", ReportCell.DateTime)],
                [.. Enumerable.Range(0, rows).Select(i => (IReadOnlyList<object?>)[i == 0 ? "张经理" : $"经理{i}", 12 + i, 12345.5m + i, 0.256m, 456.789, Day, Arrived.AddMinutes(i)]),
                 ["=HYPERLINK(\"x\")", null, -80m, 0.5, 0, Day, null]],
                [new ReportChart("各经理消费", ReportChartKind.Bar, ["张经理", "李经理", "王经理"], [new("消费", [12345.5, 8000, 4200]), new("上周同日", [10000, 9000, 3000])]),
                 new ReportChart("开房率", ReportChartKind.Line, ["20时", "21时", "22时", "23时"], [new("开房率", [0.4, 0.7, 0.95, 0.8])], Percent: true)],
                Note: "折扣与赠送计入消费。"),
            new ReportSection("按房型/时段[夜]:一个很长很长很长很长很长很长很长很长的名字啊啊", "按房型统计",
                [new("房型"), new("开房率", ReportCell.Percent)], [["豪华包", 0.875m], ["小包", 0.5]]),
            new ReportSection("按经理", "重名的一节", [new("说明")], [["第二张表"]]),
        ],
        SignatureLabel: "总经理签字", FileName: "daily-2026-11-20");

    [Fact]
    public void The_xlsx_passes_the_validator_and_holds_the_figures_as_formatted_numbers_under_a_frozen_header()
    {
        var bytes = ReportFiles.Bytes(Document(), ReportFormat.Xlsx);
        using var file = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var errors = new OpenXmlValidator().Validate(file).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var workbook = file.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["按经理", "按房型_时段_夜__一个很长很长很长很长很长很长很长很长的名字", "按经理 (2)"], sheets.Select(s => s.Name!.Value));
        Assert.All(sheets, s => Assert.True(s.Name!.Value!.Length <= 31));

        var sheet = ((WorksheetPart)workbook.GetPartById(sheets[0].Id!)).Worksheet;
        var pane = sheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(2, pane.VerticalSplit!.Value);
        Assert.Equal("A3", pane.TopLeftCell!.Value);
        Assert.Equal(7, sheet.Descendants<Column>().Count());

        var cells = sheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!);
        var formats = workbook.WorkbookStylesPart!.Stylesheet;
        string Format(string reference)
        {
            var cellFormat = formats.CellFormats!.Elements<CellFormat>().ElementAt((int)cells[reference].StyleIndex!.Value);
            return formats.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == cellFormat.NumberFormatId!.Value).FormatCode!.Value!;
        }
        double Number(string reference)
        {
            Assert.Null(cells[reference].DataType); // a number, not text
            return double.Parse(cells[reference].CellValue!.Text, CultureInfo.InvariantCulture);
        }

        Assert.Equal("营业日报 · 按经理统计", cells["A1"].InnerText);
        Assert.Equal(["经理", "开房数", "消费", "占比", "人均", "营业日", "首位到店"], new[] { "A2", "B2", "C2", "D2", "E2", "F2", "G2" }.Select(r => cells[r].InnerText));
        Assert.Equal("张经理", cells["A3"].InnerText);
        Assert.Equal(12, Number("B3")); Assert.Equal("0", Format("B3"));
        Assert.Equal(12345.5, Number("C3")); Assert.Equal("#,##0.00", Format("C3"));
        Assert.Equal(0.256, Number("D3")); Assert.Equal("0.0%", Format("D3"));
        Assert.Equal(456.789, Number("E3")); Assert.Equal("0.00", Format("E3"));
        Assert.Equal(Day, DateOnly.FromDateTime(DateTime.FromOADate(Number("F3")))); Assert.Equal("yyyy-mm-dd", Format("F3"));
        Assert.Equal(Arrived.DateTime, DateTime.FromOADate(Number("G3")), TimeSpan.FromSeconds(1)); Assert.Equal("yyyy-mm-dd hh:mm", Format("G3"));
        // The formula-like text stays text (an xlsx cell of text is never a formula), the empty cells are absent.
        Assert.Equal("=HYPERLINK(\"x\")", cells["A6"].InnerText);
        Assert.Null(cells["A6"].CellFormula);
        Assert.False(cells.ContainsKey("B6"));
        Assert.Equal(-80, Number("C6"));
        Assert.Equal("折扣与赠送计入消费。", cells["A8"].InnerText);
    }

    [Fact]
    public void The_pdf_has_the_chinese_headings_and_figures_in_an_embedded_cjk_font_and_renders()
    {
        var dir = Directory.CreateTempSubdirectory("encore-pdf-");
        try
        {
            // Enough rows to run the first table onto a second page (its header is repeated there).
            var pdf = Path.Combine(dir.FullName, "report.pdf");
            File.WriteAllBytes(pdf, ReportFiles.Bytes(Document(rows: 80), ReportFormat.Pdf));

            var text = Run("pdftotext", "-enc", "UTF-8", pdf, "-");
            foreach (var expected in new[] { "营业日报", "2026-11-20 星期五", "按经理统计", "按房型统计", "张经理", "12,345.50", "25.6%", "456.79",
                         "2026-11-20 21:35", "87.5%", "折扣与赠送计入消费。", "总经理签字", "=HYPERLINK(\"x\")" })
                Assert.Contains(expected, text);
            // "第 n 页 / 共 m 页" under every page (pdftotext drops the spaces between Chinese characters).
            var numbers = System.Text.RegularExpressions.Regex.Matches(text, @"第\s*(\d+)\s*页\s*/\s*共\s*(\d+)\s*页").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
            Assert.True(numbers.Count >= 2, $"{numbers.Count} page number(s)");
            Assert.Equal(Enumerable.Range(1, numbers.Count).Select(n => (n.ToString(CultureInfo.InvariantCulture), numbers.Count.ToString(CultureInfo.InvariantCulture))), numbers);
            // The header of the first table is on its second page too.
            var second = Run("pdftotext", "-enc", "UTF-8", "-f", "2", "-l", "2", pdf, "-");
            Assert.Contains("首位到店", second);

            // pdffonts: name type encoding emb sub uni object ID — the CJK face is there, embedded, with a Unicode map.
            var fonts = Run("pdffonts", pdf).Split('\n').Where(l => l.Contains("WenQuanYi", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.NotEmpty(fonts);
            Assert.All(fonts, line =>
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal(["yes", "yes", "yes"], columns[^5..^2]);
            });

            Run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", pdf, Path.Combine(dir.FullName, "page"));
            var png = Directory.GetFiles(dir.FullName, "page*.png").Single();
            var header = File.ReadAllBytes(png);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], header[..4]);
            // A4 at 60 dpi is 496 × 702 pixels.
            Assert.Equal(496, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)));
            Assert.Equal(702, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)));
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void The_csv_is_utf8_with_a_bom_every_cell_quoted_and_formulas_defused()
    {
        var bytes = ReportFiles.Bytes(Document(rows: 1), ReportFormat.Csv);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("\"营业日报\"", lines[0]);
        Assert.Equal("\"按经理统计\"", lines[3]);
        Assert.Equal("\"经理\",\"开房数\",\"消费\",\"占比\",\"人均\",\"营业日\",\"首位到店\"", lines[4]);
        Assert.Equal("\"张经理\",\"12\",\"12345.50\",\"25.6%\",\"456.79\",\"2026-11-20\",\"2026-11-20 21:35\"", lines[5]);
        // Text that would run as a formula gets the ' that every export puts before it; a negative figure stays a number.
        Assert.Equal("\"'=HYPERLINK(\"\"x\"\")\",\"\",\"-80.00\",\"50.0%\",\"0.00\",\"2026-11-20\",\"\"", lines[6]);
        Assert.Equal("\"折扣与赠送计入消费。\"", lines[7]);
    }

    [Fact]
    public void A_summary_of_different_figures_writes_each_row_as_its_kind_in_its_number_columns()
    {
        var summary = new ReportSection("概况", "概况", [new("项目"), new("当日", ReportCell.Number), new("上周同日", ReportCell.Number), new("达成", ReportCell.Percent)],
            [["开房数", 39, 24, 0.5m], ["开房率", 0.2634m, 0.18m, 0.25m], ["营业额", 247690m, 159910.5m, 1.125m]],
            RowCells: [ReportCell.Count, ReportCell.Percent, ReportCell.Money]);
        var lines = Encoding.UTF8.GetString(ReportFiles.Bytes(new ReportDocument("营业日报", "2026-11-19", [summary]), ReportFormat.Csv)[3..]).Split("\r\n");
        // Counts without decimals, the occupancy in percent, money with two decimals; the attainment column stays percent.
        Assert.Equal("\"开房数\",\"39\",\"24\",\"50.0%\"", lines[5]);
        Assert.Equal("\"开房率\",\"26.3%\",\"18.0%\",\"25.0%\"", lines[6]);
        Assert.Equal("\"营业额\",\"247690.00\",\"159910.50\",\"112.5%\"", lines[7]);
        Assert.Equal(ReportCell.Text, summary.CellAt(0, 0));
    }

    [Fact]
    public void The_format_is_xlsx_pdf_or_csv_and_anything_else_names_the_field()
    {
        Assert.True(ReportFiles.TryParse(null, out var none, out _));
        Assert.Null(none);
        Assert.True(ReportFiles.TryParse("XLSX", out var xlsx, out _));
        Assert.Equal(ReportFormat.Xlsx, xlsx);
        Assert.False(ReportFiles.TryParse("docx", out _, out var problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void A_ttc_collection_gives_its_first_face_as_a_font_file_of_its_own()
    {
        var face = PdfFonts.FirstFace(File.ReadAllBytes(PdfFonts.FontPath));
        Assert.Equal([0, 1, 0, 0], face[..4]); // a TrueType font, no longer "ttcf"
        var tables = System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(face.AsSpan(4));
        var tags = Enumerable.Range(0, tables).Select(t => Encoding.ASCII.GetString(face, 12 + 16 * t, 4)).ToList();
        Assert.Subset(new HashSet<string>(tags), new HashSet<string> { "cmap", "glyf", "head", "loca", "name" });
        Assert.All(Enumerable.Range(0, tables), t =>
        {
            var offset = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(face.AsSpan(12 + 16 * t + 8));
            var length = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(face.AsSpan(12 + 16 * t + 12));
            Assert.True(offset % 4 == 0 && offset + length <= face.Length, $"{tags[t]} at {offset}+{length}");
        });
    }

    internal static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} exited {process.ExitCode}: {error}");
        return output.Result;
    }
}
