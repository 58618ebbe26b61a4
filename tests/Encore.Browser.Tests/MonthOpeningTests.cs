using Encore.Web.Tests;
using Microsoft.Playwright;

namespace Encore.Browser.Tests;

/// <summary>
/// Issue 13: on the 1st of a month, standings, fines and statements open on the month just ended, with a switch to
/// the current month. A server of its own whose simulated clock stands on the evening of 1 December, so no other
/// test's night moves.
/// </summary>
public sealed class MonthOpeningTests(MonthOpeningTests.FirstOfMonth ui) : BrowserTest(ui), IClassFixture<MonthOpeningTests.FirstOfMonth>
{
    public sealed class FirstOfMonthServer : BrowserFixture.Server
    {
        protected override DateTimeOffset ClockStart => DateTimeOffset.Parse("2026-12-01T21:00:00+08:00");
    }

    public sealed class FirstOfMonth() : BrowserFixture(new FirstOfMonthServer());

    private static async Task Pressed(IPage page, string month) =>
        await Assertions.Expect(page.Locator($"[data-month-switch] button[data-month='{month}']")).ToHaveAttributeAsync("aria-pressed", "true");

    [Fact]
    public async Task The_monthly_pages_open_on_the_month_just_ended_and_switch_to_this_month()
    {
        Assert.Equal(1, ui.TonightBusinessDay().Day);
        var errors = new List<string>();

        var standings = await ui.LivePage("m01", BrowserFixture.Phone, "/performance", errors);
        Assert.Equal("2026-11", await standings.InputValueAsync("#s-month"));
        await Assertions.Expect(standings.Locator("[data-testid=standings]")).ToHaveAttributeAsync("data-month", "2026-11");
        await Pressed(standings, "2026-11");
        await standings.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "standings-first-of-month-phone.png") });
        await standings.ClickAsync("[data-month-switch] button[data-month='2026-12']");
        await Assertions.Expect(standings.Locator("[data-testid=standings]")).ToHaveAttributeAsync("data-month", "2026-12");
        Assert.Equal("2026-12", await standings.InputValueAsync("#s-month"));
        await Pressed(standings, "2026-12");

        var fines = await ui.LivePage("fm01", BrowserFixture.Desk, "/fines", errors);
        Assert.Equal("2026-11", await fines.InputValueAsync("#f-month"));
        await Assertions.Expect(fines.Locator("[data-testid=fines]")).ToHaveAttributeAsync("data-loaded", "2026-11");
        await fines.ClickAsync("[data-month-switch] button[data-month='2026-12']");
        await Assertions.Expect(fines.Locator("[data-testid=fines]")).ToHaveAttributeAsync("data-loaded", "2026-12");

        var statement = await ui.SignedInPage("m01", BrowserFixture.Phone);
        BrowserFixture.Watch(statement, "m01 /statements", errors);
        await statement.GotoAsync(ui.BaseUrl + "/statements");
        Assert.Equal("2026-11", await statement.GetAttributeAsync("[data-testid=statement]", "data-month"));
        await Pressed(statement, "2026-11");
        await statement.ClickAsync("[data-month-switch] button[data-month='2026-12']");
        await Assertions.Expect(statement.Locator("[data-testid=statement]")).ToHaveAttributeAsync("data-month", "2026-12");
        Assert.Empty(errors);
    }
}
