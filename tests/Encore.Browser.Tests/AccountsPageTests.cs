using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// Issue 20, the pipeline board: a customer manager adds a contract on an account's page on a desk screen, then drags
/// the account from negotiating to contracted on the board; on a phone the same board is a list grouped by stage with
/// a stage selector per card.
/// </summary>
public sealed class AccountsPageTests(BrowserFixture ui) : ServerTest(ui.App), IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    static AccountsPageTests() => SetDefaultExpectTimeout(Patience);

    [Fact]
    public async Task A_manager_adds_a_contract_and_drags_the_account_to_contracted_on_the_desk_and_the_phone_lists_it_by_stage()
    {
        var errors = new List<string>();
        var api = await ui.ApiClient("m02");
        var created = await api.PostAsJsonAsync("/api/accounts", new { company = "钱塘湾会展服务有限公司", industry = "会展", contactName = "孙经理", contactPhone = "13905719999" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await api.PutAsJsonAsync($"/api/accounts/{id}/stage", new { stage = "negotiating", reason = "老客户介绍，直接进入洽谈" })).EnsureSuccessStatusCode();

        var desk = await ui.OpenPage("m02", BrowserFixture.Desk, "/accounts", errors);
        var negotiating = desk.Locator("[data-testid=stage-negotiating]");
        var contracted = desk.Locator("[data-testid=stage-contracted]");
        var card = desk.Locator($"[data-account='{id}']");
        await Expect(negotiating.Locator($"[data-account='{id}']")).ToBeVisibleAsync();
        // The demo's pipeline fills every column on the desk screen, side by side.
        await Expect(desk.Locator("[data-testid=stage-lead] [data-testid=account-card]")).Not.ToHaveCountAsync(0);

        // Without a contract the board refuses the move and says why; the card stays where it was.
        await card.DragToAsync(contracted);
        await Expect(desk.Locator("[data-testid=accounts-error]")).ToContainTextAsync("协议");
        await Expect(negotiating.Locator($"[data-account='{id}']")).ToBeVisibleAsync();

        // The contract, on the account's page: 8% is within a manager's authority, in force at once.
        await desk.GotoAsync($"{ui.BaseUrl}/accounts/{id}");
        await Expect(desk.Locator("[data-testid=account-company]")).ToHaveTextAsync("钱塘湾会展服务有限公司");
        await desk.Locator("#c-rate").FillAsync("0.08");
        await desk.Locator("#c-limit").FillAsync("30000");
        await desk.Locator("[data-testid=account-contract-submit]").ClickAsync();
        await Expect(desk.Locator("[data-testid=account-contract]").First).ToHaveAttributeAsync("data-status", "active");
        await Expect(desk.Locator("[data-testid=account-contract]").First).ToContainTextAsync("8%");

        await desk.GotoAsync($"{ui.BaseUrl}/accounts");
        await Expect(negotiating.Locator($"[data-account='{id}']")).ToBeVisibleAsync();
        await card.DragToAsync(contracted);
        await Expect(contracted.Locator($"[data-account='{id}']")).ToBeVisibleAsync();
        await Expect(desk.Locator("[data-testid=accounts-error]")).ToBeHiddenAsync();
        var stage = (await api.GetFromJsonAsync<JsonElement>($"/api/accounts/{id}")).GetProperty("account").GetProperty("stage").GetString();
        Assert.Equal("contracted", stage);
        await desk.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "accounts-pipeline.png"), FullPage = true });

        // On a phone: the stages stacked as one list, each of the manager's cards with its stage selector.
        var phone = await ui.OpenPage("m02", BrowserFixture.Phone, "/accounts", errors);
        var mine = phone.Locator($"[data-testid=stage-contracted] [data-account='{id}']");
        await Expect(mine).ToBeVisibleAsync();
        await Expect(mine.Locator("[data-testid=card-stage]")).ToBeVisibleAsync();
        await Expect(mine.Locator("[data-testid=card-stage]")).ToHaveValueAsync("contracted");
        var lead = await phone.Locator("[data-testid=stage-lead]").BoundingBoxAsync();
        var won = await phone.Locator("[data-testid=stage-contracted]").BoundingBoxAsync();
        Assert.True(lead!.X == won!.X && won.Y > lead.Y, "on a phone the stages are one list, top to bottom");
        Assert.Empty(errors);
    }
}
