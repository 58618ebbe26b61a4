using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Data;
using Encore.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// Issue 21, the chain on a phone: the chain admin reads the chain summary on /chain, opens a venue from its form (a bad
/// code refused beside its field), and the new venue's GM — whose badge repeats one of the first venue's — signs in on
/// the login page, which now asks for the venue's code. The chain admin gives a regional manager their venues and moves a
/// member of staff between the demo chain's two venues from the page's forms, bad input refused beside its field.
/// </summary>
public sealed class ChainPageTests(BrowserFixture ui) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    static ChainPageTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task The_chain_admin_opens_a_venue_on_a_phone_and_its_GM_signs_in_with_the_venue_code()
    {
        var errors = new List<string>();
        var admin = await ui.OpenPage("admin", BrowserFixture.Phone, "/chain", errors);
        await Expect(admin.Locator("[data-testid=chain-venues] tr[data-venue=main]")).ToBeVisibleAsync();
        await Expect(admin.Locator("[data-testid=chain-regions] tr[data-region='*']")).ToContainTextAsync("全连锁");

        await admin.Locator("[data-testid=chain-add]").ClickAsync();
        var form = admin.Locator("[data-testid=venue-form]");
        await form.Locator("[name=code]").FillAsync("Hang Zhou");
        await form.Locator("[name=name]").FillAsync("杭州一店");
        await form.Locator("[name=region]").FillAsync("华东");
        await form.Locator("[name=gmBadge]").FillAsync("gm01");
        await form.Locator("[name=gmName]").FillAsync("杭州店总");
        await form.Locator("[name=gmPassword]").FillAsync("hangzhou-gm-1");
        await admin.Locator("[data-testid=venue-save]").ClickAsync();
        await Expect(form.Locator("[data-error-for=code]")).ToContainTextAsync("小写字母");
        await form.Locator("[name=code]").FillAsync("hz-1");
        await admin.Locator("[data-testid=venue-save]").ClickAsync();
        await Expect(admin.Locator("[data-testid=chain-venues] tr[data-venue=hz-1]")).ToContainTextAsync("杭州一店");
        await Expect(admin.Locator("[data-testid=chain-regions] tr[data-region=华东]")).ToBeVisibleAsync();
        await admin.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "chain.png"), FullPage = true });

        // The login page now asks for the venue: hz-1's gm01 signs in to the new venue, not to main.
        var context = await ui.NewContextAsync(new BrowserNewContextOptions(BrowserFixture.Phone) { Locale = "zh-CN" });
        var login = await context.NewPageAsync();
        await login.GotoAsync(ui.BaseUrl + "/login");
        await login.FillAsync("#badge", "gm01");
        await login.FillAsync("#password", "hangzhou-gm-1");
        await Expect(login.Locator("[data-testid=login-venue]")).ToBeVisibleAsync();
        await login.FillAsync("#venue", "hz-1");
        await login.ClickAsync("button[type=submit]");
        await Expect(login).ToHaveURLAsync(ui.BaseUrl + "/");
        await Expect(login.Locator("body")).ToContainTextAsync("杭州一店");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_chain_admin_names_a_regional_manager_and_moves_staff_on_a_phone()
    {
        // Hangzhou (the demo's second venue) hires m31; its badge is free at main, so m31 can move there.
        using (var hangzhouGm = new HttpClient { BaseAddress = new Uri(ui.BaseUrl) })
        {
            var login = await hangzhouGm.PostAsJsonAsync("/api/auth/login", new { venue = DemoSeed.BranchCode, badge = "gm01", password = EncoreFactory.PasswordOf("gm01") });
            var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
            hangzhouGm.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            var hired = await hangzhouGm.PostAsJsonAsync("/api/staff", new { badge = "m31", name = "调动测试", password = "moving-m31-1", roles = new[] { "manager" } });
            Assert.Equal(System.Net.HttpStatusCode.Created, hired.StatusCode);
        }

        var errors = new List<string>();
        var admin = await ui.OpenPage("admin", BrowserFixture.Phone, "/chain", errors);
        // The demo is a chain of two venues in two regions.
        await Expect(admin.Locator($"[data-testid=chain-venues] tr[data-venue={DemoSeed.BranchCode}]")).ToContainTextAsync(DemoSeed.BranchName);
        await Expect(admin.Locator($"[data-testid=chain-regions] tr[data-region={DemoSeed.BranchRegion}]")).ToBeVisibleAsync();

        // A regional manager: no badge is refused beside the badge field; main's dh02 then oversees Hangzhou only.
        var rm = admin.Locator("[data-testid=rm-form]");
        await rm.Locator("[name=venue]").SelectOptionAsync(Startup.FirstVenueCode);
        await rm.Locator($"input[name=venues][value={DemoSeed.BranchCode}]").CheckAsync();
        await admin.Locator("[data-testid=rm-save]").ClickAsync();
        await Expect(rm.Locator("[data-error-for=badge]")).Not.ToBeEmptyAsync();
        await rm.Locator("[name=badge]").FillAsync("dh02");
        await admin.Locator("[data-testid=rm-save]").ClickAsync();
        var row = admin.Locator($"[data-testid=regional-managers] [data-rm='{Startup.FirstVenueCode}/dh02']");
        await Expect(row).ToContainTextAsync(DemoSeed.BranchName);

        // A move to a venue where the badge is taken is refused with the reason; m31 moves to main.
        var move = admin.Locator("[data-testid=move-form]");
        await move.Locator("[name=fromVenue]").SelectOptionAsync(DemoSeed.BranchCode);
        await move.Locator("[name=toVenue]").SelectOptionAsync(Startup.FirstVenueCode);
        await move.Locator("[name=badge]").FillAsync("m12");
        await admin.Locator("[data-testid=move-save]").ClickAsync();
        await Expect(move.Locator("[data-part=error]")).ToContainTextAsync("m12");
        await move.Locator("[name=badge]").FillAsync("m31");
        await move.Locator("[name=note]").FillAsync("支援总店");
        await admin.Locator("[data-testid=move-save]").ClickAsync();
        var moved = admin.Locator("[data-testid=moves] tr[data-move=m31]");
        await Expect(moved).ToContainTextAsync("支援总店");
        await Expect(moved).ToContainTextAsync(DemoSeed.VenueName);
        await admin.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "chain-admin.png"), FullPage = true });

        // dh02 signs in again and sees Hangzhou's figures, not main's; m31 now signs in at main.
        var regional = await ui.OpenPage("dh02", BrowserFixture.Phone, "/chain", errors);
        await Expect(regional.Locator($"[data-testid=chain-venues] tr[data-venue={DemoSeed.BranchCode}]")).ToBeVisibleAsync();
        await Expect(regional.Locator($"[data-testid=chain-venues] tr[data-venue={Startup.FirstVenueCode}]")).ToHaveCountAsync(0);
        await Expect(regional.Locator("[data-testid=rm-form]")).ToHaveCountAsync(0);
        using var main = new HttpClient { BaseAddress = new Uri(ui.BaseUrl) };
        var m31 = await main.PostAsJsonAsync("/api/auth/login", new { venue = Startup.FirstVenueCode, badge = "m31", password = "moving-m31-1" });
        Assert.Equal(System.Net.HttpStatusCode.OK, m31.StatusCode);
        Assert.Empty(errors);
    }
}
