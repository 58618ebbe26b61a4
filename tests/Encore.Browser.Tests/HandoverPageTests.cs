using Encore.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// Issue 17, the shift handover: the desk's outgoing host writes it on the desk screen with Encore's matters shown
/// (the demo night's out-of-service room among them); the incoming host, whose phone has the page open, sees it arrive
/// without a reload and takes it over; the writer's screen shows who took it over.
/// </summary>
public sealed class HandoverPageTests(BrowserFixture ui) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    static HandoverPageTests() => SetDefaultExpectTimeout(Patience);

    [Fact]
    public async Task The_outgoing_shift_hands_over_on_the_desk_and_the_incoming_shift_takes_it_over_on_a_phone_live()
    {
        var errors = new List<string>();
        var incoming = await ui.LivePage("h03", BrowserFixture.Phone, "/handover", errors);
        var desk = await ui.LivePage("h01", BrowserFixture.Desk, "/handover", errors);
        var prefill = desk.Locator("[data-testid=handover-prefill]");
        await Expect(prefill.Locator("[data-matter=rooms]")).ToBeVisibleAsync();
        await Expect(prefill.Locator("[data-matter=closingRound]")).ToHaveAttributeAsync("data-state", "notStarted");
        await desk.Locator("#handover-notes").FillAsync("VIP 区今晚有企业包场，停车位已预留");
        await desk.Locator("#handover-matters").FillAsync("明早联系工程部\n补前台零钱");
        await desk.Locator("[data-testid=handover-submit]").ClickAsync();
        var written = desk.Locator("[data-testid=handover-list] [data-acknowledged=false]").Filter(new() { HasText = "VIP 区今晚有企业包场" });
        await Expect(written).ToBeVisibleAsync();
        await Expect(written.Locator("[data-testid=handover-acknowledge]")).ToHaveCountAsync(0); // not the writer's to take over

        // The incoming shift's phone shows it without a reload and takes it over; the desk follows.
        var arrived = incoming.Locator("[data-testid=handover-list] li").Filter(new() { HasText = "VIP 区今晚有企业包场" });
        await Expect(arrived).ToContainTextAsync("补前台零钱");
        await arrived.Locator("[data-testid=handover-acknowledge]").ClickAsync();
        await Expect(arrived.Locator("[data-testid=handover-acknowledged]")).ToContainTextAsync("h03");
        await Expect(desk.Locator("[data-testid=handover-list] li").Filter(new() { HasText = "VIP 区今晚有企业包场" }).Locator("[data-testid=handover-acknowledged]"))
            .ToContainTextAsync("h03");
        await incoming.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "handover-phone.png"), FullPage = true });
        Assert.Empty(errors);
    }
}
