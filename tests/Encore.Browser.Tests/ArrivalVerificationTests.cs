using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// Issue 13, "a desk typo becomes a ¥500 cheating fine": at the desk (desk screen) a mistyped confirmation code is
/// refused next to the code and charges nobody; a guest whose name and phone are not the booking's is proposed as
/// cheating, and the floor manager on a phone dismisses it with a reason.
/// </summary>
public sealed class ArrivalVerificationTests(BrowserFixture ui) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    static ArrivalVerificationTests() => SetDefaultExpectTimeout(Patience);

    [Fact]
    public async Task A_mistyped_code_is_refused_without_a_violation_then_a_mismatch_is_proposed_and_dismissed_by_the_floor_manager()
    {
        var errors = new List<string>();
        var booker = await ui.ApiClient("m08");
        var phone = $"139{Random.Shared.Next(10_000_000, 99_999_999)}";
        var created = await booker.PostAsJsonAsync("/api/bookings", new { customerName = "冯先生", customerPhone = phone, arrival = ui.ArrivalIn(1), partySize = 4 });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var booking = await created.Content.ReadFromJsonAsync<JsonElement>();
        var (id, code) = (booking.GetProperty("id").GetString()!, booking.GetProperty("confirmationCode").GetString()!);
        var fm = await ui.ApiClient("fm01");
        async Task<List<JsonElement>> Charges() => (await fm.GetFromJsonAsync<JsonElement>("/api/violations?badge=m08")).EnumerateArray()
            .Where(v => v.GetProperty("evidence").GetString()!.Contains(code, StringComparison.Ordinal) && v.GetProperty("type").GetString() == "cheating").ToList();

        // The desk: one character off in the code.
        var board = await ui.LivePage("h01", BrowserFixture.Desk, "/board", errors);
        var waiting = board.Locator($"[data-testid=waiting] [data-booking='{id}']");
        await waiting.Locator("[data-act=arrive]").ClickAsync();
        await BookingBoardTests.DialogOpened(board);
        var arrive = board.Locator("form[data-form=arrive]");
        await Expect(arrive).ToBeVisibleAsync();
        var typo = code[..^1] + (code[^1] == 'Z' ? 'Y' : 'Z');
        await arrive.Locator("[name=confirmationCode]").FillAsync(typo);
        await arrive.Locator("button[type=submit]").ClickAsync();
        await Expect(arrive.Locator("[data-error-for=confirmationCode]")).ToContainTextAsync("没有确认码");
        await Expect(arrive.Locator("[data-error-for=confirmationCode]")).ToContainTextAsync(typo);
        await Expect(waiting).ToHaveAttributeAsync("data-status", "booked");
        Assert.Empty(await Charges());

        // The desk tries by name and phone: the guest gives another phone — a mismatch, proposed to the floor.
        await board.ClickAsync("label[for=f-arrive-by-name]");
        await arrive.Locator("[name=customerName]").FillAsync("冯先生");
        await arrive.Locator("[name=customerPhone]").FillAsync("13000000001");
        await arrive.Locator("button[type=submit]").ClickAsync();
        await Expect(board.Locator("[data-testid=dialog-error]")).ToContainTextAsync("营业经理确认或驳回");
        var proposed = Assert.Single(await Charges());
        Assert.Equal("proposed", proposed.GetProperty("status").GetString());
        await board.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "desk-verification-mismatch.png") });

        // The floor manager, on a phone, dismisses it with the reason.
        var floor = await ui.SignedInPage("fm01", new BrowserNewContextOptions(BrowserFixture.Phone) { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        BrowserFixture.Watch(floor, "fm01 /fines", errors);
        var month = booking.GetProperty("businessDay").GetString()![..7];
        await floor.GotoAsync($"{ui.BaseUrl}/fines?month={month}");
        await Expect(floor.Locator("[data-testid=fines]")).ToHaveAttributeAsync("data-loaded", month);
        var card = floor.Locator($"[data-testid=all-fines] [data-violation='{proposed.GetProperty("id").GetString()}']");
        await Expect(card).ToHaveAttributeAsync("data-status", "proposed");
        await Expect(card).Not.ToContainTextAsync("迟到");
        await card.Locator("[name=reason]").FillAsync("前台输错电话，客人就是订房客人");
        await card.ScrollIntoViewIfNeededAsync();
        await floor.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "floor-dismiss-fine-phone.png") });
        await card.Locator("[data-testid=dismiss]").ClickAsync();
        await Expect(card).ToHaveAttributeAsync("data-status", "dismissed");
        await Expect(card.Locator("[data-part=status]")).ToHaveTextAsync("已驳回");
        await Expect(card.Locator("[data-part=decision]")).ToContainTextAsync("前台输错电话");
        Assert.Equal("dismissed", Assert.Single(await Charges()).GetProperty("status").GetString());
        Assert.Empty(errors);
    }
}
