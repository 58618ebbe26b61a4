using System.Globalization;
using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace Encore.Web.Tests.Reports;

/// <summary>
/// Issue 19's files of the real reports: the demo's frozen night as xlsx passes the OpenXml validator and holds the
/// figures its JSON answers (the summary and every manager's spend), as PDF its text (pdftotext) carries the Chinese
/// headings and the same figures in an embedded CJK font (pdffonts); the month's xlsx is valid too.
/// </summary>
public sealed class ReportDownloadsTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private const string Night = "2026-11-19";

    private static async Task<byte[]> FileAsync(HttpResponseMessage response, string contentType)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static List<string> Invalid(SpreadsheetDocument file) =>
        new OpenXmlValidator().Validate(file).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

    /// <summary>The rows of a sheet by name: each row's cells by column letter, text or the number's invariant text.</summary>
    private static List<Dictionary<string, string>> Rows(SpreadsheetDocument file, string sheetName)
    {
        var workbook = file.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name!.Value == sheetName);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().ToDictionary(
            c => new string(c.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray()),
            c => c.DataType is null ? c.CellValue!.Text : c.InnerText)).ToList();
    }

    private static decimal Number(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_frozen_nights_xlsx_is_valid_and_holds_the_figures_of_its_json()
    {
        var gm = await app.ClientFor("gm01");
        var json = JsonDocument.Parse(await gm.GetStringAsync($"/api/reports/daily?businessDay={Night}")).RootElement;
        var bytes = await FileAsync(await gm.GetAsync($"/api/reports/daily?businessDay={Night}&format=xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var file = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var errors = Invalid(file);
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var summary = Rows(file, "Summary");
        decimal Tonight(string label) => Number(summary.Single(r => r.GetValueOrDefault("A") == label)["B"]);
        Assert.Equal(json.GetProperty("spend").GetDecimal(), Tonight("营业额"));
        Assert.Equal(json.GetProperty("rooms").GetDecimal(), Tonight("开房数"));
        Assert.Equal(json.GetProperty("occupancy").GetDecimal(), Tonight("开房率"));
        Assert.Equal(json.GetProperty("discounts").GetDecimal(), Tonight("折扣"));
        Assert.True(json.GetProperty("spend").GetDecimal() > 0, "the demo night has spend");

        var managers = Rows(file, "Managers").Skip(2).ToList(); // the title and the header
        var expected = json.GetProperty("byManager").EnumerateArray().ToList();
        Assert.Equal(expected.Count, managers.Count);
        foreach (var m in expected.Where(m => m.GetProperty("badge").GetString() != ""))
        {
            var row = Assert.Single(managers, r => r["A"].EndsWith($"({m.GetProperty("badge").GetString()})", StringComparison.Ordinal));
            Assert.Equal(m.GetProperty("spend").GetDecimal(), Number(row["E"]));
        }
    }

    [Fact]
    public async Task The_frozen_nights_pdf_has_the_chinese_headings_and_figures_in_an_embedded_cjk_font()
    {
        var gm = await app.ClientFor("gm01");
        var json = JsonDocument.Parse(await gm.GetStringAsync($"/api/reports/daily?businessDay={Night}")).RootElement;
        var bytes = await FileAsync(await gm.GetAsync($"/api/reports/daily?businessDay={Night}&format=pdf"), "application/pdf");
        var pdf = Path.Combine(app.Database.Directory, "daily.pdf");
        await File.WriteAllBytesAsync(pdf, bytes);

        var text = ReportFilesTests.Run("pdftotext", "-enc", "UTF-8", pdf, "-");
        Assert.Contains("营业日报", text);
        Assert.Contains("按经理", text);
        Assert.Contains(json.GetProperty("spend").GetDecimal().ToString("#,##0.00", CultureInfo.InvariantCulture), text);
        foreach (var m in json.GetProperty("byManager").EnumerateArray())
            Assert.Contains(m.GetProperty("spend").GetDecimal().ToString("#,##0.00", CultureInfo.InvariantCulture), text);
        var fonts = ReportFilesTests.Run("pdffonts", pdf);
        Assert.Matches(@"WenQuanYi[^\n]*CID TrueType\s+Identity-H\s+yes", fonts); // the emb column
    }

    [Fact]
    public async Task The_months_xlsx_is_valid_and_its_days_add_up_to_its_spend()
    {
        var gm = await app.ClientFor("gm01");
        var json = JsonDocument.Parse(await gm.GetStringAsync("/api/reports/monthly?month=2026-11")).RootElement;
        var bytes = await FileAsync(await gm.GetAsync("/api/reports/monthly?month=2026-11&format=xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var file = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var errors = Invalid(file);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var days = Rows(file, "Days").Skip(2).Where(r => r.ContainsKey("E")).ToList();
        Assert.Equal(json.GetProperty("byDay").GetArrayLength(), days.Count);
        Assert.Equal(json.GetProperty("spend").GetDecimal(), days.Sum(r => Number(r["E"])));
    }
}
