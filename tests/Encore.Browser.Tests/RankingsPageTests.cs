using Encore.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// Issue 18, the rankings board: a manager's phone shows the month's places with only their own figures; the floor
/// manager commends that manager on the desk screen, and the phone's points go up without a reload.
/// </summary>
public sealed class RankingsPageTests(BrowserFixture ui) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    static RankingsPageTests() => SetDefaultExpectTimeout(Patience);

    [Fact]
    public async Task A_commendation_on_the_desk_moves_the_managers_points_on_their_phone_live()
    {
        var errors = new List<string>();
        var phone = await ui.LivePage("m03", BrowserFixture.Phone, "/rankings", errors);
        var desk = await ui.LivePage("fm01", BrowserFixture.Desk, "/rankings", errors);
        await Expect(phone.Locator("[data-testid=rankings-best] li").First).ToBeVisibleAsync();
        await Expect(phone.Locator("[data-testid=rankings-basis]")).ToContainTextAsync("业绩完成率");
        var mine = phone.Locator("[data-testid=rankings-points] tr[data-badge=m03]");
        var points = int.Parse(await mine.GetAttributeAsync("data-points") ?? "x");
        // Only the manager's own row has figures on their phone.
        await Expect(phone.Locator("[data-testid=rankings-points] tr[data-points='']")).Not.ToHaveCountAsync(0);
        await Expect(phone.Locator("[data-testid=commend-form]")).ToHaveCountAsync(0);
        // The floor manager sees everyone's points, as a chart too.
        await Expect(desk.Locator("[data-testid=rankings-chart]")).ToBeVisibleAsync();

        await desk.Locator("#commend-badge").SelectOptionAsync("m03");
        await desk.Locator("#commend-reason").FillAsync("帮客人找回遗落的钱包并送到门口");
        await desk.Locator("[data-testid=commend-submit]").ClickAsync();
        await Expect(desk.Locator("[data-testid=commendations] li").Filter(new() { HasText = "帮客人找回遗落的钱包并送到门口" })).ToBeVisibleAsync();
        await Expect(mine).ToHaveAttributeAsync("data-points", (points + 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(phone.Locator("[data-testid=commendations] li").Filter(new() { HasText = "帮客人找回遗落的钱包并送到门口" })).ToBeVisibleAsync();

        // Bad input is named in the form and records nothing.
        await desk.Locator("#commend-badge").SelectOptionAsync("m04");
        await desk.Locator("#commend-reason").FillAsync("");
        await desk.Locator("[data-testid=commend-submit]").ClickAsync();
        await Expect(desk.Locator("[data-testid=commend-form] [data-error-for=reason]")).ToContainTextAsync("理由");
        await phone.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "rankings-phone.png"), FullPage = true });
        await desk.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "rankings-desk.png"), FullPage = true });
        Assert.Empty(errors);
    }
}
