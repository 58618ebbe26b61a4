using Encore.Web.Tests;
using Microsoft.Playwright;

namespace Encore.Browser.Tests;

public sealed class RoleViewsTests(BrowserFixture ui) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_GM_sees_every_management_page_and_adds_a_member_of_staff()
    {
        var page = await ui.SignedInPage("gm01", BrowserFixture.Desk);

        Assert.Contains("王总", await page.InnerTextAsync("[data-testid=welcome]"));
        foreach (var nav in new[] { "rooms", "staff", "house-rules", "audit" })
            Assert.Equal(1, await page.Locator($"[data-nav={nav}]").CountAsync());

        await page.ClickAsync("[data-nav=staff]");
        await page.WaitForURLAsync("**/staff");
        Assert.Equal(1, await page.Locator("tr[data-badge=m12]").CountAsync());
        await page.FillAsync("#nb", "m50");
        await page.FillAsync("#nn", "新来的经理");
        await page.FillAsync("#np", "welcome-50");
        await page.CheckAsync("#r-manager");
        await page.ClickAsync("[data-testid=create-staff] button");
        await page.WaitForSelectorAsync("[data-testid=flash]");
        Assert.Equal(1, await page.Locator("tr[data-badge=m50]").CountAsync());
        await page.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "gm-staff.png"), FullPage = false });

        await page.ClickAsync("[data-nav=rooms]");
        await page.WaitForURLAsync("**/rooms");
        Assert.Equal(70, await page.Locator("[data-room]").CountAsync());
        await page.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "gm-rooms.png") });
    }

    [Fact]
    public async Task A_manager_on_a_phone_sees_only_what_a_manager_may()
    {
        var page = await ui.SignedInPage("m01", BrowserFixture.Phone);

        Assert.Contains("林晓燕", await page.InnerTextAsync("[data-testid=welcome]"));
        Assert.Equal(0, await page.Locator("[data-nav=staff]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-nav=audit]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=tile-staff]").CountAsync());
        Assert.Equal(1, await page.Locator("[data-testid=tile-rooms]").CountAsync());
        await page.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "manager-phone-home.png") });

        // The menu folds away on a phone and opens with the toggler.
        Assert.False(await page.Locator("[data-nav=rooms]").IsVisibleAsync());
        await page.ClickAsync(".navbar-toggler");
        await page.Locator("[data-nav=rooms]").WaitForAsync(new() { State = WaitForSelectorState.Visible });

        var response = await page.GotoAsync(ui.BaseUrl + "/staff");
        Assert.EndsWith("/denied", new Uri(page.Url).AbsolutePath);
        Assert.Equal(403, response!.Status);
        Assert.Equal(1, await page.Locator("[data-testid=denied]").CountAsync());

        // The house rules are readable but not editable for a manager.
        await page.GotoAsync(ui.BaseUrl + "/house-rules");
        Assert.Equal(0, await page.Locator("[data-testid=save-rules]").CountAsync());
        Assert.True(await page.Locator("#bookings\\.standardHoldMinutes").IsDisabledAsync());
    }

    [Fact]
    public async Task The_language_switches_between_Chinese_and_English()
    {
        var page = await ui.SignedInPage("fm01", BrowserFixture.Desk);
        Assert.Contains("您好", await page.InnerTextAsync("[data-testid=welcome]"));
        await page.ClickAsync("[data-testid=language]");
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'en'");
        Assert.Contains("Hello", await page.InnerTextAsync("[data-testid=welcome]"));
        await page.ClickAsync("[data-testid=language]");
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'zh-CN'");
        Assert.Contains("您好", await page.InnerTextAsync("[data-testid=welcome]"));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_on_the_login_page()
    {
        var context = await ui.NewContextAsync(BrowserFixture.Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync(ui.BaseUrl + "/login");
        await page.FillAsync("#venue", MainVenue.Code);
        await page.FillAsync("#badge", "m02");
        await page.FillAsync("#password", "not-the-password1");
        await page.ClickAsync("button[type=submit]");
        Assert.Contains("工牌号或密码错误", await page.InnerTextAsync("[data-testid=login-error]"));
        Assert.EndsWith("/login", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task The_GM_changes_a_house_rule_and_a_bad_value_is_named()
    {
        var page = await ui.SignedInPage("gm01", BrowserFixture.Desk);
        await page.GotoAsync(ui.BaseUrl + "/house-rules");
        await page.FillAsync("#bookings\\.standardHoldMinutes", "0");
        await page.ClickAsync("[data-testid=save-rules]");
        // Named by the label the GM sees on the form, not by its path (issue 13).
        var named = await page.InnerTextAsync("[data-testid=errors]");
        Assert.Contains("常规预订保留（分钟）", named);
        Assert.DoesNotContain("bookings.standardHoldMinutes", named);

        await page.FillAsync("#bookings\\.standardHoldMinutes", "30");
        await page.ClickAsync("[data-testid=save-rules]");
        await page.WaitForSelectorAsync("[data-testid=flash]");
        Assert.Equal("30", await page.InputValueAsync("#bookings\\.standardHoldMinutes"));
        await page.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "gm-house-rules.png") });
    }
}
