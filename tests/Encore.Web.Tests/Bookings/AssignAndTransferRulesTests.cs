using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Encore.Web.Tests.Bookings;

/// <summary>
/// The host desk giving a booking a room (assign) and moving guests or a reservation to another room (转房), at the
/// edges: what a request must name, which bookings and rooms qualify, and what each room and the booking show after.
/// </summary>
public sealed class AssignAndTransferRulesTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    [Fact]
    public async Task An_assign_names_a_room_of_the_venue_for_a_booking_still_waiting_for_one()
    {
        var host = await app.ClientFor("h02", language: "en");
        var manager = await app.ClientFor("m01");
        var now = await (await app.ClientFor("gm01")).NowAsync();
        var booking = await manager.BookAsync(now.AddHours(2));
        var free = await host.FreeRoomsAsync();

        Assert.Equal(["roomNumber"], (await Problem.Expect(await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/assign", new { roomNumber = "  " }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["roomNumber"], (await Problem.Expect(await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/assign", new { }), HttpStatusCode.BadRequest)).ErrorFields());
        var unknownRoom = await Problem.Expect(await host.AssignAsync(booking, "9999"), HttpStatusCode.BadRequest);
        Assert.Equal(["roomNumber"], unknownRoom.ErrorFields());
        Assert.Contains("does not exist", unknownRoom.Detail());
        await Problem.Expect(await host.PostAsJsonAsync($"/api/bookings/{Guid.NewGuid()}/assign", new { roomNumber = free[0] }), HttpStatusCode.NotFound);
        Assert.Equal("booked", (await host.GetAsync(booking)).Status());

        // The desk may type the number with spaces around it.
        var assigned = await host.AssignAsync(booking, $" {free[0]} ");
        Assert.True(assigned.StatusCode == HttpStatusCode.OK, await assigned.Content.ReadAsStringAsync());
        var view = Json(await assigned.Content.ReadAsStringAsync());
        Assert.Equal("assigned", view.Status());
        Assert.Equal(free[0], view.Str("roomNumber"));
        Assert.Equal(now, view.GetProperty("assignedAt").GetDateTimeOffset());
        Assert.True(view.GetProperty("holdUntil").GetDateTimeOffset() > now.AddHours(2), view.ToString());
        Assert.False(view.TryGetProperty("history", out var events) && events.ValueKind == JsonValueKind.Array, "the assign answers the booking without its history");
        Assert.True(app.With(db => db.AuditEntries.Any(a => a.Action == "booking.assign" && a.ActorBadge == "h02" && a.EntityId == booking.Id())));
        var room = await host.RoomAsync(free[0]);
        Assert.Equal("reserved", room.Str("state"));
        Assert.Equal(booking.Id(), room.Str("bookingId"));
        Assert.Equal(now, room.GetProperty("stateSince").GetDateTimeOffset());
        var history = (await host.GetAsync(booking)).GetProperty("history").EnumerateArray().Single(e => e.Str("kind") == "assigned");
        Assert.Equal("h02", history.Str("actorBadge"));
        Assert.Equal(free[0], history.Str("roomNumber"));

        // Assigned once, it is not assigned again (to any room); nor is a cancelled booking.
        var again = await Problem.Expect(await host.AssignAsync(booking, free[1]), HttpStatusCode.Conflict);
        Assert.Equal("The booking is assigned; this cannot be done now.", again.Detail());
        Assert.Equal("free", (await host.RoomAsync(free[1])).Str("state"));
        var cancelled = await manager.BookAsync(now.AddHours(2));
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsJsonAsync($"/api/bookings/{cancelled.Id()}/cancel", new { })).StatusCode);
        Assert.Equal("The booking is cancelled; this cannot be done now.", (await Problem.Expect(await host.AssignAsync(cancelled, free[1]), HttpStatusCode.Conflict)).Detail());
        Assert.Equal("free", (await host.RoomAsync(free[1])).Str("state"));
    }

    [Fact]
    public async Task A_reservation_moved_to_another_room_frees_the_old_one_and_the_booking_follows()
    {
        var host = await app.ClientFor("h02");
        var manager = await app.ClientFor("m02");
        var now = await (await app.ClientFor("gm01")).NowAsync();
        var booking = await manager.BookAsync(now.AddHours(1), name: "换房预订");
        var free = await host.FreeRoomsAsync();
        var (from, to) = (free[0], free[1]);
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(booking, from)).StatusCode);

        var moved = await host.PostAsJsonAsync($"/api/rooms/{from}/transfer", new { toRoomNumber = $" {to} " });
        Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        var answer = Json(await moved.Content.ReadAsStringAsync());
        Assert.Equal(to, answer.Str("number"));
        Assert.Equal("reserved", answer.Str("state"));
        Assert.Equal(booking.Id(), answer.Str("bookingId"));

        var old = await host.RoomAsync(from);
        Assert.Equal("free", old.Str("state"));
        Assert.Equal("", old.Str("bookingId"));
        Assert.Equal("reserved", (await host.RoomAsync(to)).Str("state"));
        var after = await host.GetAsync(booking);
        Assert.Equal(to, after.Str("roomNumber"));
        Assert.Equal("assigned", after.Status());
        var transferred = after.GetProperty("history").EnumerateArray().Single(e => e.Str("kind") == "transferred");
        Assert.Equal(to, transferred.Str("roomNumber"));
        Assert.Equal($"由 {from} 转入", transferred.Str("detail"));
        Assert.Equal("h02", transferred.Str("actorBadge"));
        Assert.True(app.With(db => db.AuditEntries.Any(a => a.Action == "room.transfer" && a.ActorBadge == "h02")));

        // The old room is free again for someone else; the moved booking can still be opened where it is now.
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(await manager.BookAsync(now.AddHours(1)), from)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/arrive", new { confirmationCode = booking.Str("confirmationCode") })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsJsonAsync($"/api/rooms/{to}/open", new { bookingId = booking.Id() })).StatusCode);
    }

    [Fact]
    public async Task Guests_moved_to_another_room_leave_the_old_one_for_cleaning_and_their_bill_follows_them()
    {
        var host = await app.ClientFor("h02");
        var free = await host.FreeRoomsAsync();
        var (from, to) = (free[0], free[1]);
        var opened = Json(await (await host.PostAsJsonAsync($"/api/rooms/{from}/open", new { walkIn = true, partySize = 5 })).Content.ReadAsStringAsync());

        var moved = await host.PostAsJsonAsync($"/api/rooms/{from}/transfer", new { toRoomNumber = to });
        Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        var answer = Json(await moved.Content.ReadAsStringAsync());
        Assert.Equal("occupied", answer.Str("state"));
        Assert.Equal(opened.Str("sessionId"), answer.Str("sessionId"));
        Assert.Equal("cleaning", (await host.RoomAsync(from)).Str("state"));
        Assert.Equal(to, app.With(db => db.Rooms.Single(r => r.Id == db.RoomSessions.Single(s => s.Id == Guid.Parse(opened.Str("sessionId"))).RoomId).Number));

        var cashier = await app.ClientFor("c01");
        await Problem.Expect(await cashier.PostAsJsonAsync($"/api/rooms/{from}/close", new { spend = 100 }), HttpStatusCode.Conflict);
        var closed = await cashier.PostAsJsonAsync($"/api/rooms/{to}/close", new { spend = 100 });
        Assert.True(closed.StatusCode == HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
        Assert.Equal(opened.Str("sessionId"), Json(await closed.Content.ReadAsStringAsync()).Str("sessionId"));
    }

    [Fact]
    public async Task A_transfer_names_another_existing_room_from_one_that_has_guests_or_a_reservation()
    {
        var host = await app.ClientFor("h02", language: "en");
        var manager = await app.ClientFor("m03");
        var now = await (await app.ClientFor("gm01")).NowAsync();
        var free = await host.FreeRoomsAsync();
        var (held, idle, target) = (free[0], free[1], free[2]);
        var booking = await manager.BookAsync(now.AddHours(1));
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(booking, held)).StatusCode);
        var transfer = (string room, object body) => host.PostAsJsonAsync($"/api/rooms/{room}/transfer", body);

        Assert.Equal(["toRoomNumber"], (await Problem.Expect(await transfer(held, new { toRoomNumber = " " }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["toRoomNumber"], (await Problem.Expect(await transfer(held, new { }), HttpStatusCode.BadRequest)).ErrorFields());
        var unknown = await Problem.Expect(await transfer(held, new { toRoomNumber = "9999" }), HttpStatusCode.BadRequest);
        Assert.Equal(["toRoomNumber"], unknown.ErrorFields());
        Assert.Contains("does not exist", unknown.Detail());
        var same = await Problem.Expect(await transfer(held, new { toRoomNumber = held }), HttpStatusCode.BadRequest);
        Assert.Equal(["toRoomNumber"], same.ErrorFields());
        Assert.Contains("same room", same.Detail());
        Assert.Contains("9998", (await Problem.Expect(await transfer("9998", new { toRoomNumber = target }), HttpStatusCode.NotFound)).Detail());
        var nothing = await Problem.Expect(await transfer(idle, new { toRoomNumber = target }), HttpStatusCode.Conflict);
        Assert.Equal($"Room {idle} has no booking or guests to transfer.", nothing.Detail());

        // Nothing moved.
        Assert.Equal("reserved", (await host.RoomAsync(held)).Str("state"));
        Assert.Equal("free", (await host.RoomAsync(idle)).Str("state"));
        Assert.Equal("free", (await host.RoomAsync(target)).Str("state"));
        Assert.Equal(held, (await host.GetAsync(booking)).Str("roomNumber"));
    }

    [Fact]
    public async Task A_transfer_reaches_every_board_for_both_rooms_and_the_booker_sees_the_new_room()
    {
        await using var desk = await BoardListener.StartAsync(app, "h01");
        await using var booker = await BoardListener.StartAsync(app, "m04");
        var host = await app.ClientFor("h02");
        var now = await (await app.ClientFor("gm01")).NowAsync();
        var booking = await (await app.ClientFor("m04")).BookAsync(now.AddHours(1), name: "直播换房");
        var free = await host.FreeRoomsAsync();
        var (from, to) = (free[0], free[1]);
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(booking, from)).StatusCode);
        await desk.WaitForAsync("roomChanged", r => r.Str("number") == from && r.Str("state") == "reserved");

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsJsonAsync($"/api/rooms/{from}/transfer", new { toRoomNumber = to })).StatusCode);
        await desk.WaitForAsync("roomChanged", r => r.Str("number") == from && r.Str("state") == "free");
        await desk.WaitForAsync("roomChanged", r => r.Str("number") == to && r.Str("state") == "reserved" && r.Str("bookingId") == booking.Id());
        await booker.WaitForAsync("bookingChanged", b => b.Id() == booking.Id() && b.Str("roomNumber") == to);
    }
}
