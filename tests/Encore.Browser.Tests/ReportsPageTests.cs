using Encore.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// Issue 19, the daily business report: the GM opens last night's report on a desk screen and on a phone, sees the
/// figures and the three charts drawn, and downloads the CSV.
/// </summary>
public sealed class ReportsPageTests(BrowserFixture ui) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    static ReportsPageTests() => SetDefaultExpectTimeout(Patience);

    [Fact]
    public async Task The_GM_reads_the_days_report_on_a_desk_and_a_phone_and_downloads_the_CSV()
    {
        var errors = new List<string>();
        foreach (var (screen, name) in new[] { (BrowserFixture.Desk, "desk"), (BrowserFixture.Phone, "phone") })
        {
            var page = await ui.SignedInPage("gm01", new BrowserNewContextOptions(screen) { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
            BrowserFixture.Watch(page, $"gm01 {name} /reports", errors);
            await page.GotoAsync(ui.BaseUrl + "/reports?businessDay=2026-11-19");
            var report = page.Locator("[data-testid=reports-page]");
            await Expect(report).ToHaveAttributeAsync("data-frozen", "true");
            await Expect(page.Locator("[data-testid=headline] [data-figure=spend]")).ToContainTextAsync("¥");
            await Expect(page.Locator("[data-testid=report-managers] tbody tr").First).ToBeVisibleAsync();
            await Expect(page.Locator("h1")).ToContainTextAsync("营业日报");
            foreach (var chart in new[] { "chart-hours", "chart-managers", "chart-types" })
            {
                var canvas = page.Locator($"[data-testid={chart}]");
                await Expect(canvas).ToBeVisibleAsync();
                // Chart.js has drawn: the canvas carries its pixel size.
                Assert.True(await canvas.EvaluateAsync<bool>("c => !!window.Chart && !!Chart.getChart(c)"), $"{chart} drawn on the {name}");
            }
            if (name == "desk")
            {
                var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=downloads] a[data-format=csv]").ClickAsync());
                Assert.Equal("daily-2026-11-19.csv", download.SuggestedFilename);
                var path = await download.PathAsync();
                var text = await File.ReadAllTextAsync(path!);
                Assert.Contains("营业日报", text);
                await page.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "reports-daily.png"), FullPage = true });
            }
            await page.Context.CloseAsync();
        }
        Assert.Empty(errors);
    }
}
