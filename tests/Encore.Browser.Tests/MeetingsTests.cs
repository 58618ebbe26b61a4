using Encore.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// Issue 17, meetings on phones (390×844): the floor manager calls tonight's pre-shift meeting (the agenda pre-filled
/// with tonight's bookings and the targets), a manager checks in from their phone and sees "on time" while the floor
/// manager's page shows the check-in arrive live, the floor manager writes minutes with an action for that manager,
/// and the manager's home page shows the action.
/// </summary>
public sealed class MeetingsTests(BrowserFixture ui) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    static MeetingsTests() => SetDefaultExpectTimeout(Patience);

    [Fact]
    public async Task The_floor_calls_a_pre_shift_meeting_a_manager_checks_in_and_gets_an_action_on_their_home_page()
    {
        var errors = new List<string>();
        var options = new BrowserNewContextOptions(BrowserFixture.Phone) { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" };
        var floor = await ui.LivePage("fm01", options, "/meetings", errors, 2 * Patience);
        // Half an hour from the server's now (21:00 on the simulated clock): checking in now is on time.
        var startsAt = ui.VenueNow().AddMinutes(30).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await floor.Locator("[data-testid=meeting-new] summary").ClickAsync();
        await floor.Locator("[data-testid=meeting-kind]").SelectOptionAsync("preShift");
        await floor.Locator("[data-testid=meeting-starts]").FillAsync(startsAt);
        await floor.ClickAsync("[data-testid=meeting-create]");
        await Expect(floor.Locator("[data-testid=meeting-brief]")).ToContainTextAsync("今晚预订");
        await Expect(floor.Locator("[data-testid=meeting-brief]")).ToContainTextAsync("本月目标完成");
        await Expect(floor.Locator("[data-testid=meeting-attendance] [data-badge=m01]")).ToHaveAttributeAsync("data-status", "expected");
        var id = new Uri(floor.Url).Query.Split('=')[1];

        var phone = await ui.LivePage("m01", options, "/meetings?id=" + id, errors, 2 * Patience);
        await phone.ClickAsync("[data-testid=check-in]");
        await Expect(phone.Locator("[data-testid=check-in-result]")).ToHaveTextAsync("已签到：准时");
        // The chair sees the check-in arrive without reloading.
        await Expect(floor.Locator("[data-testid=meeting-attendance] [data-badge=m01]")).ToHaveAttributeAsync("data-status", "present");

        var minutes = floor.Locator("[data-testid=minutes-form]");
        await minutes.Locator("[name=minutes]").FillAsync("今晚重点：生日派对包厢提前布置");
        await minutes.Locator("[data-testid=action-add]").ClickAsync();
        await minutes.Locator("[name=text]").Last.FillAsync("联系生日派对客人确认到店时间");
        await minutes.Locator("[name=ownerBadge]").Last.FillAsync("m01");
        await minutes.Locator("[data-testid=minutes-save]").ClickAsync();
        await Expect(floor.Locator("[data-testid=meeting-minutes]")).ToHaveTextAsync("今晚重点：生日派对包厢提前布置");
        await Expect(floor.Locator("[data-testid=meeting-actions]")).ToContainTextAsync("联系生日派对客人确认到店时间");

        await Expect(phone.Locator("[data-testid=meeting-actions]")).ToContainTextAsync("联系生日派对客人确认到店时间");
        await phone.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "meetings-phone.png"), FullPage = true });
        await phone.GotoAsync(ui.BaseUrl + "/");
        await Expect(phone.Locator("[data-testid=home-actions]")).ToContainTextAsync("联系生日派对客人确认到店时间");
        Assert.Empty(errors);
    }
}
