using Encore.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// Issue 13, "Phone layout", on a 390×844 phone in a Chinese browser: the menu button is at the right of the top
/// bar; the fines header fits the screen; the customer list reads in pinyin order, like the booking page's list, with
/// "new customer" above it; a time is typed and shown as 24-hour "21:30", never 上午/下午.
/// </summary>
public sealed class PhoneLayoutTests(BrowserFixture ui) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    static PhoneLayoutTests() => SetDefaultExpectTimeout(Patience);

    private static readonly BrowserNewContextOptions ChinesePhone = new(BrowserFixture.Phone) { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" };

    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotDir, name);

    /// <summary>An element's content width and its box width, in CSS pixels.</summary>
    private static async Task<(int Scroll, int Client)> Widths(IPage page, string selector)
    {
        var widths = await page.Locator(selector).First.EvaluateAsync<int[]>("e => [e.scrollWidth, e.clientWidth]");
        return (widths[0], widths[1]);
    }

    [Fact]
    public async Task The_menu_button_is_the_rightmost_thing_of_the_top_bar()
    {
        var phone = await ui.SignedInPage("m01", ChinesePhone);
        var bar = (await phone.Locator("nav.navbar > .container-fluid").BoundingBoxAsync())!;
        var toggler = (await phone.Locator(".navbar-toggler").BoundingBoxAsync())!;
        var language = (await phone.Locator("[data-testid=language]").BoundingBoxAsync())!;
        await phone.SaveScreenshotAsync(new() { Path = Shot("phone-top-bar.png") });

        Assert.True(toggler.X > language.X + language.Width, $"menu button at x={toggler.X}, language link ends at x={language.X + language.Width}");
        // At the right edge: nothing but the bar's padding after it.
        Assert.True(bar.X + bar.Width - (toggler.X + toggler.Width) <= 16, $"menu button ends at {toggler.X + toggler.Width}, the bar at {bar.X + bar.Width}");
    }

    [Theory]
    [InlineData("m01", "zh-CN")]
    [InlineData("fm01", "zh-CN")]
    [InlineData("dh01", "en")]
    public async Task The_fines_header_fits_a_phone(string badge, string language)
    {
        var phone = await ui.SignedInPage(badge, new BrowserNewContextOptions(BrowserFixture.Phone) { Locale = language, TimezoneId = "Asia/Shanghai" });
        if (language != "zh-CN") await phone.GotoAsync(ui.BaseUrl + "/language/" + language + "?returnUrl=/");
        await phone.GotoAsync(ui.BaseUrl + "/fines");
        var header = phone.Locator("[data-testid=fines-header]");
        await Expect(header).ToBeVisibleAsync();
        await phone.SaveScreenshotAsync(new() { Path = Shot($"fines-header-phone-{badge}-{language}.png") });

        var (scroll, client) = await Widths(phone, "[data-testid=fines-header]");
        Assert.True(scroll <= client, $"the fines header is {scroll}px wide in {client}px");
        var (pageScroll, pageClient) = await Widths(phone, "html");
        Assert.True(pageScroll <= pageClient, $"the fines page is {pageScroll}px wide on a {pageClient}px screen");
        var box = (await header.BoundingBoxAsync())!;
        foreach (var part in await header.Locator("h1, input, button, a").AllAsync())
        {
            var b = (await part.BoundingBoxAsync())!;
            Assert.True(b.X >= box.X - 0.5 && b.X + b.Width <= box.X + box.Width + 0.5, $"{await part.EvaluateAsync<string>("e => e.outerHTML")} sticks out of the header");
        }
    }

    [Fact]
    public async Task The_customer_list_is_in_pinyin_order_below_the_new_customer_button()
    {
        var phone = await ui.SignedInPage("m01", ChinesePhone);
        await phone.GotoAsync(ui.BaseUrl + "/customers");
        var names = phone.Locator("[data-testid=results] [data-part=name]");
        await Expect(phone.Locator("[data-testid=result-count]")).Not.ToBeEmptyAsync();
        var shown = await names.AllTextContentsAsync();
        Assert.True(shown.Count >= 5, $"only {shown.Count} customers listed");
        await phone.SaveScreenshotAsync(new() { Path = Shot("customers-list-phone.png") });

        // The browser's own Chinese collation is the pinyin order a person expects.
        var pinyin = await phone.EvaluateAsync<string[]>("names => [...names].sort(new Intl.Collator('zh-CN').compare)", shown);
        Assert.Equal(pinyin, shown);

        var button = phone.Locator("[data-testid=new-customer]");
        await Expect(button).ToBeVisibleAsync();
        var buttonBox = (await button.BoundingBoxAsync())!;
        var listBox = (await phone.Locator("[data-testid=results]").BoundingBoxAsync())!;
        Assert.True(buttonBox.Y + buttonBox.Height <= listBox.Y, $"new customer at y={buttonBox.Y}, the list starts at y={listBox.Y}");
        Assert.True(buttonBox.Y + buttonBox.Height <= 844, "new customer is not on the first screen");

        // It opens the form.
        await button.ClickAsync();
        await Expect(phone.Locator("[data-testid=file-customer]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_booking_arrival_is_typed_and_shown_in_24_hour_time()
    {
        var phone = await ui.SignedInPage("m01", ChinesePhone);
        await phone.GotoAsync(ui.BaseUrl + "/bookings");
        var arrival = phone.Locator("#b-arrival");
        await Expect(arrival).ToHaveAttributeAsync("type", "text");
        await Expect(arrival).ToHaveAttributeAsync("inputmode", "numeric");

        await arrival.FillAsync("");
        await arrival.PressSequentiallyAsync("2130", new() { Delay = 40 });
        await Expect(arrival).ToHaveValueAsync("21:30");
        await arrival.ScrollIntoViewIfNeededAsync();
        await phone.SaveScreenshotAsync(new() { Path = Shot("arrival-24h-phone.png") });

        // An hour of one digit and a full-width colon, as a Chinese keyboard types it, are written out on leaving the field.
        await arrival.FillAsync("");
        await arrival.PressSequentiallyAsync("930", new() { Delay = 40 });
        await arrival.PressAsync("Tab");
        await Expect(arrival).ToHaveValueAsync("09:30");
        await arrival.FillAsync("23：05");
        await arrival.PressAsync("Tab");
        await Expect(arrival).ToHaveValueAsync("23:05");
    }
}
