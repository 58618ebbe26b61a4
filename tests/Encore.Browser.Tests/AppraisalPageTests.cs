using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// Issue 18, the appraisal on a phone, all through /appraisal: the department head starts m03's appraisal of this
/// month, m03 fills in the self-assessment, the head scores it, the floor manager reviews and publishes it, m03
/// appeals within the window (the countdown runs), and the GM decides the appeal; the timeline shows every step, and a
/// rankings board open on another phone places m03 by the published total without a reload.
/// </summary>
public sealed class AppraisalPageTests(BrowserFixture ui) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    static AppraisalPageTests() => SetDefaultExpectTimeout(Patience);

    private async Task<IPage> OpenAsync(string badge, List<string> errors)
    {
        var page = await ui.SignedInPage(badge, new BrowserNewContextOptions(BrowserFixture.Phone) { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        BrowserFixture.Watch(page, $"{badge} /appraisal", errors);
        await page.GotoAsync(ui.BaseUrl + "/appraisal");
        return page;
    }

    /// <summary>Opens the appraisal from the caller's queue (what waits on them) and waits for its form.</summary>
    private static async Task<ILocator> FromQueueAsync(IPage page, string row, string form)
    {
        await page.Locator($"[data-testid=appraisal-queue] [data-testid={row}]").ClickAsync();
        var detail = page.Locator("[data-testid=appraisal-detail]");
        await Expect(detail.Locator($"[data-testid=appraisal-form-{form}]")).ToBeVisibleAsync();
        return detail;
    }

    [Fact]
    public async Task Self_assessment_supervisor_review_publication_appeal_and_decision_all_on_the_pages()
    {
        var errors = new List<string>();
        var month = ui.TonightBusinessDay().ToString("yyyy-MM");
        var row = $"appraisal-row-m03-{month}";

        // Another manager keeps the rankings board open: before any appraisal of the month is published, places follow attainment.
        var board = await ui.LivePage("m05", BrowserFixture.Phone, "/rankings", errors);
        await Expect(board.Locator("[data-testid=rankings-basis]")).ToContainTextAsync("业绩完成率");

        // The department head starts it: the measured items come scored, the status waits for m03.
        var head = await OpenAsync("dh01", errors);
        await head.Locator("#appraisal-badge").FillAsync("m03");
        await Expect(head.Locator("#appraisal-period")).ToHaveValueAsync(month);
        await head.Locator("[data-testid=appraisal-start-submit]").ClickAsync();
        await Expect(head.Locator("[data-testid=appraisal-detail] [data-status=draft]")).ToBeVisibleAsync();

        // m03 on the phone: the self-assessment, every item scored by hand.
        var manager = await OpenAsync("m03", errors);
        var detail = await FromQueueAsync(manager, row, "self");
        var inputs = detail.Locator("[data-testid^=appraisal-score-]");
        Assert.Equal(2, await inputs.CountAsync()); // attitude and ability; the measured ones are Encore's
        for (var i = 0; i < await inputs.CountAsync(); i++) await inputs.Nth(i).FillAsync("85");
        await detail.Locator("textarea[name=comment]").FillAsync("本月新开发客户 5 位");
        await manager.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "appraisal-self-phone.png"), FullPage = true });
        await detail.Locator("[data-testid=appraisal-do-self]").ClickAsync();
        await Expect(detail.Locator("[data-status=self]")).ToBeVisibleAsync();

        // The head scores it.
        await head.ReloadAsync();
        detail = await FromQueueAsync(head, row, "supervisor");
        inputs = detail.Locator("[data-testid^=appraisal-score-]");
        for (var i = 0; i < await inputs.CountAsync(); i++) await inputs.Nth(i).FillAsync("75");
        await detail.Locator("[data-testid=appraisal-do-supervisor]").ClickAsync();
        await Expect(detail.Locator("[data-status=supervisor]")).ToBeVisibleAsync();
        await Expect(detail.Locator("[data-testid=appraisal-total]")).ToContainTextAsync("总分");

        // The floor manager reviews and publishes it.
        var floor = await OpenAsync("fm01", errors);
        detail = await FromQueueAsync(floor, row, "review");
        await detail.Locator("[data-testid=appraisal-do-review]").ClickAsync();
        await Expect(detail.Locator("[data-testid=appraisal-form-publish]")).ToBeVisibleAsync();
        await detail.Locator("[data-testid=appraisal-do-publish]").ClickAsync();
        await Expect(detail.Locator("[data-status=published]")).ToBeVisibleAsync();
        // The board follows without a reload: the month's places now come from the published total, m03 the only one placed.
        await Expect(board.Locator("[data-testid=rankings-basis]")).ToContainTextAsync("考核总分");
        await Expect(board.Locator("[data-testid=rankings-best] li").First).ToHaveAttributeAsync("data-badge", "m03");

        // m03 sees the result and appeals within the window, the countdown running.
        await manager.ReloadAsync();
        detail = await FromQueueAsync(manager, row, "appeal");
        await Expect(detail.Locator("[data-testid=appraisal-countdown]")).ToContainTextAsync("申诉剩余时间");
        await detail.Locator("[data-testid=appraisal-appeal-reason]").FillAsync("有两位新客户登记在别人名下");
        await detail.Locator("[data-testid=appraisal-do-appeal]").ClickAsync();
        await Expect(detail.Locator("[data-status=appealed]")).ToBeVisibleAsync();

        // The GM decides: upheld, with the reason written down.
        var gm = await OpenAsync("gm01", errors);
        detail = await FromQueueAsync(gm, row, "decide");
        await detail.Locator("[data-testid=appraisal-upheld]").SelectOptionAsync("true");
        await detail.Locator("[data-testid=appraisal-decision]").FillAsync("核实后新客户数有误，申诉成立");
        await detail.Locator("[data-testid=appraisal-do-decide]").ClickAsync();
        await Expect(detail.Locator("[data-status=final]")).ToBeVisibleAsync();
        await Expect(detail.Locator("[data-testid=appraisal-timeline] li")).ToHaveCountAsync(7);
        await Expect(detail.Locator("[data-testid=appraisal-timeline] [data-step=upheld]")).ToContainTextAsync("gm01");
        await Expect(board.Locator("[data-testid=rankings-best] li").First).ToHaveAttributeAsync("data-badge", "m03");
        await gm.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "appraisal-decided-phone.png"), FullPage = true });

        var stored = await (await ui.ApiClient("m03")).GetFromJsonAsync<JsonElement>($"/api/appraisals?badge=m03&period={month}");
        Assert.Equal("final", stored[0].GetProperty("status").GetString());
        Assert.Empty(errors);
    }
}
