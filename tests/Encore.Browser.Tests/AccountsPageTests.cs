using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// Issue 20, the pipeline board: a customer manager adds a contract on an account's page on a desk screen, then drags
/// the account from negotiating to contracted on the board; on a phone the same board is a list grouped by stage with
/// a stage selector per card. Then the charged bill: the manager books for the account on the phone, the cashier closes
/// its room to the account on the board (the agreed discount taken off), and the account's statement shows the charge.
/// </summary>
public sealed class AccountsPageTests(BrowserFixture ui) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    static AccountsPageTests() => SetDefaultExpectTimeout(Patience);

    /// <summary>The host desk seats a booking's guest through the API: a free room for the party, assigned, verified, opened.</summary>
    private async Task<(JsonElement Booking, string Room)> SeatAsync(string bookingId, int partySize)
    {
        var host = await ui.ApiClient("h02");
        var booking = await host.GetFromJsonAsync<JsonElement>($"/api/bookings/{bookingId}");
        var room = (await host.GetFromJsonAsync<JsonElement>("/api/rooms")).EnumerateArray()
            .First(r => r.GetProperty("state").GetString() == "free" && r.GetProperty("capacity").GetInt32() >= partySize).GetProperty("number").GetString()!;
        (await host.PostAsJsonAsync($"/api/bookings/{bookingId}/assign", new { roomNumber = room })).EnsureSuccessStatusCode();
        (await host.PostAsJsonAsync($"/api/bookings/{bookingId}/arrive", new { confirmationCode = booking.GetProperty("confirmationCode").GetString() })).EnsureSuccessStatusCode();
        (await host.PostAsJsonAsync($"/api/rooms/{room}/open", new { bookingId })).EnsureSuccessStatusCode();
        return (booking, room);
    }

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
        await desk.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "accounts-pipeline.png"), FullPage = true });

        // On a phone: the stages stacked as one list, each of the manager's cards with its stage selector.
        var phone = await ui.OpenPage("m02", BrowserFixture.Phone, "/accounts", errors);
        var mine = phone.Locator($"[data-testid=stage-contracted] [data-account='{id}']");
        await Expect(mine).ToBeVisibleAsync();
        await Expect(mine.Locator("[data-testid=card-stage]")).ToBeVisibleAsync();
        await Expect(mine.Locator("[data-testid=card-stage]")).ToHaveValueAsync("contracted");
        var lead = await phone.Locator("[data-testid=stage-lead]").BoundingBoxAsync();
        var won = await phone.Locator("[data-testid=stage-contracted]").BoundingBoxAsync();
        Assert.True(lead!.X == won!.X && won.Y > lead.Y, "on a phone the stages are one list, top to bottom");

        // Charged bills: the manager books for the account on the phone (from its page; the contact is the guest)…
        await phone.GotoAsync($"{ui.BaseUrl}/accounts/{id}");
        await phone.Locator("[data-testid=account-book]").ClickAsync();
        await Expect(phone.Locator("#b-account")).ToHaveValueAsync(id);
        await phone.FillAsync("#b-arrival", ui.ArrivalIn(1));
        await phone.FillAsync("#b-party", "4");
        await phone.ClickAsync("[data-testid=book]");
        var flash = phone.Locator("[data-testid=booking-flash]");
        await Expect(flash).ToBeVisibleAsync();
        var bookingId = (await flash.GetAttributeAsync("data-booking"))!;
        await Expect(phone.Locator($"[data-testid=booking-list] [data-booking='{bookingId}'] [data-part=guest]")).ToHaveTextAsync("孙经理");

        // …the desk seats the guest…
        var (booking, room) = await SeatAsync(bookingId, 4);
        Assert.Equal(id, booking.GetProperty("accountId").GetString());

        // …the cashier closes the room to the account on the board, the agreed 8% taken off without an approval…
        var cashier = await ui.LivePage("c01", BrowserFixture.Desk, "/board", errors, 2 * Patience);
        await cashier.ClickAsync($"[data-room='{room}']");
        await BookingBoardTests.DialogOpened(cashier);
        await cashier.ClickAsync("#board-dialog [data-choice=close]");
        var close = cashier.Locator("form[data-form=close]");
        await Expect(close.Locator("[data-testid=close-account]")).ToContainTextAsync("钱塘湾会展服务有限公司");
        await close.Locator("[name=spend]").FillAsync("1000");
        await close.Locator("[data-testid=close-settle]").CheckAsync();
        await cashier.Locator("#board-dialog").SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "charged-bill-close.png") });
        await close.Locator("[data-part=close-send]").ClickAsync();
        await Expect(cashier.Locator($"[data-room='{room}']")).ToHaveAttributeAsync("data-state", "cleaning");

        // …and the account's statement shows the charge: ¥1,000 less 8% = ¥920 on the account.
        await phone.GotoAsync($"{ui.BaseUrl}/accounts/{id}");
        await phone.Locator("[data-testid=account-statement]").ClickAsync();
        await Expect(phone.Locator("[data-testid=statement-charged]")).ToContainTextAsync("¥920");
        await Expect(phone.Locator("[data-testid=statement-lines] tr[data-settled=true]")).ToContainTextAsync(room);
        await Expect(phone.Locator("[data-testid=statement-balance]")).ToContainTextAsync("¥920");
        await phone.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "account-statement.png"), FullPage = true });
        Assert.Empty(errors);
    }

    /// <summary>
    /// Partners on a phone: the floor manager files a travel agency on /partners (a rate above the house rule's bound is
    /// refused next to its field), a manager names it on a booking, the bill is closed, and the partner's row shows the
    /// commission at the agreed rate with the visit behind it.
    /// </summary>
    [Fact]
    public async Task The_floor_files_a_partner_on_a_phone_a_booking_names_it_and_its_commission_shows()
    {
        var errors = new List<string>();
        var floor = await ui.OpenPage("fm01", BrowserFixture.Phone, "/partners", errors);
        // The demo's partners and their month are listed.
        await Expect(floor.Locator("[data-testid=partners-list] tr[data-partner]")).Not.ToHaveCountAsync(0);
        await floor.Locator("[data-testid=partners-add]").ClickAsync();
        var form = floor.Locator("[data-testid=partner-form]");
        await form.Locator("[name=name]").FillAsync("西湖国旅（测试）");
        await form.Locator("[name=kind]").SelectOptionAsync("travelAgency");
        await form.Locator("[name=commissionRate]").FillAsync("60");
        await form.Locator("[name=phone]").FillAsync("13857100000");
        await floor.Locator("[data-testid=partner-save]").ClickAsync();
        await Expect(form.Locator("[data-error-for=commissionRate]")).ToContainTextAsync("佣金比例");
        await form.Locator("[name=commissionRate]").FillAsync("8");
        await floor.Locator("[data-testid=partner-save]").ClickAsync();
        await Expect(floor.Locator("[data-testid=partners-flash]")).ToContainTextAsync("西湖国旅（测试）");
        var row = floor.Locator("[data-testid=partners-list] tr[data-partner]", new() { HasText = "西湖国旅（测试）" });
        await Expect(row).ToContainTextAsync("8%");
        var partnerId = (await row.GetAttributeAsync("data-partner"))!;

        // A manager names the agency on a booking on the phone; the desk seats the guest and the cashier closes at ¥500.
        var manager = await ui.OpenPage("m03", BrowserFixture.Phone, "/bookings", errors);
        await manager.FillAsync("#b-name", "旅行团 领队");
        await manager.FillAsync("#b-phone", "13857100001");
        await manager.FillAsync("#b-arrival", ui.ArrivalIn(1));
        await manager.FillAsync("#b-party", "6");
        await manager.Locator("#b-partner").SelectOptionAsync(partnerId);
        await manager.ClickAsync("[data-testid=book]");
        var flash = manager.Locator("[data-testid=booking-flash]");
        await Expect(flash).ToBeVisibleAsync();
        var bookingId = (await flash.GetAttributeAsync("data-booking"))!;
        await Expect(manager.Locator($"[data-testid=booking-list] [data-booking='{bookingId}']")).ToContainTextAsync("西湖国旅（测试）");
        var (booking, room) = await SeatAsync(bookingId, 6);
        Assert.Equal(partnerId, booking.GetProperty("partnerId").GetString());
        (await (await ui.ApiClient("c01")).PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 500 })).EnsureSuccessStatusCode();

        // ¥500 × 8% = ¥40 on the agency's row, and its visit in the statement below.
        await floor.ReloadAsync();
        row = floor.Locator($"[data-testid=partners-list] tr[data-partner='{partnerId}']");
        await Expect(row.Locator("[data-testid=partner-commission]")).ToHaveTextAsync("¥40");
        await row.ClickAsync();
        await Expect(floor.Locator("[data-testid=partner-lines]")).ToContainTextAsync(room);
        await Expect(floor.Locator("[data-testid=partner-lines]")).ToContainTextAsync("m03");
        await Expect(floor.Locator("[data-testid=partner-xlsx]")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"/api/partners/{partnerId}/statement\\?month=.*format=xlsx"));
        await floor.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "partners.png"), FullPage = true });
        Assert.Empty(errors);
    }
}
