using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Encore.Web.Tests.Bookings;

/// <summary>
/// Closing a room's bill (POST /api/rooms/{number}/close) at the edges a cashier meets: what a bill may hold, whose
/// authority counts (the credited manager's, whoever closes), which approvals are accepted, and what
/// the closed bill leaves behind (the customer's visit, the booking, the room).
/// </summary>
public sealed class CloseRulesTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    /// <summary>A room opened for a booking of <paramref name="badge"/> (so the session credits them) and the booking.</summary>
    private async Task<(string Room, JsonElement Booking)> OpenForBookingAsync(string badge, string phone, string name = "结账客")
    {
        var manager = await app.ClientFor(badge);
        var host = await app.ClientFor("h02");
        var now = await (await app.ClientFor("gm01")).NowAsync();
        var booking = await manager.BookAsync(now.AddMinutes(30), name: name, phone: phone);
        var room = (await host.FreeRoomsAsync())[0];
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(booking, room)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/arrive", new { confirmationCode = booking.Str("confirmationCode") })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsJsonAsync($"/api/rooms/{room}/open", new { bookingId = booking.Id() })).StatusCode);
        return (room, booking);
    }

    private static async Task<IReadOnlyList<string>> RefusedFields(HttpResponseMessage response) =>
        (await Problem.Expect(response, HttpStatusCode.BadRequest)).ErrorFields();

    [Fact]
    public async Task A_bill_with_a_wrong_amount_is_refused_naming_exactly_the_wrong_field_and_the_room_stays_open()
    {
        var (room, _) = await OpenForBookingAsync("m01", DeskClient.NewPhone());
        var cashier = await app.ClientFor("c01", language: "en");
        var close = (object body) => cashier.PostAsJsonAsync($"/api/rooms/{room}/close", body);

        Assert.Equal(["spend"], await RefusedFields(await close(new { discount = 0 })));
        Assert.Equal(["spend"], await RefusedFields(await close(new { spend = 10_000_000.01m })));
        Assert.Equal(["discount"], await RefusedFields(await close(new { spend = 500, discount = 500.01m })));
        Assert.Equal(["discount"], await RefusedFields(await close(new { spend = 500, discount = -1 })));
        Assert.Equal(["roomCharge"], await RefusedFields(await close(new { spend = 500, roomCharge = 500.01m })));
        Assert.Equal(["roomCharge"], await RefusedFields(await close(new { spend = 500, roomCharge = -1 })));
        // Money has at most two decimals, in every amount of the bill.
        var fen = await Problem.Expect(await close(new { spend = 100.005m }), HttpStatusCode.BadRequest);
        Assert.Equal(["spend"], fen.ErrorFields());
        Assert.Contains("at most two decimals", fen.Detail());
        Assert.Equal(["discount"], await RefusedFields(await close(new { spend = 100, discount = 1.001m })));
        Assert.Equal(["roomCharge"], await RefusedFields(await close(new { spend = 100, roomCharge = 0.001m })));
        // Comps: each one named by its place in the list.
        Assert.Equal(["comps[1].item"], await RefusedFields(await close(new { spend = 100, comps = new object[] { new { item = "果盘", value = 1 }, new { item = " ", value = 1 } } })));
        Assert.Equal(["comps[1].value"], await RefusedFields(await close(new { spend = 100, comps = new object[] { new { item = "果盘", value = 1 }, new { item = "果盘", value = 1.005m } } })));
        Assert.Equal(["comps[1].value"], await RefusedFields(await close(new { spend = 100, comps = new object[] { new { item = "果盘", value = 1 }, new { item = "果盘", value = -1 } } })));
        Assert.Equal(["comps[1].value"], await RefusedFields(await close(new { spend = 100, comps = new object[] { new { item = "果盘", value = 1 }, new { item = "果盘", value = 1_000_000.01m } } })));
        var many = await Problem.Expect(await close(new { spend = 100, comps = Enumerable.Range(0, 51).Select(_ => new { item = "爆米花", value = 0 }) }), HttpStatusCode.BadRequest);
        Assert.Equal(["comps"], many.ErrorFields());
        Assert.Contains("at most 50 items", many.Detail());
        // The second comp is the one not in the catalogue.
        var notInCatalogue = await Problem.Expect(await close(new { spend = 100, comps = new object[] { new { item = "果盘", value = 1 }, new { item = "金条", value = 1 } } }), HttpStatusCode.BadRequest);
        Assert.Equal(["comps[1].item"], notInCatalogue.ErrorFields());
        Assert.Contains("not in the venue's comps catalogue", notInCatalogue.Detail());

        Assert.Equal("occupied", (await cashier.RoomAsync(room)).Str("state"));
        // At the limits it closes: 50 comps, the room charge and the discount equal to the spend's edge, two decimals.
        var closed = await close(new { spend = 1000.55m, roomCharge = 1000.55m, discount = 100.05m, comps = Enumerable.Range(0, 50).Select(_ => new { item = " 爆米花 ", value = 4 }) });
        Assert.True(closed.StatusCode == HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
        Assert.Equal("cleaning", (await cashier.RoomAsync(room)).Str("state"));
    }

    [Fact]
    public async Task Only_an_open_room_has_a_bill_to_close()
    {
        var host = await app.ClientFor("h02", language: "en");
        var manager = await app.ClientFor("m02");
        var now = await (await app.ClientFor("gm01")).NowAsync();
        var free = await host.FreeRoomsAsync();
        var (reserved, idle) = (free[0], free[1]);
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(await manager.BookAsync(now.AddHours(1)), reserved)).StatusCode);

        var notOpen = await Problem.Expect(await host.PostAsJsonAsync($"/api/rooms/{reserved}/close", new { spend = 100 }), HttpStatusCode.Conflict);
        Assert.Equal($"Room {reserved} is not open; there is no bill to close.", notOpen.Detail());
        Assert.Equal("reserved", (await host.RoomAsync(reserved)).Str("state"));
        await Problem.Expect(await host.PostAsJsonAsync($"/api/rooms/{idle}/close", new { spend = 100 }), HttpStatusCode.Conflict);
        Assert.Equal("free", (await host.RoomAsync(idle)).Str("state"));
        var missing = await Problem.Expect(await host.PostAsJsonAsync("/api/rooms/9999/close", new { spend = 100 }), HttpStatusCode.NotFound);
        Assert.Contains("9999", missing.Detail());
    }

    [Fact]
    public async Task The_credited_managers_authority_counts_whoever_closes_the_bill()
    {
        var cashier = await app.ClientFor("c01", language: "en");
        var gm = await app.ClientFor("gm01", language: "en");

        // m03 (a manager: 10% and ¥200 of comps). The GM closing does not lend the bill the GM's authority.
        var (room, _) = await OpenForBookingAsync("m03", DeskClient.NewPhone());
        var discount = await Problem.Expect(await gm.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 1000, discount = 100.01m }), HttpStatusCode.Forbidden);
        Assert.EndsWith("/authority.discountNeedsApproval", discount.GetProperty("type").GetString());
        Assert.Contains("of 10%", discount.Detail());
        var comps = await Problem.Expect(await gm.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 1000, comps = new[] { new { item = "果盘", value = 88m }, new { item = "小吃拼盘", value = 112.01m } } }), HttpStatusCode.Forbidden);
        Assert.EndsWith("/authority.compsNeedApproval", comps.GetProperty("type").GetString());
        Assert.Contains("200.01", comps.Detail());
        Assert.Contains("200", comps.Detail().Replace("200.01", ""));
        Assert.Equal("occupied", (await cashier.RoomAsync(room)).Str("state"));
        // Exactly at the manager's authority, a cashier (who has none of their own) closes it.
        var closed = await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 1000, discount = 100, comps = new[] { new { item = "果盘", value = 88 }, new { item = "小吃拼盘", value = 112 } } });
        Assert.True(closed.StatusCode == HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
        Assert.Equal("m03", Json(await closed.Content.ReadAsStringAsync()).Str("creditedBadge"));
    }

    [Fact]
    public async Task Only_a_granted_approval_for_this_very_session_covering_the_bill_lets_it_close()
    {
        var (room, _) = await OpenForBookingAsync("m04", DeskClient.NewPhone());
        var (otherRoom, _) = await OpenForBookingAsync("m04", DeskClient.NewPhone());
        var manager = await app.ClientFor("m04");
        var cashier = await app.ClientFor("c01", language: "en");
        var floor = await app.ClientFor("fm01");
        async Task<string> AskAsync(string forRoom)
        {
            var asked = await manager.PostAsJsonAsync("/api/approvals", new { roomNumber = forRoom, spend = 2000, discount = 400, comps = new[] { new { item = "果盘", value = 88 } }, reason = "老客户" });
            Assert.True(asked.StatusCode == HttpStatusCode.Created, await asked.Content.ReadAsStringAsync());
            return Json(await asked.Content.ReadAsStringAsync()).Str("id");
        }
        var pending = await AskAsync(room);
        var forOtherRoom = await AskAsync(otherRoom);
        Assert.Equal(HttpStatusCode.OK, (await floor.PostAsync($"/api/approvals/{forOtherRoom}/grant", null)).StatusCode);
        var bill = new { spend = 2000, discount = 400, comps = new[] { new { item = "果盘", value = 88 } } };

        Assert.Equal(["approvalId"], (await Problem.Expect(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { bill.spend, bill.discount, bill.comps, approvalId = Guid.NewGuid() }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["approvalId"], (await Problem.Expect(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { bill.spend, bill.discount, bill.comps, approvalId = forOtherRoom }), HttpStatusCode.BadRequest)).ErrorFields());
        var notGranted = await Problem.Expect(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { bill.spend, bill.discount, bill.comps, approvalId = pending }), HttpStatusCode.Conflict);
        Assert.EndsWith("/approval.notGranted", notGranted.GetProperty("type").GetString());

        Assert.Equal(HttpStatusCode.OK, (await floor.PostAsync($"/api/approvals/{pending}/grant", null)).StatusCode);
        // More comps than granted (the discount within it) is beyond the approval, as is more discount.
        var beyond = await Problem.Expect(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 2000, discount = 400, comps = new[] { new { item = "果盘", value = 88.01m } }, approvalId = pending }), HttpStatusCode.Forbidden);
        Assert.EndsWith("/approval.billBeyondApproval", beyond.GetProperty("type").GetString());
        await Problem.Expect(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 2000, discount = 400.01m, comps = new[] { new { item = "果盘", value = 88 } }, approvalId = pending }), HttpStatusCode.Forbidden);
        Assert.Equal("granted", Json(await (await floor.GetAsync($"/api/approvals/{pending}")).Content.ReadAsStringAsync()).Str("status"));

        // Less than granted closes, and uses this approval (only this one) up.
        var closed = await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 2000, discount = 300, comps = new[] { new { item = "果盘", value = 50 } }, approvalId = pending });
        Assert.True(closed.StatusCode == HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
        Assert.Equal("used", Json(await (await floor.GetAsync($"/api/approvals/{pending}")).Content.ReadAsStringAsync()).Str("status"));
        Assert.Equal("granted", Json(await (await floor.GetAsync($"/api/approvals/{forOtherRoom}")).Content.ReadAsStringAsync()).Str("status"));
        // A used approval does not close a second bill.
        await Problem.Expect(await cashier.PostAsJsonAsync($"/api/rooms/{otherRoom}/close", new { bill.spend, bill.discount, bill.comps, approvalId = pending }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_closed_bill_is_the_customers_visit_the_booking_is_completed_and_the_room_goes_to_cleaning()
    {
        var phone = DeskClient.NewPhone();
        var (room, booking) = await OpenForBookingAsync("m05", phone, name: "闭房客");
        var cashier = await app.ClientFor("c01");
        var now = await (await app.ClientFor("gm01")).NowAsync();
        var closed = await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new
        {
            spend = 1888.80m, roomCharge = 600, discount = 88.80m, comps = new[] { new { item = "  果盘 ", value = 88 }, new { item = "爆米花", value = 28 } },
        });
        Assert.True(closed.StatusCode == HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
        var bill = Json(await closed.Content.ReadAsStringAsync());
        Assert.Equal("m05", bill.Str("creditedBadge"));
        Assert.Equal(1888.80m, bill.GetProperty("spend").GetDecimal());

        var roomNow = await cashier.RoomAsync(room);
        Assert.Equal("cleaning", roomNow.Str("state"));
        Assert.Equal(now, roomNow.GetProperty("stateSince").GetDateTimeOffset());

        var manager = await app.ClientFor("m05");
        var done = await manager.GetAsync(booking);
        Assert.Equal("completed", done.Status());
        var completed = done.GetProperty("history").EnumerateArray().Single(e => e.Str("kind") == "completed");
        Assert.Equal("c01", completed.Str("actorBadge"));
        Assert.Equal(room, completed.Str("roomNumber"));
        Assert.Contains("1888.8", completed.Str("detail"));

        var customer = Assert.Single((await manager.GetFromJsonAsync<JsonElement>($"/api/customers?q={phone[^4..]}")).EnumerateArray(), c => c.Str("name") == "闭房客");
        var history = await manager.GetFromJsonAsync<JsonElement>($"/api/customers/{customer.Str("id")}/history");
        var visit = Assert.Single(history.GetProperty("visits").EnumerateArray());
        Assert.Equal(room, visit.Str("room"));
        Assert.Equal(1888.80m, visit.GetProperty("spend").GetDecimal());
        Assert.Equal(88.80m, visit.GetProperty("discount").GetDecimal());
        Assert.Equal(116m, visit.GetProperty("compsValue").GetDecimal());
        Assert.Equal(now, visit.GetProperty("closedAt").GetDateTimeOffset());
        Assert.Equal("m05", visit.Str("creditedBadge"));
        Assert.Equal([("果盘", 88m), ("爆米花", 28m)],
            visit.GetProperty("comps").EnumerateArray().Select(c => (c.Str("item"), c.GetProperty("value").GetDecimal())).ToList());
        Assert.Equal(600m, app.With(db => db.RoomSessions.Single(s => s.Id == Guid.Parse(bill.Str("sessionId"))).RoomCharge));
        Assert.Equal("c01", app.With(db => db.Users.Single(u => u.Id == db.RoomSessions.Single(s => s.Id == Guid.Parse(bill.Str("sessionId"))).ClosedById).UserName));

        // The bill is closed once: the room has nothing more to close.
        await Problem.Expect(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 1 }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_close_reaches_every_board_the_standings_the_booker_and_those_who_decide_approvals()
    {
        await using var desk = await BoardListener.StartAsync(app, "h01");
        await using var floor = await BoardListener.StartAsync(app, "fm01");
        await using var booker = await BoardListener.StartAsync(app, "m06");
        var (room, booking) = await OpenForBookingAsync("m06", DeskClient.NewPhone());
        var asked = await (await app.ClientFor("m06")).PostAsJsonAsync("/api/approvals", new { roomNumber = room, spend = 1000, discount = 200, reason = "熟客" });
        var approval = Json(await asked.Content.ReadAsStringAsync()).Str("id");
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("fm01")).PostAsync($"/api/approvals/{approval}/grant", null)).StatusCode);
        await floor.WaitForAsync("approvalChanged", a => a.Str("id") == approval && a.Str("status") == "granted");
        var standingsBefore = desk.Heard.Count(h => h.Event == "standingsChanged");

        var closed = await (await app.ClientFor("c01")).PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 1000, discount = 200, approvalId = approval });
        Assert.True(closed.StatusCode == HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
        await desk.WaitForAsync("roomChanged", r => r.Str("number") == room && r.Str("state") == "cleaning");
        await booker.WaitForAsync("bookingChanged", b => b.Id() == booking.Id() && b.Status() == "completed");
        await floor.WaitForAsync("approvalChanged", a => a.Str("id") == approval && a.Str("status") == "used");
        await booker.WaitForAsync("approvalChanged", a => a.Str("id") == approval && a.Str("status") == "used");
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (desk.Heard.Count(h => h.Event == "standingsChanged") == standingsBefore && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.True(desk.Heard.Count(h => h.Event == "standingsChanged") > standingsBefore, "the standings were not told of the closed bill");
    }
}
