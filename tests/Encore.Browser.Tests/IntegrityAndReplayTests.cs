using Encore.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// Issue 19: the floor manager opens the integrity report on a phone and the bookings behind a flagged booker; on a
/// desk screen they replay last night's board, step to the next change and follow one room into another state.
/// </summary>
public sealed class IntegrityAndReplayTests(BrowserFixture ui) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    static IntegrityAndReplayTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task The_floor_manager_reads_a_flagged_bookers_bookings_on_a_phone_and_steps_the_replay_on_a_desk()
    {
        var errors = new List<string>();
        var phone = await ui.SignedInPage("fm01", new BrowserNewContextOptions(BrowserFixture.Phone) { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        BrowserFixture.Watch(phone, "phone", errors);
        await phone.GotoAsync(ui.BaseUrl + "/reports/integrity");
        var flagged = phone.Locator("[data-testid=integrity-table] tr[data-flagged=true]");
        await Expect(flagged.First).ToBeVisibleAsync();
        await Expect(phone.Locator("[data-testid=integrity-table] tr[data-flagged=false]").First).ToBeVisibleAsync();
        await Expect(phone.Locator("tr[data-badge=m03]")).ToHaveAttributeAsync("data-flagged", "true");
        await Expect(phone.Locator("tr[data-badge=m03] [data-flag=mismatches]")).ToContainTextAsync("核验不符");
        await phone.Locator("[data-testid=integrity-open-m03]").ClickAsync();
        var behind = phone.Locator("[data-testid=integrity-behind]");
        await Expect(behind).ToContainTextAsync("m03");
        await Expect(behind.Locator("tr[data-code=FAKE00]")).ToHaveAttributeAsync("data-counts", "lapsed mismatches");
        await phone.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "integrity-phone.png") });

        var desk = await ui.SignedInPage("fm01", new BrowserNewContextOptions(BrowserFixture.Desk) { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        BrowserFixture.Watch(desk, "desk", errors);
        await desk.GotoAsync(ui.BaseUrl + "/board/replay?businessDay=2026-11-19");
        await Expect(desk.Locator("[data-testid=replay-board] .room-tile").First).ToBeVisibleAsync();
        // The first change of the night: its room stands in its new state.
        var first = desk.Locator("[data-testid=replay-changes] li").First;
        var room = await first.GetAttributeAsync("data-room");
        var state = await first.GetAttributeAsync("data-to");
        var tile = desk.Locator($"[data-testid=replay-board] .room-tile[data-room='{room}']");
        await Expect(tile).ToHaveAttributeAsync("data-state", state!);
        // One step on, the minute moves.
        var minute = await desk.Locator("[data-testid=replay-minute]").InnerTextAsync();
        await desk.Locator("[data-testid=replay-next]").ClickAsync();
        await Expect(desk.Locator("[data-testid=replay-minute]")).Not.ToHaveTextAsync(minute);
        // The room's next change into another state: the tile follows.
        var later = desk.Locator($"[data-testid=replay-changes] li[data-room='{room}']:not([data-to='{state}'])").First;
        var next = await later.GetAttributeAsync("data-to");
        await later.Locator("a").ClickAsync();
        await Expect(tile).ToHaveAttributeAsync("data-state", next!);
        await desk.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "board-replay-desk.png") });
        Assert.Empty(errors);
    }
}
