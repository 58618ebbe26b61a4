using Encore.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// The GM's staff page (issue 13): a member of staff is edited in a dialog whose department picker lists the venue's
/// departments, on a phone; there is no "disable" on the GM's own row nor on the bootstrap account admin.
/// </summary>
public sealed class StaffPageTests(BrowserFixture ui) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    static StaffPageTests() => SetDefaultExpectTimeout(Patience);

    [Fact]
    public async Task The_GM_moves_a_manager_to_another_department_from_the_list_on_a_phone()
    {
        var errors = new List<string>();
        var page = await ui.SignedInPage("gm01", BrowserFixture.Phone);
        BrowserFixture.Watch(page, "gm01 phone /staff", errors);
        await page.GotoAsync(ui.BaseUrl + "/staff");

        // Disable is offered on others' rows only: not on the GM's own, not on the bootstrap account.
        await Expect(page.Locator("[data-testid=toggle-m04]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=toggle-gm01]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=toggle-admin]")).ToHaveCountAsync(0);

        await page.Locator("[data-testid=edit-m04]").ClickAsync();
        var dialog = page.Locator("[data-testid=edit-dialog]");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.Locator(".modal-title")).ToContainTextAsync("m04");
        await Expect(dialog.Locator("#en")).ToHaveValueAsync("徐梦婷");
        var picker = dialog.Locator("[data-testid=edit-department]");
        await Expect(picker).ToHaveValueAsync("营销一部");
        // The picker offers the venue's departments, the demo's among them.
        var options = await picker.Locator("option").AllTextContentsAsync();
        Assert.Contains("营销一部", options);
        Assert.Contains("营销二部", options);
        await Expect(dialog.Locator("#er-manager")).ToBeCheckedAsync();
        // The dialog fits the phone: nothing to scroll sideways.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await page.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "staff-edit-phone.png") });

        await picker.SelectOptionAsync(new SelectOptionValue { Label = "营销二部" });
        await dialog.Locator("[data-testid=edit-save]").ClickAsync();

        await Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("m04");
        await Expect(page.Locator("[data-testid=department-m04]")).ToHaveTextAsync("营销二部");
        Assert.Equal("营销二部", ui.App.With(db => db.MainStaff("m04").Department));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_GM_sets_a_departments_floor_manager_on_a_phone()
    {
        var errors = new List<string>();
        var page = await ui.SignedInPage("gm01", BrowserFixture.Phone);
        BrowserFixture.Watch(page, "gm01 phone /staff departments", errors);
        await page.GotoAsync(ui.BaseUrl + "/staff");

        // The demo makes fm01 responsible for every department (issue 14: shared fines' 40%, leave approval).
        var shown = page.Locator("[data-testid='floor-manager-收银部']");
        await Expect(shown).ToContainTextAsync("fm01");
        var pick = page.Locator("[data-testid='floor-manager-pick-收银部']");
        await Expect(pick).ToHaveValueAsync("fm01");

        await pick.SelectOptionAsync("");
        await page.Locator("[data-testid='floor-manager-save-收银部']").ClickAsync();
        await Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("收银部");
        await Expect(shown).ToContainTextAsync("（未指定）");
        Assert.Null(ui.App.With(db => db.Set<Encore.Web.Data.Department>().OfMain(db).Single(d => d.Name == "收银部").FloorManagerId));

        await page.Locator("[data-testid='floor-manager-pick-收银部']").SelectOptionAsync("fm01");
        await page.Locator("[data-testid='floor-manager-save-收银部']").ClickAsync();
        await Expect(shown).ToContainTextAsync("fm01");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        Assert.Empty(errors);
    }
}
