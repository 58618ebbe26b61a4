using Encore.Web.Tests;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// Issue 13 "Live and sane", the board and the booking page: the booking page's customer list follows the
/// manager's files live, every live page shows when its data was loaded, the walk-in dialog names who the rotation
/// will credit, the open dialog agrees with the tile about the guest, focus goes back to the tile acted on, the
/// rotation replay shows minutes, and a long booking note wraps on a phone and a desk. Its own server (one
/// <see cref="BrowserFixture"/> per class), on the simulated clock at 21:00.
/// </summary>
public sealed class LiveAndSaneTests(BrowserFixture ui) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    static LiveAndSaneTests() => SetDefaultExpectTimeout(Patience);

    private static async Task<List<string>> FreeRoomsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/rooms")).EnumerateArray()
            .Where(r => r.GetProperty("state").GetString() == "free").Select(r => r.GetProperty("number").GetString()!).ToList();

    private static async Task<JsonElement> BookAsync(HttpClient booker, string guest, string phone, string arrival, string? note = null)
    {
        var created = await booker.PostAsJsonAsync("/api/bookings", new { customerName = guest, customerPhone = phone, arrival, partySize = 4, note });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return await created.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task The_booking_pages_customer_list_follows_files_filed_and_handed_over_in_another_session()
    {
        var errors = new List<string>();
        var phone = await ui.LivePage("m01", BrowserFixture.Phone, "/bookings", errors);
        await phone.EvaluateAsync("() => { window.notReloaded = true; }");
        var options = phone.Locator("#b-customer option");

        // The same manager files a customer in another session (the API): the list offers it without a reload.
        var m01 = await ui.ApiClient("m01");
        var filed = await m01.PostAsJsonAsync("/api/customers", new { name = "实时新客", phone = "13977770001", company = "新公司" });
        Assert.True(filed.IsSuccessStatusCode, await filed.Content.ReadAsStringAsync());
        var id = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var option = phone.Locator($"#b-customer option[value='{id}']");
        await Expect(option).ToHaveAttributeAsync("data-name", "实时新客");
        await Expect(option).ToHaveAttributeAsync("data-phone", "13977770001");
        // The list is the API's: the same files in the same order.
        var mine = (await m01.GetFromJsonAsync<JsonElement>("/api/customers/mine")).EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
        await Expect(options).ToHaveCountAsync(mine.Count + 1);
        Assert.Equal(mine, (await options.EvaluateAllAsync<string[]>("os => os.map(o => o.value)")).Skip(1).ToList());

        // Picked, then handed over to m02 by the floor: no longer offered, and no longer picked.
        await phone.SelectOptionAsync("#b-customer", id);
        await Expect(phone.Locator("#b-name")).ToHaveValueAsync("实时新客");
        var handed = await (await ui.ApiClient("fm01")).PostAsJsonAsync($"/api/customers/{id}/handover", new { toBadge = "m02", reason = "调岗" });
        Assert.True(handed.IsSuccessStatusCode, await handed.Content.ReadAsStringAsync());
        await Expect(option).ToHaveCountAsync(0);
        await Expect(phone.Locator("#b-customer")).ToHaveValueAsync("");
        Assert.True(await phone.EvaluateAsync<bool>("() => window.notReloaded === true"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Every_live_page_shows_the_time_its_data_was_loaded_not_none()
    {
        var errors = new List<string>();
        foreach (var (badge, path) in new[] { ("h01", "/board"), ("m01", "/bookings"), ("gm01", "/rotation"), ("fm01", "/approvals"),
                     ("m01", "/attendance"), ("fm01", "/attendance/floor"), ("m01", "/performance/card"), ("gm01", "/performance"), ("m01", "/fines") })
        {
            var page = await ui.LivePage(badge, BrowserFixture.Desk, path, errors);
            await Expect(page.Locator("[data-testid=last-update]")).ToHaveTextAsync(new Regex(@"^\d\d:\d\d:\d\d$"));
            await page.Context.CloseAsync();
        }
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_walk_in_dialog_names_who_the_rotation_will_credit_and_gives_focus_back_to_the_tile()
    {
        var errors = new List<string>();
        var host = await ui.ApiClient("h01");
        // Someone is in tonight's rotation whatever the demo night holds.
        (await (await ui.ApiClient("m05")).PostAsJsonAsync("/api/attendance/sign-in", new { })).Dispose();
        var board = await ui.LivePage("h01", BrowserFixture.Desk, "/board", errors);
        var room = (await FreeRoomsAsync(host)).First();

        await board.ClickAsync($"[data-room='{room}']");
        await BookingBoardTests.DialogOpened(board);
        await board.ClickAsync("#board-dialog [data-choice=walkIn]");
        var next = board.Locator("form[data-form=walkIn] [data-testid=rotation-next]");
        var queue = (await host.GetFromJsonAsync<JsonElement>("/api/rotation")).EnumerateArray().ToList();
        var first = queue.First(q => q.GetProperty("available").GetBoolean());
        var (badge, name) = (first.GetProperty("badge").GetString()!, first.GetProperty("name").GetString()!);
        await Expect(next).ToHaveAttributeAsync("data-badge", badge);
        await Expect(next).ToContainTextAsync($"{name}（{badge}）");

        // That manager marks themself busy: the open dialog names the next one at once, as the API does.
        Assert.True((await (await ui.ApiClient(badge)).PostAsJsonAsync("/api/rotation/busy", new { busy = true })).IsSuccessStatusCode);
        var after = (await host.GetFromJsonAsync<JsonElement>("/api/rotation")).EnumerateArray()
            .FirstOrDefault(q => q.GetProperty("available").GetBoolean());
        var expected = after.ValueKind == JsonValueKind.Undefined ? "" : after.GetProperty("badge").GetString()!;
        await Expect(next).ToHaveAttributeAsync("data-badge", expected);
        if (expected == "") await Expect(next).ToContainTextAsync("没有可接待");

        await board.FillAsync("form[data-form=walkIn] [name=partySize]", "4");
        await board.ClickAsync("form[data-form=walkIn] button[type=submit]");
        await Expect(board.Locator($"[data-room='{room}']")).ToHaveAttributeAsync("data-state", "occupied");
        await Expect(board.Locator("#board-dialog")).ToBeHiddenAsync();
        var opened = (await host.GetFromJsonAsync<JsonElement>("/api/rooms")).EnumerateArray().Single(r => r.GetProperty("number").GetString() == room);
        Assert.Equal(expected, opened.TryGetProperty("managerBadge", out var credited) && credited.ValueKind == JsonValueKind.String ? credited.GetString() : "");
        // Focus is back on the tile acted on, not on the page or another tile.
        await Expect(board.Locator($"[data-room='{room}']")).ToBeFocusedAsync();
        (await (await ui.ApiClient(badge)).PostAsJsonAsync("/api/rotation/busy", new { busy = false })).Dispose();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_open_dialog_says_the_guest_has_arrived_when_the_tile_does()
    {
        var errors = new List<string>();
        var host = await ui.ApiClient("h01");
        var booking = await BookAsync(await ui.ApiClient("m02"), "到店客", "13966660001", ui.ArrivalIn());
        var (id, code) = (booking.GetProperty("id").GetString()!, booking.GetProperty("confirmationCode").GetString()!);
        var room = (await FreeRoomsAsync(host)).Last();
        Assert.True((await host.PostAsJsonAsync($"/api/bookings/{id}/assign", new { roomNumber = room })).IsSuccessStatusCode);

        // The GM may open before the guest arrives (with a reason): the open form says the guest is not there yet.
        var gm = await ui.LivePage("gm01", BrowserFixture.Desk, "/board", errors);
        var tile = gm.Locator($"[data-room='{room}']");
        await Expect(tile).ToHaveAttributeAsync("data-state", "reserved");
        await tile.ClickAsync();
        await BookingBoardTests.DialogOpened(gm);
        await gm.ClickAsync("#board-dialog [data-choice=open]");
        var open = gm.Locator("form[data-form=open]");
        await Expect(open.Locator("[data-testid=open-guest]")).ToHaveTextAsync("等待客人到店");
        await Expect(open.Locator("[name=overrideReason]")).ToBeVisibleAsync();

        // The guest is verified at another desk: the tile and the open dialog both say so, and no reason is asked.
        Assert.True((await host.PostAsJsonAsync($"/api/bookings/{id}/arrive", new { confirmationCode = code })).IsSuccessStatusCode);
        await Expect(tile).ToHaveClassAsync(new Regex("guest-arrived"));
        await Expect(open.Locator("[data-testid=open-guest]")).ToHaveTextAsync("客人已到店");
        await Expect(open.Locator("[name=overrideReason]")).ToBeHiddenAsync();
        await open.Locator("button[type=submit]").ClickAsync();
        await Expect(tile).ToHaveAttributeAsync("data-state", "occupied");
        await Expect(gm.Locator("#board-dialog")).ToBeHiddenAsync();
        await Expect(tile).ToBeFocusedAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_rotation_replay_shows_minutes_without_seconds()
    {
        var errors = new List<string>();
        (await (await ui.ApiClient("m06")).PostAsJsonAsync("/api/attendance/sign-in", new { })).Dispose();
        var host = await ui.ApiClient("h02");
        var room = (await FreeRoomsAsync(host)).Skip(1).First();
        var opened = await host.PostAsJsonAsync($"/api/rooms/{room}/open", new { walkIn = true, partySize = 3 });
        Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());
        var gm = await ui.LivePage("gm01", BrowserFixture.Desk, "/rotation", errors);
        var line = gm.Locator($"[data-testid=history] [data-room='{room}']").First;
        await Expect(line).ToBeVisibleAsync();
        var history = (await (await ui.ApiClient("gm01")).GetFromJsonAsync<JsonElement>("/api/rotation/history")).EnumerateArray()
            .First(e => e.TryGetProperty("roomNumber", out var n) && n.GetString() == room);
        var at = DateTimeOffset.Parse(history.GetProperty("at").GetString()!);
        await Expect(line.Locator(".rotation-time")).ToHaveTextAsync(at.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        var times = await gm.Locator("[data-testid=history] .rotation-time").AllInnerTextsAsync();
        Assert.NotEmpty(times);
        Assert.All(times, t => Assert.Matches(@"^\d\d:\d\d$", t));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_long_booking_note_wraps_on_the_board_on_a_phone_and_a_desk()
    {
        var errors = new List<string>();
        var note = "客人要求：" + string.Concat(Enumerable.Repeat("VIP-birthday-cake-and-flowers-", 6)) + "请提前准备生日蛋糕和鲜花，包房内布置气球，十点半送上果盘。";
        var booking = await BookAsync(await ui.ApiClient("m04"), "长备注客", "13955550001", ui.ArrivalIn(), note);
        var id = booking.GetProperty("id").GetString()!;
        foreach (var (badge, viewport, path) in new[] { ("h01", BrowserFixture.Desk, "/board"), ("m04", BrowserFixture.Phone, "/board"), ("m04", BrowserFixture.Phone, "/bookings") })
        {
            var page = await ui.LivePage(badge, viewport, path, errors);
            var item = page.Locator($"[data-booking='{id}']");
            var text = item.Locator("div", new() { HasText = "VIP-birthday" }).Last;
            await Expect(text).ToBeVisibleAsync();
            // The whole note is shown (wrapped), not cut off: nothing is wider than its box.
            Assert.True(await text.EvaluateAsync<bool>("el => el.scrollWidth <= el.clientWidth"), $"{path} ({badge}): the note overflows");
            Assert.True(await item.EvaluateAsync<bool>("el => el.scrollWidth <= el.clientWidth"), $"{path} ({badge}): the booking overflows");
            Assert.Contains("十点半送上果盘", await text.InnerTextAsync());
            await page.Context.CloseAsync();
        }
        Assert.Empty(errors);
    }
}
