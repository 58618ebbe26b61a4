using Encore.Web.Tests;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// Issue 16, the desk's guest-service register on a phone (390×844): a host takes a guest's valuables, a wrong receipt
/// code is refused with the message next to the code's field and nothing is handed over, the right code hands them
/// back; a stored-drink withdrawal beyond what remains is refused naming the quantity, and nothing is withdrawn.
/// </summary>
public sealed class GuestServiceTests(BrowserFixture ui) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    static GuestServiceTests() => SetDefaultExpectTimeout(Patience);

    [Fact]
    public async Task A_host_returns_valuables_only_against_the_right_code_and_no_more_drinks_than_remain()
    {
        var errors = new List<string>();
        var phone = await ui.SignedInPage("h02", new BrowserNewContextOptions(BrowserFixture.Phone) { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        BrowserFixture.Watch(phone, "h02 /guest-service", errors);
        await phone.GotoAsync(ui.BaseUrl + "/guest-service");

        await phone.ClickAsync("[data-testid=tab-valuables]");
        var form = phone.Locator("[data-testid=valuable-form]");
        await form.Locator("[name=guestName]").FillAsync("寄存测试客");
        await form.Locator("[name=guestPhone]").FillAsync("13900007788");
        await form.Locator("[name=description]").FillAsync("金手镯一只");
        await form.Locator("button[type=submit]").ClickAsync();
        var receipt = phone.Locator("[data-testid=receipt]");
        await Expect(receipt).ToBeVisibleAsync();
        var code = (await phone.Locator("[data-testid=receipt-code]").TextContentAsync())!.Trim();
        Assert.Matches("^[A-Z2-9]{6}$", code);
        var id = (await receipt.GetAttributeAsync("data-receipt-for"))!;

        var item = phone.Locator($"li[data-valuable='{id}']");
        await Expect(item).ToHaveAttributeAsync("data-status", "held");
        await item.Locator("summary").ClickAsync();
        var wrong = code[..5] + (code[5] == 'A' ? 'B' : 'A');
        await item.Locator("[name=receiptCode]").FillAsync(wrong);
        await item.Locator("button[type=submit]").ClickAsync();
        await Expect(item.Locator("[data-error-for=receiptCode]")).ToContainTextAsync("凭证码不正确");
        await Expect(item.Locator("[name=receiptCode]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-invalid"));
        await Expect(item).ToHaveAttributeAsync("data-status", "held");
        Assert.Null(ui.App.With(db => db.Valuables.Single(v => v.Id == Guid.Parse(id)).ReturnedAt));
        await phone.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "guest-service-phone.png") });

        await item.Locator("[name=receiptCode]").FillAsync(code);
        await item.Locator("button[type=submit]").ClickAsync();
        var returned = phone.Locator($"[data-valuable='{id}'][data-status=returned]");
        await Expect(returned).ToBeVisibleAsync();
        await Expect(returned.Locator("[data-part=returned-by]")).ToContainTextAsync("h02");

        // Stored drinks: two bottles left; asking for three is refused by name and leaves both.
        var customer = ui.App.With(db => db.Customers.OfMain(db).Where(c => c.ErasedAt == null).OrderBy(c => c.CreatedAt).Select(c => c.Id).First());
        var api = await ui.ApiClient("h02");
        var stored = await api.PostAsJsonAsync("/api/stored-drinks", new { customerId = customer, item = "马爹利名士", quantity = 2 });
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        var drinkId = (await stored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await phone.ReloadAsync();
        await phone.ClickAsync("[data-testid=tab-drinks]");
        var drink = phone.Locator($"[data-drink='{drinkId}']");
        await Expect(drink.Locator("[data-part=remaining]")).ToHaveTextAsync("剩 2/2");
        await drink.Locator("summary").ClickAsync();
        await drink.Locator("[name=quantity]").FillAsync("3");
        await drink.Locator("button[type=submit]").ClickAsync();
        await Expect(drink.Locator("[data-error-for=quantity]")).ToContainTextAsync("只剩 2");
        await Expect(drink.Locator("[data-part=remaining]")).ToHaveTextAsync("剩 2/2");
        Assert.Equal(2, ui.App.With(db => db.StoredDrinks.Single(d => d.Id == Guid.Parse(drinkId)).Remaining));

        await drink.Locator("[name=quantity]").FillAsync("1");
        await drink.Locator("button[type=submit]").ClickAsync();
        await Expect(phone.Locator($"[data-drink='{drinkId}'] [data-part=remaining]")).ToHaveTextAsync("剩 1/2");
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("zh-CN", true)]
    [InlineData("en", true)]
    [InlineData("en", false)]
    public async Task Each_tab_of_the_register_fits_a_phone_and_a_desk_screen(string language, bool onPhone)
    {
        var errors = new List<string>();
        var page = await ui.SignedInPage("fm01", new BrowserNewContextOptions(onPhone ? BrowserFixture.Phone : BrowserFixture.Desk) { Locale = language, TimezoneId = "Asia/Shanghai" });
        BrowserFixture.Watch(page, "fm01 /guest-service", errors);
        if (language != "zh-CN") await page.GotoAsync(ui.BaseUrl + "/language/" + language + "?returnUrl=/");
        await page.GotoAsync(ui.BaseUrl + "/guest-service");
        await Expect(page.Locator("h1")).ToHaveTextAsync(language == "en" ? "Guest service" : "客服登记");
        foreach (var tab in new[] { "lost", "valuables", "drinks" })
        {
            await page.ClickAsync($"[data-testid=tab-{tab}]");
            await Expect(page.Locator($"[data-testid=pane-{tab}]")).ToBeVisibleAsync();
            // The demo's records are listed (none of the lists is left empty or loading).
            await Expect(page.Locator($"[data-testid=pane-{tab}] ul > li.card").First).ToBeVisibleAsync();
            var widths = await page.Locator("html").EvaluateAsync<int[]>("e => [e.scrollWidth, e.clientWidth]");
            Assert.True(widths[0] <= widths[1], $"{tab}: the page is {widths[0]}px wide on a {widths[1]}px screen");
        }
        Assert.Empty(errors);
    }
}
