using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Encore.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// Issue 13: a ping (查岗) reaches the person on any page of Encore (the layout's banner, js/ping-everywhere.js), not
/// only on /attendance, so a manager working on /bookings answers in time and is not fined off-post; and a fine raised
/// by the GM appears on the manager's open fines page without a reload ("violationsChanged"). On the simulated clock
/// (<see cref="TrainingBrowserFixture"/>), so the test moves time past the ping's deadline and waits for the sweep.
/// </summary>
public sealed class PingEverywhereTests(TrainingBrowserFixture ui) : BrowserTest(ui), IClassFixture<TrainingBrowserFixture>
{
    /// <summary>Long enough for a slow CI machine; every wait ends as soon as the page shows the change.</summary>
    private const float Patience = 15_000;

    static PingEverywhereTests() => SetDefaultExpectTimeout(Patience);

    /// <summary>
    /// Web Push (issue 13): with notifications allowed, every page registers Encore's service worker (/sw.js), which
    /// shows a pushed ping when Encore is closed. Headless Chromium has no push service to subscribe with; the
    /// delivery itself (encrypted, VAPID-signed) is tested against a local push service in WebPushTests.
    /// </summary>
    [Fact]
    public async Task With_notifications_allowed_a_page_registers_the_service_worker_that_shows_pushed_pings()
    {
        var errors = new List<string>();
        var page = await ui.SignedInPage("m03", new BrowserNewContextOptions(BrowserFixture.Phone)
        {
            Locale = "zh-CN", TimezoneId = "Asia/Shanghai", Permissions = ["notifications"],
        });
        BrowserFixture.Watch(page, "m03 /bookings", errors);
        await page.GotoAsync(ui.BaseUrl + "/bookings");
        await page.WaitForFunctionAsync(
            "async () => (await navigator.serviceWorker.getRegistration('/'))?.active?.scriptURL.endsWith('/sw.js') === true",
            null, new() { Timeout = Patience });
        // Playwright's contexts are incognito, where Chromium itself logs that it has no Push API: the page's
        // subscribe attempt is refused by the browser (and caught); any other error still fails the test.
        Assert.DoesNotContain(errors, e => !e.Contains("does not support the Push API in incognito", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ping_answered_from_the_bookings_page_before_its_deadline_brings_no_fine()
    {
        var errors = new List<string>();
        var phone = await ui.LivePage("m04", BrowserFixture.Phone, "/bookings", errors, 2 * Patience);
        var shell = phone.Locator("[data-testid=ping-everywhere]");
        await Expect(shell).ToBeHiddenAsync();
        await phone.EvaluateAsync("() => { window.notReloaded = true; }");

        // The floor manager pings m04 (working on /bookings) and m05 (who will not answer).
        var floor = await ui.ApiClient("fm01");
        var sent = await floor.PostAsJsonAsync("/api/pings", new { badges = new[] { "m04", "m05" }, message = "请回复你现在的位置" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var pings = (await sent.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
            .ToDictionary(p => p.GetProperty("badge").GetString()!, p => (Id: p.GetProperty("id").GetString()!, Due: p.GetProperty("dueAt").GetDateTimeOffset()));

        // On /bookings, live: the banner with who asks, the message, the countdown to the due time, the answer button.
        var banner = shell.Locator($"[data-ping='{pings["m04"].Id}']");
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToContainTextAsync("fm01");
        await Expect(banner).ToContainTextAsync("请回复你现在的位置");
        await Expect(banner.Locator("[data-testid=ping-countdown]")).ToHaveTextAsync(new Regex(@"^0[0-5]:\d\d$"));
        // It fits the phone's width.
        var box = (await banner.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"banner at {box.X}+{box.Width} on a 390 px phone");
        await phone.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "ping-on-bookings-phone.png") });

        // A ping already open shows on a page opened afterwards too, even one without live content (the home page).
        var other = await ui.SignedInPage("m05", new BrowserNewContextOptions(BrowserFixture.Phone) { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        BrowserFixture.Watch(other, "m05 /", errors);
        await Expect(other.Locator($"[data-testid=ping-everywhere] [data-ping='{pings["m05"].Id}']")).ToBeVisibleAsync();

        await banner.Locator("[data-testid=answer]").ClickAsync();
        await Expect(banner).ToHaveCountAsync(0);
        await Expect(shell).ToBeHiddenAsync();
        Assert.True(await phone.EvaluateAsync<bool>("() => window.notReloaded === true"));

        // The deadline passes on the training clock and the discipline sweep judges both pings.
        var gm = await ui.ApiClient("gm01");
        Assert.Equal(HttpStatusCode.OK, (await gm.PutAsJsonAsync("/api/clock", new { now = pings["m04"].Due.AddMinutes(1) })).StatusCode);
        await ui.App.SweptThroughNowAsync();
        var judged = (await floor.GetFromJsonAsync<JsonElement>("/api/pings")).EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!);
        var answered = judged[pings["m04"].Id];
        Assert.Equal(JsonValueKind.String, answered.GetProperty("answeredAt").ValueKind);
        Assert.False(answered.GetProperty("offPost").GetBoolean());
        Assert.True(judged[pings["m05"].Id].GetProperty("offPost").GetBoolean()); // the sweep did run past the deadline
        var fines = await gm.GetFromJsonAsync<JsonElement>("/api/violations?badge=m04");
        Assert.DoesNotContain(fines.EnumerateArray(), v => v.GetProperty("type").GetString() == "offPost");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_fine_raised_by_the_GM_appears_on_the_managers_open_fines_page_without_a_reload()
    {
        const string evidence = "包厢 208 私自加收服务费";
        var errors = new List<string>();
        var phone = await ui.SignedInPage("m06", new BrowserNewContextOptions(BrowserFixture.Phone) { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        BrowserFixture.Watch(phone, "m06 /fines", errors);
        await phone.GotoAsync(ui.BaseUrl + "/fines");
        await Expect(phone.Locator("[data-testid=fines]")).ToHaveAttributeAsync("data-loaded", new Regex(@"^\d{4}-\d{2}$"));
        var mine = phone.Locator("[data-testid=my-fines] [data-violation]").Filter(new() { HasText = evidence });
        await Expect(mine).ToHaveCountAsync(0);
        await phone.EvaluateAsync("() => { window.notReloaded = true; }");

        var gm = await ui.ApiClient("gm01");
        var raised = await gm.PostAsJsonAsync("/api/violations", new { badge = "m06", type = "staffConflict", evidence });
        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        var id = (await raised.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetString()!;

        await Expect(phone.Locator($"[data-testid=my-fines] [data-violation='{id}']")).ToContainTextAsync(evidence);
        await Expect(phone.Locator($"[data-testid=my-fines] [data-violation='{id}']")).ToHaveAttributeAsync("data-status", "confirmed");
        Assert.True(await phone.EvaluateAsync<bool>("() => window.notReloaded === true"));
        // The last update is a time from the page's load on, never "none".
        await Expect(phone.Locator("[data-testid=last-update]")).ToHaveTextAsync(new Regex(@"^\d\d:\d\d:\d\d$"));
        await phone.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "fines-live-phone.png"), FullPage = true });
        Assert.Empty(errors);
    }
}
