using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// Issue 14, "contacts and new customers" and "forecast" in a browser: the floor manager's /oversight on a phone lists
/// a manager with no contacts tonight and below the month's new-customer quota (the 20th: past the 10th), and the
/// next 7 business days with a booking made three days ahead; the GM reads the same forecast at a desk screen. The
/// page fits a 390-pixel phone.
/// </summary>
public sealed class FloorWatchPageTests(BrowserFixture ui) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    static FloorWatchPageTests() => SetDefaultExpectTimeout(Patience);

    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotDir, name);

    [Fact]
    public async Task The_floor_manager_reads_the_watch_and_the_forecast_on_a_phone_and_the_GM_at_the_desk()
    {
        var gm = await ui.ApiClient("gm01");
        var badge = "fwb" + Random.Shared.Next(100, 999);
        var created = await gm.PostAsJsonAsync("/api/staff", new { badge, name = "看板测试", password = "secret-123", roles = new[] { "manager" }, department = "营销二部" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var day = ui.TonightBusinessDay().AddDays(3);
        var arrival = new DateTimeOffset(day.Year, day.Month, day.Day, 21, 0, 0, TimeSpan.FromHours(8));
        var booked = await (await ui.ApiClient("m02")).PostAsJsonAsync("/api/bookings", new
        {
            customerName = "预报客", customerPhone = "1880000" + Random.Shared.Next(1000, 9999), arrival = arrival.ToString("O"), partySize = 5, roomType = "large",
        });
        Assert.True(booked.IsSuccessStatusCode, await booked.Content.ReadAsStringAsync());
        var dayText = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var expected = (await gm.GetFromJsonAsync<JsonElement>("/api/forecast")).GetProperty("days").EnumerateArray()
            .Single(d => d.GetProperty("businessDay").GetString() == dayText).GetProperty("bookings").GetInt32();

        var phone = await ui.SignedInPage("fm01", new BrowserNewContextOptions(BrowserFixture.Phone) { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        await phone.GotoAsync(ui.BaseUrl + "/oversight");
        await Expect(phone.Locator($"[data-testid=under-contacts] [data-badge={badge}]")).ToContainTextAsync("0 / 5");
        await Expect(phone.Locator($"[data-testid=new-customers] [data-badge={badge}]")).ToContainTextAsync("0 / 7");
        await Expect(phone.Locator($"[data-testid=forecast] tr[data-day='{dayText}'] [data-part=bookings]")).ToHaveTextAsync(expected.ToString());
        await phone.SaveScreenshotAsync(new() { Path = Shot("floor-watch-phone.png"), FullPage = true });
        var widths = await phone.Locator("html").EvaluateAsync<int[]>("e => [e.scrollWidth, e.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the floor watch is {widths[0]}px wide on a {widths[1]}px screen");

        var desk = await ui.SignedInPage("gm01", new BrowserNewContextOptions(BrowserFixture.Desk) { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        await desk.GotoAsync(ui.BaseUrl + "/oversight");
        await Expect(desk.Locator("[data-testid=forecast] tbody tr")).ToHaveCountAsync(7);
        await Expect(desk.Locator($"[data-testid=forecast] tr[data-day='{dayText}'] [data-part=bookings]")).ToHaveTextAsync(expected.ToString());
        await desk.SaveScreenshotAsync(new() { Path = Shot("floor-watch-desk.png"), FullPage = true });
    }
}
