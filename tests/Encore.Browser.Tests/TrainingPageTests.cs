using System.Globalization;
using System.Net.Http.Json;
using Encore.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// Issue 18, training: the floor manager plans a course on the desk screen (the year's plan by month), then on a phone
/// (390×844) ticks the manager present and enters the test score once the course has started; the manager's phone shows
/// the course and the result in their own training record. On its own server: the test moves the clock past the start.
/// </summary>
public sealed class TrainingPageTests(TrainingBrowserFixture ui) : BrowserTest(ui), IClassFixture<TrainingBrowserFixture>
{
    private const float Patience = 15_000;

    static TrainingPageTests() => SetDefaultExpectTimeout(Patience);

    [Fact]
    public async Task The_floor_plans_on_the_desk_marks_and_scores_on_a_phone_and_the_manager_sees_the_result()
    {
        var errors = new List<string>();
        var desk = await ui.SignedInPage("fm01", new BrowserNewContextOptions(BrowserFixture.Desk) { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        BrowserFixture.Watch(desk, "fm01 desk", errors);
        await desk.GotoAsync(ui.BaseUrl + "/training");
        // The year's plan by month, the demo's courses in it.
        await Expect(desk.Locator("h1")).ToContainTextAsync("2026 年培训计划");
        await Expect(desk.Locator("[data-testid=training-month-11]")).ToBeVisibleAsync();
        await Expect(desk.Locator("[data-testid=training-plan]")).ToContainTextAsync("折扣与赠送权限");

        var startsAt = ui.VenueNow().AddMinutes(10);
        await desk.Locator("[data-testid=training-new] summary").ClickAsync();
        await desk.Locator("[data-testid=course-title]").FillAsync("包厢点单系统培训");
        await desk.Locator("[data-testid=course-starts]").FillAsync(startsAt.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await desk.Locator("[data-testid=course-audience]").FillAsync("m01, m02");
        await desk.Locator("[data-testid=course-pass]").FillAsync("70");
        // A pass mark above 100 is refused next to its field, in Chinese.
        await desk.Locator("[data-testid=course-pass]").FillAsync("170");
        await desk.ClickAsync("[data-testid=course-create]");
        await Expect(desk.Locator("[data-error-for=passMark]")).ToContainTextAsync("及格分");
        await desk.Locator("[data-testid=course-pass]").FillAsync("70");
        await desk.ClickAsync("[data-testid=course-create]");
        await Expect(desk.Locator("[data-testid=course-heading]")).ToHaveTextAsync("包厢点单系统培训");
        await Expect(desk.Locator("[data-testid=course-status]")).ToHaveTextAsync("计划中");
        var courseUrl = desk.Url;
        await desk.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "training-course-desk.png"), FullPage = true });
        await desk.GotoAsync(ui.BaseUrl + "/training");
        await Expect(desk.Locator($"[data-testid=training-month-{startsAt.Month}]")).ToContainTextAsync("包厢点单系统培训");
        await desk.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "training-plan-desk.png"), FullPage = true });

        // The course starts.
        var gm = await ui.ApiClient("gm01");
        (await gm.PutAsJsonAsync("/api/clock", new { now = startsAt.AddMinutes(1) })).EnsureSuccessStatusCode();

        var phoneOptions = new BrowserNewContextOptions(BrowserFixture.Phone) { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" };
        var floor = await ui.SignedInPage("fm01", phoneOptions);
        BrowserFixture.Watch(floor, "fm01 phone", errors);
        await floor.GotoAsync(courseUrl);
        await Expect(floor.Locator("[data-testid=course-status]")).ToHaveTextAsync("已举行");
        await floor.Locator("[data-testid=present-m01]").CheckAsync();
        await Expect(floor.Locator("[data-testid=attendance-m01]")).ToHaveTextAsync("出席");
        await floor.Locator("[data-testid=score-m01]").FillAsync("65");
        await floor.ClickAsync("[data-testid=score-save-m01]");
        await Expect(floor.Locator("[data-testid=result-m01]")).ToHaveTextAsync("未通过");
        // The retake: the best counts.
        await floor.Locator("[data-testid=score-m01]").FillAsync("88");
        await floor.ClickAsync("[data-testid=score-save-m01]");
        await Expect(floor.Locator("[data-testid=result-m01]")).ToHaveTextAsync("通过");
        await Expect(floor.Locator("[data-testid=attempts-m01]")).ToHaveTextAsync("65 / 88");
        await Expect(floor.Locator("[data-testid=attendance-m02]")).ToHaveTextAsync("未签到");
        await floor.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "training-course-phone.png"), FullPage = true });
        // Nothing overflows the phone's width.
        Assert.True(await floor.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"));

        var manager = await ui.SignedInPage("m01", phoneOptions);
        BrowserFixture.Watch(manager, "m01 phone", errors);
        await manager.GotoAsync(ui.BaseUrl + "/training");
        await manager.ClickAsync("[data-testid=training-my-record]");
        await Expect(manager.Locator("[data-testid=training-record]")).ToBeVisibleAsync();
        var row = manager.Locator("[data-testid=record-course]", new() { HasTextString = "包厢点单系统培训" });
        await Expect(row).ToContainTextAsync("65 / 88");
        await Expect(row.Locator("[data-testid=record-result]")).ToHaveTextAsync("通过");
        Assert.True(await manager.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"));
        await manager.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "training-record-phone.png"), FullPage = true });
        // Another manager's record is not theirs to read.
        var other = await manager.GotoAsync(ui.BaseUrl + "/training/records/m02");
        Assert.Equal(403, other!.Status);
        Assert.Empty(errors);
    }
}
