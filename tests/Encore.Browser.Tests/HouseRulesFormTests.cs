using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests;
using Microsoft.Playwright;

namespace Encore.Browser.Tests;

/// <summary>
/// Issue 13, "House rules: numbers as number inputs (phone keypad), all errors at once, labels instead of paths" and
/// "discount limits typed as percentages": the GM on a desk screen and on a phone. A server of its own (a class
/// fixture), so the rules it changes are no other test's.
/// </summary>
public sealed class HouseRulesFormTests(BrowserFixture ui) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    private const string Hold = "#bookings\\.standardHoldMinutes";
    private const string ManagerDiscount = "#authority\\.manager\\.maxDiscountRate";
    private const string HeadDiscount = "#authority\\.departmentHead\\.maxDiscountRate";

    private async Task<JsonElement> Rules() => await (await ui.ApiClient("gm01")).GetFromJsonAsync<JsonElement>("/api/house-rules");

    [Fact]
    public async Task On_a_desk_two_bad_values_are_both_named_by_label_nothing_is_saved_and_25_percent_saves_a_quarter()
    {
        var errors = new List<string>();
        var page = await ui.SignedInPage("gm01", BrowserFixture.Desk);
        BrowserFixture.Watch(page, "gm01 /house-rules", errors);
        await page.GotoAsync(ui.BaseUrl + "/house-rules");
        Assert.Equal("10", await page.InputValueAsync(ManagerDiscount));

        await page.FillAsync(Hold, "0");
        await page.FillAsync(ManagerDiscount, "150");
        await page.ClickAsync("[data-testid=save-rules]");
        var summary = await page.InnerTextAsync("[data-testid=errors]");
        Assert.Contains("常规预订保留（分钟）：必须在 1 到 240 之间", summary);
        Assert.Contains("客服经理：最大折扣率：必须在 0% 到 100% 之间", summary);
        Assert.DoesNotContain("authority.manager", summary);
        // Each next to its own field, the field marked.
        Assert.Contains("常规预订保留（分钟）", await page.InnerTextAsync("[data-error-for='bookings.standardHoldMinutes']"));
        Assert.Contains("客服经理：最大折扣率", await page.InnerTextAsync("[data-error-for='authority.manager.maxDiscountRate']"));
        Assert.Equal("true", await page.GetAttributeAsync(ManagerDiscount, "aria-invalid"));
        Assert.Equal("150", await page.InputValueAsync(ManagerDiscount));
        await page.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "gm-house-rules-errors.png") });

        var unchanged = await Rules();
        Assert.Equal(20, unchanged.GetProperty("bookings").GetProperty("standardHoldMinutes").GetInt32());
        Assert.Equal(0.10m, unchanged.GetProperty("authority").GetProperty("manager").GetProperty("maxDiscountRate").GetDecimal());
        Assert.Null(unchanged.GetProperty("versionId").GetString());

        await page.FillAsync(Hold, "20");
        await page.FillAsync(ManagerDiscount, "10");
        await page.FillAsync(HeadDiscount, "25");
        await page.ClickAsync("[data-testid=save-rules]");
        await page.WaitForSelectorAsync("[data-testid=flash]");
        Assert.Equal("25", await page.InputValueAsync(HeadDiscount));
        Assert.Equal(0.25m, (await Rules()).GetProperty("authority").GetProperty("departmentHead").GetProperty("maxDiscountRate").GetDecimal());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task On_a_phone_numbers_bring_up_the_number_keypad_and_the_form_fits()
    {
        var page = await ui.SignedInPage("gm01", BrowserFixture.Phone);
        await page.GotoAsync(ui.BaseUrl + "/house-rules");

        var hold = page.Locator(Hold);
        Assert.Equal(("number", "numeric"), (await hold.GetAttributeAsync("type"), await hold.GetAttributeAsync("inputmode")));
        var discount = page.Locator(ManagerDiscount);
        Assert.Equal(("number", "decimal", "100"),
            (await discount.GetAttributeAsync("type"), await discount.GetAttributeAsync("inputmode"), await discount.GetAttributeAsync("max")));
        // The % sits right of the discount, inside the phone's width, and nothing scrolls sideways.
        var percent = page.Locator("[data-rule='authority.manager.maxDiscountRate'] .input-group-text");
        Assert.Equal("%", (await percent.InnerTextAsync()).Trim());
        await percent.ScrollIntoViewIfNeededAsync();
        var box = (await percent.BoundingBoxAsync())!;
        Assert.True(box.X + box.Width <= 390, $"the % ends at {box.X + box.Width}px");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

        // A bad value typed on the phone is named next to its field after the save.
        await page.FillAsync(Hold, "500");
        await page.FillAsync(ManagerDiscount, "-5");
        await page.ClickAsync("[data-testid=save-rules]");
        await page.WaitForSelectorAsync("[data-testid=errors]");
        var next = page.Locator("[data-error-for='authority.manager.maxDiscountRate']");
        await next.ScrollIntoViewIfNeededAsync();
        Assert.True(await next.IsVisibleAsync());
        Assert.Contains("0% 到 100%", await next.InnerTextAsync());
        Assert.Contains("1 到 240", await page.InnerTextAsync("[data-error-for='bookings.standardHoldMinutes']"));
        await page.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "gm-house-rules-phone.png") });
    }
}
