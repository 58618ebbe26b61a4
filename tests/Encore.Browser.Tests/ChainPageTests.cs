using Encore.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// Issue 21, the chain on a phone: the chain admin reads the chain summary on /chain, opens a venue from its form (a bad
/// code refused beside its field), and the new venue's GM — whose badge repeats one of the first venue's — signs in on
/// the login page, which now asks for the venue's code.
/// </summary>
public sealed class ChainPageTests(BrowserFixture ui) : ServerTest(ui.App), IClassFixture<BrowserFixture>
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
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "chain.png"), FullPage = true });

        // The login page now asks for the venue: hz-1's gm01 signs in to the new venue, not to main.
        var context = await ui.Browser.NewContextAsync(new BrowserNewContextOptions(BrowserFixture.Phone) { Locale = "zh-CN" });
        var login = await context.NewPageAsync();
        await login.GotoAsync(ui.BaseUrl + "/login");
        await login.FillAsync("#badge", "gm01");
        await login.FillAsync("#password", "hangzhou-gm-1");
        await Expect(login.Locator("[data-testid=login-venue]")).ToBeVisibleAsync();
        await login.FillAsync("#venue", "hz-1");
        await login.ClickAsync("button[type=submit]");
        await login.WaitForURLAsync(ui.BaseUrl + "/");
        await Expect(login.Locator("body")).ToContainTextAsync("杭州一店");
        Assert.Empty(errors);
    }
}
