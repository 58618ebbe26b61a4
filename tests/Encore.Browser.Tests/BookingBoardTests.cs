using Encore.Web.Tests;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// SPEC.md "Rooms and the room board" and "Bookings" in real browsers: a manager books on a phone, the host desk
/// assigns from the board, and every open screen follows without a reload. The clock is real time here.
/// </summary>
public sealed class BookingBoardTests(BrowserFixture ui, ITestOutputHelper output) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    /// <summary>Long enough for a slow CI machine; every wait ends as soon as the page shows the change.</summary>
    private const float Patience = 15_000;

    static BookingBoardTests() => SetDefaultExpectTimeout(Patience);

    [Fact]
    public async Task A_phone_booking_is_assigned_at_the_desk_and_every_screen_follows_live()
    {
        var errors = new List<string>();
        // B: the host desk, with the board open before the booking exists.
        var desk = await ui.LivePage("h01", BrowserFixture.Desk, "/board", errors);
        // A: a manager on a phone.
        var phone = await ui.LivePage("m01", BrowserFixture.Phone, "/bookings", errors);

        // An empty form: the API's problem details name each field, and the page shows each next to its input.
        await phone.FillAsync("#b-arrival", "");
        await phone.ClickAsync("[data-testid=book]");
        await Expect(phone.Locator("#booking-form [data-error-for=customerName]")).Not.ToBeEmptyAsync();
        await Expect(phone.Locator("#booking-form [data-error-for=customerPhone]")).Not.ToBeEmptyAsync();
        await Expect(phone.Locator("#booking-form [data-error-for=partySize]")).Not.ToBeEmptyAsync();
        await Expect(phone.Locator("#booking-form [data-error-for=arrival]")).Not.ToBeEmptyAsync();
        await Expect(phone.Locator("#b-name")).ToHaveClassAsync(new Regex("is-invalid"));

        // Book for one of m01's own customers: picking the file fills the guest's name and phone.
        var customer = phone.Locator("#b-customer option:nth-child(2)");
        var customerName = (await customer.GetAttributeAsync("data-name"))!;
        await phone.SelectOptionAsync("#b-customer", new SelectOptionValue { Index = 1 });
        await Expect(phone.Locator("#b-name")).ToHaveValueAsync(customerName);
        Assert.False(string.IsNullOrEmpty(await phone.InputValueAsync("#b-phone")));
        await phone.FillAsync("#b-arrival", ui.ArrivalIn());
        await phone.FillAsync("#b-party", "4");
        await phone.SelectOptionAsync("#b-type", "small");
        await phone.FillAsync("#b-note", "生日，要蛋糕");
        await phone.ClickAsync("[data-testid=book]");
        var flash = phone.Locator("[data-testid=booking-flash]");
        await Expect(flash).ToBeVisibleAsync();
        var id = (await flash.GetAttributeAsync("data-booking"))!;
        var mine = phone.Locator($"[data-testid=booking-list] [data-booking='{id}']");
        await Expect(mine).ToHaveAttributeAsync("data-status", "booked");
        await Expect(mine.Locator("[data-part=guest]")).ToHaveTextAsync(customerName);
        var code = (await mine.GetAttributeAsync("data-code"))!;
        Assert.Contains(code, await flash.InnerTextAsync());

        // The ready-made message for the guest carries the code, the venue and the booker.
        await mine.Locator("details.share summary").ClickAsync();
        var share = await mine.Locator("[data-part=share]").InputValueAsync();
        Assert.Contains(code, share);
        Assert.Contains("星光 KTV", share);
        Assert.Contains("林晓燕", share);
        Assert.Contains("m01", share);
        await mine.Locator("[data-act=copy]").ClickAsync();
        await Expect(mine.Locator("[data-part=copied]")).Not.ToBeEmptyAsync();
        await mine.ScrollIntoViewIfNeededAsync();
        await phone.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "manager-phone-booking.png") });

        // B sees the new booking arrive in its waiting list without a reload.
        var waiting = desk.Locator($"[data-testid=waiting] [data-booking='{id}']");
        await Expect(waiting).ToHaveAttributeAsync("data-status", "booked");

        // C: a second desk screen (the GM's), open before the assignment.
        var watcher = await ui.LivePage("gm01", BrowserFixture.Desk, "/board", errors);

        // B assigns a free small room from the board.
        await waiting.Locator("[data-act=assign]").ClickAsync();
        await DialogOpened(desk);
        var assign = desk.Locator("form[data-form=assign]");
        await Expect(assign).ToBeVisibleAsync();
        var room = await assign.Locator("select[name=roomNumber]").InputValueAsync();
        Assert.False(string.IsNullOrEmpty(room));
        await Expect(watcher.Locator($"[data-room='{room}']")).ToHaveAttributeAsync("data-state", "free");

        var submit = assign.Locator("button[type=submit]");
        await submit.EvaluateAsync("b => b.addEventListener('click', () => { window.clickedAt = Date.now(); }, { capture: true, once: true })");
        var clock = Stopwatch.StartNew();
        await submit.ClickAsync();
        await watcher.WaitForSelectorAsync($"[data-room='{room}'][data-state=reserved]", new() { Timeout = Patience });
        clock.Stop();
        var clickedAt = await desk.EvaluateAsync<double>("() => window.clickedAt");
        var changedAt = double.Parse((await watcher.Locator($"[data-room='{room}']").GetAttributeAsync("data-updated-at"))!, CultureInfo.InvariantCulture);
        var inBrowsers = changedAt - clickedAt;

        // Every screen shows it: the desk's own tile, the phone's booking (status and room), the GM's tile.
        await Expect(desk.Locator($"[data-room='{room}']")).ToHaveAttributeAsync("data-state", "reserved");
        await Expect(desk.Locator($"[data-room='{room}'] [data-part=manager]")).ToContainTextAsync("m01");
        await Expect(mine).ToHaveAttributeAsync("data-status", "assigned");
        await Expect(mine.Locator("[data-part=room]")).ToHaveTextAsync(room);
        await Expect(mine.Locator("[data-part=hold]")).Not.ToBeEmptyAsync();

        var report = string.Create(CultureInfo.InvariantCulture,
            $"Board latency, desk B's click on \"assign\" to desk C's tile {room} showing reserved (no reload): {inBrowsers:0} ms between the two browsers' clocks, {clock.ElapsedMilliseconds} ms as the test harness saw it (Playwright round trips included). Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC by tests/Encore.Browser.Tests/BookingBoardTests.cs.");
        output.WriteLine(report);
        await Screenshots.SaveRecordAsync("board-latency.txt", report);
        Assert.True(inBrowsers < 1000, report); // SPEC.md: "on every open screen within a second"

        // The manager cancels on the phone; both desk screens see the room free again and the booking leave the list.
        await mine.Locator("[data-act=cancel]").ClickAsync();
        await phone.FillAsync("#c-reason", "客人改期");
        await phone.ClickAsync("[data-testid=cancel-confirm]");
        await Expect(mine).ToHaveAttributeAsync("data-status", "cancelled");
        await Expect(mine.Locator("[data-act=cancel]")).ToHaveCountAsync(0);
        foreach (var board in new[] { desk, watcher })
        {
            await Expect(board.Locator($"[data-room='{room}']")).ToHaveAttributeAsync("data-state", "free");
            await Expect(board.Locator($"[data-testid=waiting] [data-booking='{id}']")).ToHaveCountAsync(0);
        }
        await Expect(desk.Locator("[data-testid=last-update]")).ToHaveAttributeAsync("data-at", new Regex(@"^\d+$"));

        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_desk_runs_rooms_through_every_state_from_the_board()
    {
        var errors = new List<string>();
        var host = await ui.ApiClient("h02");
        // Whatever the demo night already holds, the rooms used here are free ones.
        var rooms = await host.GetFromJsonAsync<JsonElement>("/api/rooms");
        var free = new Queue<string>(rooms.EnumerateArray()
            .Where(r => r.GetProperty("state").GetString() == "free")
            .Select(r => r.GetProperty("number").GetString()!));
        string[] Take(int n) => Enumerable.Range(0, n).Select(_ => free.Dequeue()).ToArray();
        var reserved = Take(3);
        var walkIns = Take(6);
        var (walkIn, transferTo, arriveAt, verifiedAt, repair) = (free.Dequeue(), free.Dequeue(), free.Dequeue(), free.Dequeue(), free.Dequeue());

        // Tonight so far, through the API: a few managers' bookings, some assigned, one guest already verified.
        var arrival = ui.ArrivalIn();
        var bookings = new List<(string Id, string Code)>();
        foreach (var (badge, guest, phone, party) in new[]
                 {
                     ("m02", "赵先生", "13800000002", 6), ("m03", "钱女士", "13800000003", 10), ("m04", "孙总", "13800000004", 16),
                     ("m05", "李先生", "13800000005", 4), ("m06", "周女士", "13800000006", 8), ("m07", "吴总", "13800000007", 12),
                 })
        {
            var booker = await ui.ApiClient(badge);
            var created = await booker.PostAsJsonAsync("/api/bookings", new { customerName = guest, customerPhone = phone, arrival, partySize = party });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            var body = await created.Content.ReadFromJsonAsync<JsonElement>();
            bookings.Add((body.GetProperty("id").GetString()!, body.GetProperty("confirmationCode").GetString()!));
        }
        async Task Post(string url, object body)
        {
            var response = await host.PostAsJsonAsync(url, body);
            Assert.True(response.IsSuccessStatusCode, $"{url}: {await response.Content.ReadAsStringAsync()}");
        }
        for (var i = 0; i < reserved.Length; i++)
            await Post($"/api/bookings/{bookings[i].Id}/assign", new { roomNumber = reserved[i] });
        await Post($"/api/bookings/{bookings[2].Id}/arrive", new { confirmationCode = bookings[2].Code });
        foreach (var number in walkIns)
            await Post($"/api/rooms/{number}/open", new { walkIn = true, partySize = 6 });
        await Post($"/api/rooms/{walkIns[0]}/close", new { spend = 1880, discount = 0, comps = Array.Empty<object>() });
        await Post($"/api/rooms/{free.Dequeue()}/out-of-service", new { reason = "音响维修" });

        var board = await ui.LivePage("h01", BrowserFixture.Desk, "/board", errors);
        await Expect(board.Locator("[data-room]")).ToHaveCountAsync(70);
        await Expect(board.Locator($"[data-room='{reserved[0]}']")).ToHaveAttributeAsync("data-state", "reserved");
        await Expect(board.Locator($"[data-room='{reserved[2]}']")).ToHaveClassAsync(new Regex("guest-arrived"));
        await Expect(board.Locator($"[data-room='{walkIns[1]}']")).ToHaveAttributeAsync("data-state", "occupied");
        await Expect(board.Locator($"[data-room='{walkIns[0]}']")).ToHaveAttributeAsync("data-state", "cleaning");

        // A walk-in from a free tile; a missing party size is named next to its field first.
        await OpenTile(board, walkIn, "walkIn");
        var walkInForm = board.Locator("form[data-form=walkIn]");
        await walkInForm.Locator("button[type=submit]").ClickAsync();
        await Expect(walkInForm.Locator("[data-error-for=partySize]")).Not.ToBeEmptyAsync();
        await walkInForm.Locator("[name=partySize]").FillAsync("5");
        await walkInForm.Locator("button[type=submit]").ClickAsync();
        await Expect(board.Locator($"[data-room='{walkIn}']")).ToHaveAttributeAsync("data-state", "occupied");

        // Transfer it, close the bill with a comp, and release the first room from cleaning.
        await OpenTile(board, walkIn, "transfer");
        await board.SelectOptionAsync("form[data-form=transfer] select[name=toRoomNumber]", transferTo);
        await board.ClickAsync("form[data-form=transfer] button[type=submit]");
        await Expect(board.Locator($"[data-room='{transferTo}']")).ToHaveAttributeAsync("data-state", "occupied");
        await Expect(board.Locator($"[data-room='{walkIn}']")).ToHaveAttributeAsync("data-state", "cleaning");
        await OpenTile(board, transferTo, "close");
        await board.FillAsync("form[data-form=close] [name=spend]", "980");
        await board.ClickAsync("form[data-form=close] [data-act=add-comp]");
        await board.FillAsync("form[data-form=close] [data-comp] [name=item]", "果盘");
        await board.FillAsync("form[data-form=close] [data-comp] [name=value]", "680");
        await board.ClickAsync("form[data-form=close] [data-part=close-send]");
        // ¥680 of comps is beyond a manager's ¥200 (or, with nobody in tonight's rotation, the host's ¥0): refused, naming the approval.
        await Expect(board.Locator("[data-testid=dialog-error]")).ToContainTextAsync("审批");
        await board.ClickAsync("form[data-form=close] [data-act=remove-comp]");
        await board.ClickAsync("form[data-form=close] [data-part=close-send]");
        await Expect(board.Locator($"[data-room='{transferTo}']")).ToHaveAttributeAsync("data-state", "cleaning");
        await OpenTile(board, walkIn, "release");
        await board.ClickAsync("form[data-form=release] button[type=submit]");
        await Expect(board.Locator($"[data-room='{walkIn}']")).ToHaveAttributeAsync("data-state", "free");

        // A booked guest arrives: a wrong code is refused; the right one verifies, a room is given, then opened.
        var arriving = board.Locator($"[data-testid=waiting] [data-booking='{bookings[3].Id}']");
        await arriving.Locator("[data-act=arrive]").ClickAsync();
        await DialogOpened(board);
        var arrive = board.Locator("form[data-form=arrive]");
        await arrive.Locator("[name=confirmationCode]").FillAsync("WRONG1");
        await arrive.Locator("select[name=roomNumber]").SelectOptionAsync(arriveAt);
        await arrive.Locator("button[type=submit]").ClickAsync();
        // A typo is the desk's: named next to the code (issue 13), nothing charged to the booker.
        await Expect(arrive.Locator("[data-error-for=confirmationCode]")).ToContainTextAsync("没有确认码");
        await arrive.Locator("[name=confirmationCode]").FillAsync(bookings[3].Code);
        await arrive.Locator("button[type=submit]").ClickAsync();
        await Expect(board.Locator($"[data-room='{arriveAt}']")).ToHaveClassAsync(new Regex("guest-arrived"));
        await Expect(arriving).ToHaveAttributeAsync("data-status", "arrived");
        await Expect(board.Locator("#board-dialog")).ToBeHiddenAsync();
        await arriving.Locator("[data-act=open]").ClickAsync();
        await DialogOpened(board);
        await board.ClickAsync("form[data-form=open] button[type=submit]");
        await Expect(board.Locator($"[data-room='{arriveAt}']")).ToHaveAttributeAsync("data-state", "occupied");
        await Expect(arriving).ToHaveCountAsync(0);

        // Another guest verified by name and phone (typed as the guest says it) at a room the desk picks.
        await Expect(board.Locator("#board-dialog")).ToBeHiddenAsync();
        var byName = board.Locator($"[data-testid=waiting] [data-booking='{bookings[4].Id}']");
        await byName.Locator("[data-act=arrive]").ClickAsync();
        await DialogOpened(board);
        await board.ClickAsync("label[for=f-arrive-by-name]");
        await arrive.Locator("[name=customerName]").FillAsync("周女士");
        await arrive.Locator("[name=customerPhone]").FillAsync("138 0000 0006");
        await arrive.Locator("select[name=roomNumber]").SelectOptionAsync(verifiedAt);
        await arrive.Locator("button[type=submit]").ClickAsync();
        await Expect(board.Locator($"[data-room='{verifiedAt}']")).ToHaveClassAsync(new Regex("guest-arrived"));

        // Out of service from a tile, with its reason.
        await OpenTile(board, repair, "outOfService");
        await board.FillAsync("form[data-form=outOfService] [name=reason]", "空调维修");
        await board.ClickAsync("form[data-form=outOfService] button[type=submit]");
        await Expect(board.Locator($"[data-room='{repair}']")).ToHaveAttributeAsync("data-state", "outOfService");

        // m07's booking still waits for a room; the board is ready for its picture.
        await Expect(board.Locator($"[data-testid=waiting] [data-booking='{bookings[5].Id}']")).ToHaveAttributeAsync("data-status", "booked");
        await Expect(board.Locator("#board-dialog")).ToBeHiddenAsync();
        await Expect(board.Locator(".modal-backdrop")).ToHaveCountAsync(0);
        await board.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "host-board.png") });

        // A manager sees the same board, read only.
        var manager = await ui.LivePage("m03", BrowserFixture.Desk, "/board", errors);
        await Expect(manager.Locator("[data-testid=read-only]")).ToBeVisibleAsync();
        await Expect(manager.Locator($"[data-room='{reserved[1]}']")).ToHaveAttributeAsync("data-state", "reserved");
        await Expect(manager.Locator("[data-testid=waiting] [data-act]")).ToHaveCountAsync(0);

        Assert.Empty(errors);
    }

    /// <summary>
    /// Bootstrap ignores hide() while a dialog's opening fade runs. Once the write path answered in milliseconds, a
    /// move sent at once could come back before the fade ended and leave its dialog open (a CI run of the test
    /// above failed so). The fade is slowed to three seconds here so the answer always wins the race.
    /// </summary>
    [Fact]
    public async Task A_move_answered_while_its_dialog_is_still_opening_closes_the_dialog()
    {
        var errors = new List<string>();
        var host = await ui.ApiClient("h02");
        var rooms = await host.GetFromJsonAsync<JsonElement>("/api/rooms");
        var room = rooms.EnumerateArray().Last(r => r.GetProperty("state").GetString() == "free").GetProperty("number").GetString()!;

        var board = await ui.LivePage("h01", BrowserFixture.Desk, "/board", errors);
        await board.AddStyleTagAsync(new() { Content = ".modal.fade, .modal.fade .modal-dialog { transition-duration: 3s !important; }" });
        await board.ClickAsync($"[data-room='{room}']");
        var sentWhileOpening = await board.EvaluateAsync<bool>(@"() => {
            const dialog = document.getElementById('board-dialog');
            dialog.querySelector('[data-choice=walkIn]').click();
            const form = dialog.querySelector('form[data-form=walkIn]');
            form.elements.partySize.value = '4';
            form.requestSubmit();
            return !dialog.classList.contains('show') || getComputedStyle(dialog).opacity !== '1';
        }");
        Assert.True(sentWhileOpening, "the move was sent after the dialog had finished opening: the test raced nothing");
        await Expect(board.Locator($"[data-room='{room}']")).ToHaveAttributeAsync("data-state", "occupied");
        await Expect(board.Locator("#board-dialog")).ToBeHiddenAsync(new() { Timeout = 10_000 });
        Assert.Empty(errors);
    }

    /// <summary>
    /// The board reads its snapshot only once the hub has said "joined": the connection's start completes at the
    /// handshake, before the hub has joined it to its groups, and a change sent in between would reach no screen.
    /// </summary>
    [Fact]
    public async Task The_board_reads_its_snapshot_after_the_hub_has_joined_it_to_its_groups()
    {
        var page = await ui.SignedInPage("h02", BrowserFixture.Desk);
        var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.WebSocket += (_, socket) =>
        {
            if (!socket.Url.Contains("/hubs/board", StringComparison.Ordinal)) return;
            seen.Enqueue("socket");
            socket.FrameReceived += (_, frame) =>
            {
                if (frame.Text?.Contains("\"target\":\"joined\"", StringComparison.Ordinal) == true) seen.Enqueue("joined");
            };
        };
        page.Request += (_, request) => { if (new Uri(request.Url).AbsolutePath == "/api/rooms") seen.Enqueue("rooms"); };
        await page.GotoAsync(ui.BaseUrl + "/board");
        await Expect(page.Locator("[data-live-page=board]")).ToHaveAttributeAsync("data-live", "connected");

        var order = seen.ToList();
        var sinceSocket = order.Skip(Math.Max(0, order.LastIndexOf("socket"))).ToList();
        Assert.True(sinceSocket.Contains("socket") && sinceSocket.Contains("rooms"), "the board page opened no socket or read no rooms: " + string.Join(", ", order));
        Assert.True(sinceSocket.First(e => e is "joined" or "rooms") == "joined", "the rooms were read before the hub said joined: " + string.Join(", ", order));
    }

    [Fact]
    public async Task Each_role_finds_the_live_pages_it_may_use()
    {
        var manager = await ui.SignedInPage("m02", BrowserFixture.Phone);
        await Expect(manager.Locator("[data-testid=tile-bookings]")).ToHaveCountAsync(1);
        await Expect(manager.Locator("[data-testid=tile-board]")).ToHaveCountAsync(1);

        var host = await ui.SignedInPage("h02", BrowserFixture.Desk);
        await Expect(host.Locator("[data-nav=board]")).ToBeVisibleAsync();
        await host.ClickAsync("[data-testid=tile-board]");
        await Expect(host.Locator("[data-live-page=board]")).ToHaveAttributeAsync("data-live", "connected");
        await Expect(host.Locator("[data-testid=read-only]")).ToHaveCountAsync(0);

        // A cashier watches the board (and closes bills there) but does not book.
        var cashier = await ui.SignedInPage("c01", BrowserFixture.Desk);
        await Expect(cashier.Locator("[data-nav=bookings]")).ToHaveCountAsync(0);
        var response = await cashier.GotoAsync(ui.BaseUrl + "/bookings");
        Assert.Equal(403, response!.Status);
        Assert.EndsWith("/denied", new Uri(cashier.Url).AbsolutePath);
    }

    /// <summary>
    /// The board's dialog has finished opening (encore.js marks it data-shown): a click aimed at a button while it
    /// still slides in can land on the backdrop, which closes it (a CI run failed so, the dialog gone at the next step).
    /// </summary>
    internal static Task DialogOpened(IPage board) => Expect(board.Locator("#board-dialog[data-shown=true]")).ToBeVisibleAsync();

    private static async Task OpenTile(IPage board, string room, string choice)
    {
        await Expect(board.Locator("#board-dialog")).ToBeHiddenAsync(); // a closing dialog ignores a new open
        await board.ClickAsync($"[data-room='{room}']");
        await DialogOpened(board);
        await board.ClickAsync($"#board-dialog [data-choice={choice}]");
        await Expect(board.Locator($"form[data-form={choice}]")).ToBeVisibleAsync();
    }
}
