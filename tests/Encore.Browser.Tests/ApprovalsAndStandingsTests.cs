using Encore.Web.Tests;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// SPEC.md "Room sessions, spend, discounts and comps", "Performance card and performance" and "Walk-in rotation"
/// in real browsers on real time: a request for a discount beyond authority reaches the floor manager's phone live
/// and the answer reaches the manager's; the desk closes the bill with the granted approval; a signed card moves the
/// standings; the rotation follows sign-ins, "busy" and walk-ins. This class has its own server and demo venue
/// (one <see cref="BrowserFixture"/> per class), and uses managers m09–m12 only.
/// </summary>
public sealed class ApprovalsAndStandingsTests(BrowserFixture ui) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    /// <summary>Long enough for a slow CI machine; every wait ends as soon as the page shows the change.</summary>
    private const float Patience = 15_000;

    static ApprovalsAndStandingsTests() => SetDefaultExpectTimeout(Patience);

    [Fact]
    public async Task A_discount_beyond_authority_is_asked_granted_live_and_used_by_the_bill()
    {
        var errors = new List<string>();
        var room = await OpenRoomFor("m09", "何先生", "13900000009");

        // The floor manager has the approvals page open on a phone before anything is asked.
        var floor = await ui.LivePage("fm01", BrowserFixture.Phone, "/approvals", errors, 2 * Patience);
        await Expect(floor.Locator("[data-testid=pending] [data-approval]")).ToHaveCountAsync(0);
        var manager = await ui.LivePage("m09", BrowserFixture.Phone, "/approvals", errors, 2 * Patience);

        // m09 asks for 20% off (authority: 10%) on their own open room.
        var form = manager.Locator("[data-testid=request-form]");
        await Expect(form.Locator($"select[name=roomNumber] option[value='{room}']")).ToHaveCountAsync(1);
        await form.Locator("select[name=roomNumber]").SelectOptionAsync(room);
        await form.Locator("[name=spend]").FillAsync("2000");
        await form.Locator("[name=discount]").FillAsync("400");
        await Expect(manager.Locator("[data-testid=rate]")).ToContainTextAsync("20.0%");
        await form.Locator("[name=reason]").FillAsync("老客户生日，申请八折");
        await manager.ClickAsync("[data-testid=request]");
        var mine = manager.Locator("[data-testid=mine] [data-approval]").First;
        await Expect(mine).ToHaveAttributeAsync("data-status", "pending");
        var id = (await mine.GetAttributeAsync("data-approval"))!;
        var myRequest = manager.Locator($"[data-testid=mine] [data-approval='{id}']");

        // It appears on the floor manager's phone without a reload.
        var pending = floor.Locator($"[data-testid=pending] [data-approval='{id}']");
        await Expect(pending).ToBeVisibleAsync();
        await Expect(pending).ToContainTextAsync(room);
        await Expect(pending).ToContainTextAsync("老客户生日");
        await floor.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "approval-phone.png") });

        // Granted there; "granted" shows on the manager's phone without a reload.
        await pending.Locator("[data-testid=grant]").ClickAsync();
        await Expect(pending).ToHaveCountAsync(0);
        await Expect(myRequest).ToHaveAttributeAsync("data-status", "granted");
        await Expect(myRequest.Locator("[data-part=status]")).ToHaveTextAsync("已批准");
        await Expect(myRequest.Locator("[data-part=decision]")).ToContainTextAsync("fm01");

        // Comps beyond ¥200 from the catalogue: a denial needs a note, and the manager sees "denied" live.
        await form.Locator("select[name=roomNumber]").SelectOptionAsync(room);
        await form.Locator("[data-act=add-comp]").ClickAsync();
        await form.Locator("[data-comp] select[name=item]").SelectOptionAsync("啤酒一打");
        await Expect(form.Locator("[data-comp] [name=value]")).ToHaveValueAsync("360");
        await form.Locator("[name=reason]").FillAsync("客人要酒");
        await manager.ClickAsync("[data-testid=request]");
        var second = manager.Locator("[data-testid=mine] [data-approval][data-status=pending]");
        await Expect(second).ToHaveCountAsync(1);
        var secondId = (await second.GetAttributeAsync("data-approval"))!;
        var toDeny = floor.Locator($"[data-testid=pending] [data-approval='{secondId}']");
        await toDeny.Locator("[data-testid=deny]").ClickAsync();
        await Expect(toDeny.Locator("[data-error-for=note]")).Not.ToBeEmptyAsync();
        await toDeny.Locator("[name=note]").FillAsync("本月赠送已超");
        await toDeny.Locator("[data-testid=deny]").ClickAsync();
        await Expect(manager.Locator($"[data-testid=mine] [data-approval='{secondId}']")).ToHaveAttributeAsync("data-status", "denied");
        await Expect(manager.Locator($"[data-testid=mine] [data-approval='{secondId}']")).ToContainTextAsync("本月赠送已超");

        // The cashier closes the bill with the 20% discount: refused for m09's authority, the granted approval is
        // offered, and closing with it works; the manager sees the approval used.
        var cashier = await ui.LivePage("c01", BrowserFixture.Desk, "/board", errors, 2 * Patience);
        await Expect(cashier.Locator("#board-dialog")).ToBeHiddenAsync();
        await cashier.ClickAsync($"[data-room='{room}']");
        await BookingBoardTests.DialogOpened(cashier);
        await cashier.ClickAsync("#board-dialog [data-choice=close]");
        var close = cashier.Locator("form[data-form=close]");
        await close.Locator("[name=spend]").FillAsync("2000");
        await close.Locator("[name=roomCharge]").FillAsync("600");
        await close.Locator("[name=discount]").FillAsync("400");
        await close.Locator("[data-part=close-send]").ClickAsync();
        await Expect(cashier.Locator("[data-testid=dialog-error]")).ToContainTextAsync("审批");
        var offered = cashier.Locator($"[data-testid=close-approvals] [data-approval='{id}']");
        await Expect(offered).ToBeVisibleAsync();
        await Expect(cashier.Locator($"[data-testid=close-approvals] [data-approval='{secondId}']")).ToHaveCountAsync(0);
        // Using an approval asks to confirm the bill first (a one-click action that changes money, issue 13).
        await offered.ClickAsync();
        await Expect(close.Locator("[data-testid=close-confirm]")).ToBeVisibleAsync();
        await close.Locator("[data-testid=close-confirm-send]").ClickAsync();
        await Expect(cashier.Locator($"[data-room='{room}']")).ToHaveAttributeAsync("data-state", "cleaning");
        await Expect(myRequest).ToHaveAttributeAsync("data-status", "used");

        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_signed_card_moves_the_standings_live_and_targets_are_set_inline()
    {
        var errors = new List<string>();
        var room = await OpenRoomFor("m10", "高女士", "13900000010");
        var c01 = await ui.ApiClient("c01");
        var closed = await c01.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 3280, roomCharge = 800, discount = 0, comps = Array.Empty<object>() });
        Assert.True(closed.IsSuccessStatusCode, await closed.Content.ReadAsStringAsync());

        // The GM's desk shows this month's standings: a chart and a row per manager.
        var board = await ui.LivePage("gm01", BrowserFixture.Desk, "/performance", errors, 2 * Patience);
        var month = ui.TonightBusinessDay().ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await Expect(board.Locator("[data-testid=standings]")).ToHaveAttributeAsync("data-month", month);
        await Expect(board.Locator("canvas[data-testid=chart]")).ToBeVisibleAsync();
        await Expect(board.Locator("[data-testid=standings-table] tbody tr")).Not.ToHaveCountAsync(0);
        var row = board.Locator("[data-testid=standings-table] tr[data-badge=m10]");
        await Expect(row).ToHaveCountAsync(1);
        await board.WaitForFunctionAsync("() => !!Chart.getChart(document.querySelector('[data-testid=chart]'))");
        var before = double.Parse((await row.GetAttributeAsync("data-spend"))!, CultureInfo.InvariantCulture);
        var unsignedBefore = double.Parse((await row.GetAttributeAsync("data-unsigned"))!, CultureInfo.InvariantCulture);
        Assert.True(unsignedBefore >= 3280, $"unsigned {unsignedBefore}");

        // m10 signs tonight's card on the phone (tonight has a room, so it is the card shown).
        var phone = await ui.LivePage("m10", BrowserFixture.Phone, "/performance/card", errors, 2 * Patience);
        var today = ui.TonightBusinessDay().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Expect(phone.Locator("[data-testid=card]")).ToHaveAttributeAsync("data-day", today);
        await Expect(phone.Locator($"[data-testid=card-lines] [data-room='{room}']")).ToContainTextAsync("3,280");
        await Expect(phone.Locator("[data-testid=card-state]")).ToHaveTextAsync("未签字");
        await phone.ClickAsync("[data-testid=sign]");
        await Expect(phone.Locator("[data-testid=card]")).ToHaveAttributeAsync("data-signed", "true");
        await Expect(phone.Locator("[data-testid=card-state]")).ToHaveTextAsync("已签字");

        // The GM's leaderboard row follows without a reload.
        await board.WaitForFunctionAsync(
            "([before]) => Number(document.querySelector('[data-testid=standings-table] tr[data-badge=m10]')?.dataset.spend) === before + 3280",
            new object[] { before }, new() { Timeout = Patience });

        // The GM sets m10's target for the month inline.
        await row.Locator("[data-act=edit-target]").ClickAsync();
        var target = row.Locator("form[data-form=target]");
        await target.Locator("[name=spend]").FillAsync("250000");
        await target.Locator("[name=rooms]").FillAsync("50");
        await target.Locator("button[type=submit]").ClickAsync();
        await Expect(row.Locator("[data-part=target]")).ToContainTextAsync("250,000");
        await Expect(row.Locator("[data-part=rooms]")).ToContainTextAsync("/ 50");
        await board.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "leaderboard.png") });

        // Any member of staff may look; only the GM and the floor manager edit targets.
        var manager = await ui.LivePage("m11", BrowserFixture.Phone, "/performance", errors, 2 * Patience);
        await Expect(manager.Locator("[data-testid=standings-table] tr[data-badge=m10]")).ToHaveCountAsync(1);
        await Expect(manager.Locator("[data-act=edit-target]")).ToHaveCountAsync(0);

        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_rotation_follows_sign_in_busy_and_walk_ins_live_and_replays_the_night()
    {
        var errors = new List<string>();
        // The demo night already has the managers signed in: m11 and m12 start signed out, and the others are
        // busy with guests, so the walk-in below has one manager to go to.
        var m12 = await ui.ApiClient("m12");
        foreach (var client in new[] { await ui.ApiClient("m11"), m12 })
            (await client.PostAsJsonAsync("/api/attendance/sign-out", new { })).Dispose();
        var queue = (await m12.GetFromJsonAsync<JsonElement>("/api/rotation")).EnumerateArray().ToList();
        var others = queue.Select(q => q.GetProperty("badge").GetString()!).ToList();
        // Who can come back to the queue by marking themself available: the demo night may also hold a manager on an
        // approved leave (a customer dinner) or suspended, depending on the hour the test runs; they stay unavailable.
        var canReturn = queue.Where(q => q.GetProperty("available").GetBoolean()
                                         || q.GetProperty("reason").GetString() == "busy")
            .Select(q => q.GetProperty("badge").GetString()!).ToList();
        var busyClients = new List<HttpClient>();
        foreach (var badge in canReturn)
        {
            var client = await ui.ApiClient(badge);
            var busy = await client.PostAsJsonAsync("/api/rotation/busy", new { busy = true });
            Assert.True(busy.IsSuccessStatusCode, await busy.Content.ReadAsStringAsync());
            busyClients.Add(client);
        }
        foreach (var badge in others.Except(canReturn))
            Assert.True((await (await ui.ApiClient(badge)).PostAsJsonAsync("/api/rotation/busy", new { busy = true })).IsSuccessStatusCode);
        var gm = await ui.LivePage("gm01", BrowserFixture.Desk, "/rotation", errors, 2 * Patience);

        // m11 is not in tonight's queue until they sign in on their phone.
        var m11 = await ui.LivePage("m11", BrowserFixture.Phone, "/rotation", errors, 2 * Patience);
        await Expect(gm.Locator("[data-testid=queue] [data-badge=m11]")).ToHaveCountAsync(0);
        await Expect(m11.Locator("[data-testid=sign-in]")).ToBeVisibleAsync();
        await m11.ClickAsync("[data-testid=sign-in]");
        await Expect(m11.Locator("[data-testid=my-position]")).ToBeVisibleAsync();
        await Expect(gm.Locator("[data-testid=queue] [data-badge=m11]")).ToHaveAttributeAsync("data-available", "true");

        // m12 signs in through the API; m11 marks themself busy: both show on the GM's screen without a reload.
        Assert.True((await m12.PostAsJsonAsync("/api/attendance/sign-in", new { })).IsSuccessStatusCode);
        await Expect(gm.Locator("[data-testid=queue] [data-badge=m12]")).ToHaveCountAsync(1);
        await m11.ClickAsync("[data-testid=busy]");
        await Expect(m11.Locator("[data-testid=available]")).ToBeVisibleAsync();
        await Expect(gm.Locator("[data-testid=queue] [data-badge=m11]")).ToHaveAttributeAsync("data-available", "false");

        // A walk-in skips the busy m11 and goes to m12; the GM's replay of tonight shows who got it and who was skipped.
        var host = await ui.ApiClient("h02");
        var room = (await FreeRooms(host)).First();
        var opened = await host.PostAsJsonAsync($"/api/rooms/{room}/open", new { walkIn = true, partySize = 5 });
        Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());
        Assert.Equal("m12", (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("managerBadge").GetString());
        await Expect(gm.Locator($"[data-testid=history] [data-kind=assigned][data-badge=m12][data-room='{room}']")).ToHaveCountAsync(1);
        await Expect(gm.Locator($"[data-testid=history] [data-kind=skipped][data-badge=m11][data-room='{room}']")).ToContainTextAsync("忙碌");
        await Expect(gm.Locator("[data-testid=queue] [data-badge]").Last).ToHaveAttributeAsync("data-badge", "m12");

        // m11 is available again and, the others still busy, is the next available one.
        await m11.ClickAsync("[data-testid=available]");
        await Expect(gm.Locator("[data-testid=queue] [data-badge=m11]")).ToHaveAttributeAsync("data-available", "true");
        await Expect(m11.Locator("[data-testid=my-place] [data-part=mine]")).ToContainTextAsync("你前面还有 0 位");
        foreach (var client in busyClients.Take(3))
            Assert.True((await client.PostAsJsonAsync("/api/rotation/busy", new { busy = false })).IsSuccessStatusCode);
        await Expect(gm.Locator("[data-testid=queue] [data-available=true]")).ToHaveCountAsync(2 + Math.Min(3, busyClients.Count));
        await gm.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "rotation.png") });

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Each_role_finds_the_new_pages()
    {
        var manager = await ui.SignedInPage("m12", BrowserFixture.Phone);
        foreach (var tile in new[] { "rotation", "approvals", "card", "performance" })
            await Expect(manager.Locator($"[data-testid=tile-{tile}]")).ToHaveCountAsync(1);

        var floor = await ui.SignedInPage("fm01", BrowserFixture.Desk);
        await Expect(floor.Locator("[data-testid=tile-approvals]")).ToHaveCountAsync(1);
        await Expect(floor.Locator("[data-testid=tile-card]")).ToHaveCountAsync(0);
        await Expect(floor.Locator("[data-nav=rotation]")).ToBeVisibleAsync();

        var cashier = await ui.SignedInPage("c01", BrowserFixture.Desk);
        await Expect(cashier.Locator("[data-nav=rotation]")).ToHaveCountAsync(0);
        await Expect(cashier.Locator("[data-nav=performance]")).ToBeVisibleAsync();
        await cashier.ClickAsync("[data-nav=approvals]");
        await Expect(cashier.Locator("[data-live-page=approvals]")).ToHaveAttributeAsync("data-live", "connected");
        await Expect(cashier.Locator("[data-testid=request-form]")).ToBeVisibleAsync();
        await Expect(cashier.Locator("[data-testid=pending]")).ToHaveCountAsync(0);

        // The pages speak English too.
        var english = await ui.SignedInPage("m12", BrowserFixture.Phone);
        await english.ClickAsync("[data-testid=language]");
        await english.WaitForFunctionAsync("() => document.documentElement.lang === 'en'");
        await english.GotoAsync(ui.BaseUrl + "/rotation");
        await Expect(english.Locator("h1")).ToHaveTextAsync("Walk-in rotation");
        await Expect(english.Locator("[data-live-page]")).ToHaveAttributeAsync("data-live", "connected");
    }

    // ---- set-up through the API ----

    /// <summary>
    /// A booking of <paramref name="badge"/> for tonight, assigned, verified and opened by the host desk, so the
    /// open room's session credits that manager. Returns the room.
    /// </summary>
    private async Task<string> OpenRoomFor(string badge, string guest, string phone)
    {
        var booker = await ui.ApiClient(badge);
        var created = await booker.PostAsJsonAsync("/api/bookings", new { customerName = guest, customerPhone = phone, arrival = ui.ArrivalIn(), partySize = 4 });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var booking = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = booking.GetProperty("id").GetString()!;
        var host = await ui.ApiClient("h02");
        var room = (await FreeRooms(host)).First();
        async Task Post(string url, object body)
        {
            var response = await host.PostAsJsonAsync(url, body);
            Assert.True(response.IsSuccessStatusCode, $"{url}: {await response.Content.ReadAsStringAsync()}");
        }
        await Post($"/api/bookings/{id}/assign", new { roomNumber = room });
        await Post($"/api/bookings/{id}/arrive", new { confirmationCode = booking.GetProperty("confirmationCode").GetString() });
        await Post($"/api/rooms/{room}/open", new { bookingId = id });
        return room;
    }

    private static async Task<List<string>> FreeRooms(HttpClient client)
    {
        var rooms = await client.GetFromJsonAsync<JsonElement>("/api/rooms");
        return rooms.EnumerateArray()
            .Where(r => r.GetProperty("state").GetString() == "free")
            .Select(r => r.GetProperty("number").GetString()!)
            .ToList();
    }
}
