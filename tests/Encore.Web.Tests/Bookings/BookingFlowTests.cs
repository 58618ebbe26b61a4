using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Encore.Web.Tests.Bookings;

/// <summary>API.md "Bookings" and the desk's room moves, rule by rule (SPEC.md "Bookings").</summary>
public sealed class BookingFlowTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private async Task<(HttpClient Gm, HttpClient Manager, HttpClient Host, DateTimeOffset Now)> Cast(string manager = "m01")
    {
        var gm = await app.ClientFor("gm01");
        return (gm, await app.ClientFor(manager), await app.ClientFor("h02"), await gm.NowAsync());
    }

    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    [Fact]
    public async Task A_manager_books_for_themself_and_gets_the_contract_fields()
    {
        var (_, manager, _, now) = await Cast();
        var response = await manager.PostAsJsonAsync("/api/bookings", new
        {
            customerName = "李总", customerPhone = "138-0013-8001", arrival = now.AddHours(2).ToString("O"), partySize = 8, roomType = "vip", note = "生日",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var booking = Json(await response.Content.ReadAsStringAsync());
        Assert.Equal($"/api/bookings/{booking.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("booked", booking.Status());
        Assert.Equal("m01", booking.Str("bookerBadge"));
        Assert.Equal("营销一部", booking.Str("bookerDepartment"));
        Assert.Equal("13800138001", booking.Str("customerPhone"));
        Assert.Matches("^[A-HJ-NP-Z2-9]{6}$", booking.Str("confirmationCode"));
        Assert.Equal(TimeSpan.FromHours(8), booking.GetProperty("arrival").GetDateTimeOffset().Offset);
        Assert.True(booking.GetProperty("holdUntil").GetDateTimeOffset() > now);

        var fetched = await manager.GetAsync(booking);
        Assert.Equal(booking.Id(), fetched.Id());
        Assert.Equal("created", fetched.GetProperty("history")[0].Str("kind"));
    }

    [Theory]
    [InlineData("customerName", "zh-CN", "customerName", "客人姓名")]
    [InlineData("customerPhone", "zh-CN", "customerPhone", "客人电话")]
    [InlineData("arrival", "zh-CN", "arrival", "到店时间")]
    [InlineData("partySize", "en", "partySize", "Party size")]
    public async Task A_booking_without_a_required_field_is_refused_naming_it(string missing, string language, string field, string label)
    {
        var manager = await app.ClientFor("m03", language: language);
        var now = await (await app.ClientFor("gm01")).NowAsync();
        var body = new Dictionary<string, object?>
        {
            ["customerName"] = "赵先生", ["customerPhone"] = "13900139000", ["arrival"] = now.AddHours(1).ToString("O"), ["partySize"] = 4,
        };
        body.Remove(missing);
        var before = app.With(db => db.Bookings.Count());
        var problem = await Problem.Expect(await manager.PostAsJsonAsync("/api/bookings", body), HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.ErrorFields());
        Assert.Contains(label, problem.Detail());
        Assert.Contains(language == "en" ? "required" : "必填", problem.Detail());
        Assert.Equal(before, app.With(db => db.Bookings.Count()));
    }

    [Theory]
    [InlineData("customerPhone", "12ab", "customerPhone")]
    [InlineData("arrival", "tomorrow-ish", "arrival")]
    [InlineData("arrival", "2020-01-01T20:00:00+08:00", "arrival")]
    [InlineData("partySize", 0, "partySize")]
    [InlineData("roomType", "palace", "roomType")]
    public async Task A_wrong_value_is_refused_naming_its_field(string name, object value, string field)
    {
        var manager = await app.ClientFor("m03");
        var now = await (await app.ClientFor("gm01")).NowAsync();
        var body = new Dictionary<string, object?>
        {
            ["customerName"] = "赵先生", ["customerPhone"] = "13900139000", ["arrival"] = now.AddHours(1).ToString("O"), ["partySize"] = 4,
            [name] = value,
        };
        var problem = await Problem.Expect(await manager.PostAsJsonAsync("/api/bookings", body), HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.ErrorFields());
    }

    [Fact]
    public async Task The_host_desk_books_on_a_managers_behalf_and_only_the_desk_may()
    {
        var (_, manager, host, now) = await Cast("m02");
        var forM02 = await host.BookAsync(now.AddHours(1), bookerBadge: "m02");
        Assert.Equal("m02", forM02.Str("bookerBadge"));
        Assert.Contains((await manager.GetFromJsonAsync<JsonElement>("/api/bookings")).EnumerateArray(), b => b.Id() == forM02.Id());

        var withoutBooker = await host.PostAsJsonAsync("/api/bookings", new { customerName = "x", customerPhone = "13900139000", arrival = now.AddHours(1), partySize = 2 });
        Assert.Equal(["bookerBadge"], (await Problem.Expect(withoutBooker, HttpStatusCode.BadRequest)).ErrorFields());
        var notAManager = await host.PostAsJsonAsync("/api/bookings", new { customerName = "x", customerPhone = "13900139000", arrival = now.AddHours(1), partySize = 2, bookerBadge = "c01" });
        Assert.Equal(["bookerBadge"], (await Problem.Expect(notAManager, HttpStatusCode.BadRequest)).ErrorFields());
        // A party no room holds is refused whether the desk's booker is found or not.
        var crowdForM02 = await host.PostAsJsonAsync("/api/bookings", new { customerName = "x", customerPhone = "13900139000", arrival = now.AddHours(1), partySize = 200, bookerBadge = "m02" });
        Assert.Equal(["partySize"], (await Problem.Expect(crowdForM02, HttpStatusCode.BadRequest)).ErrorFields());
        var crowdForNobody = await host.PostAsJsonAsync("/api/bookings", new { customerName = "x", customerPhone = "13900139000", arrival = now.AddHours(1), partySize = 200, bookerBadge = "c01" });
        Assert.Equal(["bookerBadge", "partySize"], (await Problem.Expect(crowdForNobody, HttpStatusCode.BadRequest)).ErrorFields().Order());

        var otherManager = await manager.PostAsJsonAsync("/api/bookings", new { customerName = "x", customerPhone = "13900139000", arrival = now.AddHours(1), partySize = 2, bookerBadge = "m05" });
        await Problem.Expect(otherManager, HttpStatusCode.Forbidden);
        var cashier = await app.ClientFor("c01");
        await Problem.Expect(await cashier.PostAsJsonAsync("/api/bookings", new { customerName = "x", customerPhone = "13900139000", arrival = now.AddHours(1), partySize = 2 }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Only_the_host_desk_assigns_verifies_and_opens_and_a_manager_sees_only_their_own()
    {
        var (_, manager, host, now) = await Cast("m04");
        var booking = await manager.BookAsync(now.AddHours(1));
        var room = (await host.FreeRoomsAsync())[0];
        await Problem.Expect(await manager.AssignAsync(booking, room), HttpStatusCode.Forbidden);
        await Problem.Expect(await manager.PostAsJsonAsync($"/api/bookings/{booking.Id()}/arrive", new { confirmationCode = booking.Str("confirmationCode") }), HttpStatusCode.Forbidden);
        await Problem.Expect(await manager.PostAsJsonAsync($"/api/rooms/{room}/open", new { walkIn = true, partySize = 2 }), HttpStatusCode.Forbidden);

        var other = await app.ClientFor("m05");
        await Problem.Expect(await other.GetAsync($"/api/bookings/{booking.Id()}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain((await other.GetFromJsonAsync<JsonElement>("/api/bookings")).EnumerateArray(), b => b.Id() == booking.Id());
        await Problem.Expect(await other.PostAsJsonAsync($"/api/bookings/{booking.Id()}/cancel", new { reason = "x" }), HttpStatusCode.NotFound);
        Assert.Equal("booked", (await manager.GetAsync(booking)).Status());
    }

    [Fact]
    public async Task A_late_guest_is_verified_given_a_room_again_and_still_credits_the_booker()
    {
        var (gm, manager, host, now) = await Cast("m06");
        var booking = await manager.BookAsync(now.AddMinutes(30), name: "孙女士", phone: "13612345678");
        var rooms = await host.FreeRoomsAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(booking, rooms[0])).StatusCode);
        await gm.SetClockAsync((await host.GetAsync(booking)).GetProperty("holdUntil").GetDateTimeOffset());
        await DeskClient.EventuallyAsync(() => host.GetAsync(booking), b => b.Status() == "lapsed", "lapse");

        // The room went back to the pool: the late guest needs one again.
        var noRoom = await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/arrive", new { customerName = "孙女士", customerPhone = "136 1234 5678" });
        Assert.Equal(["roomNumber"], (await Problem.Expect(noRoom, HttpStatusCode.BadRequest)).ErrorFields());
        var arrived = await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/arrive", new { customerName = "孙女士", customerPhone = "136 1234 5678", roomNumber = rooms[1] });
        Assert.Equal(HttpStatusCode.OK, arrived.StatusCode);
        var body = Json(await arrived.Content.ReadAsStringAsync());
        Assert.Equal("arrived", body.Status());
        Assert.Equal("m06", body.Str("creditedBadge"));
        Assert.Equal(rooms[1], body.Str("roomNumber"));

        var opened = await host.PostAsJsonAsync($"/api/rooms/{rooms[1]}/open", new { bookingId = booking.Id() });
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("m06", Json(await opened.Content.ReadAsStringAsync()).Str("managerBadge"));
        var board = await host.RoomAsync(rooms[1]);
        Assert.Equal("occupied", board.Str("state"));
        Assert.Equal("m06", board.Str("managerBadge"));
        var kinds = (await host.GetAsync(booking)).GetProperty("history").EnumerateArray().Select(e => e.Str("kind")).ToList();
        Assert.Equal(["created", "assigned", "lapsed", "lateArrival", "opened"], kinds);
    }

    [Fact]
    public async Task A_guest_who_does_not_match_is_refused_and_cheating_is_proposed_once_on_the_booker()
    {
        var (_, manager, host, now) = await Cast("m07");
        var booking = await manager.BookAsync(now.AddHours(1), name: "周先生", phone: "13511112222");
        var wrongPhone = await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/arrive", new { customerName = "周先生", customerPhone = "13599999999", roomNumber = (await host.FreeRoomsAsync())[0] });
        var problem = await Problem.Expect(wrongPhone, HttpStatusCode.Conflict);
        Assert.Contains("作弊", problem.Detail());
        // The same guest again, now with the right code: still not the booking's guest, still one charge.
        await Problem.Expect(await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/arrive",
            new { confirmationCode = booking.Str("confirmationCode"), customerPhone = "13599999999", roomNumber = (await host.FreeRoomsAsync())[0] }), HttpStatusCode.Conflict);

        var violations = await app.WithAsync(db => db.Violations.Where(v => v.BookingId == Guid.Parse(booking.Id())).ToListAsync());
        var cheating = Assert.Single(violations);
        Assert.Equal("cheating", cheating.Kind);
        Assert.Equal(500m, cheating.Amount);
        Assert.Equal(Encore.Domain.ViolationStatus.Proposed, cheating.Status);
        Assert.Equal(app.With(db => db.MainStaff("m07").Id), cheating.StaffId);
        // The evidence text is stored masked; the phone is kept apart for who may read it in full (issue 12, item 2).
        Assert.Contains("135****9999", cheating.Evidence);
        Assert.DoesNotContain("13599999999", cheating.Evidence);
        Assert.Contains("13599999999", cheating.EvidencePhones);
        var after = await host.GetAsync(booking);
        Assert.Equal("booked", after.Status());
        Assert.Equal(2, after.GetProperty("history").EnumerateArray().Count(e => e.Str("kind") == "verificationFailed"));

        var right = await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/arrive", new { confirmationCode = booking.Str("confirmationCode").ToLowerInvariant(), roomNumber = (await host.FreeRoomsAsync())[0] });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task A_booking_cancelled_by_its_booker_gives_no_credit_when_the_guest_comes_later()
    {
        var (_, manager, host, now) = await Cast("m08");
        var booking = await manager.BookAsync(now.AddHours(1), name: "吴先生", phone: "13722223333");
        var room = (await host.FreeRoomsAsync())[0];
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(booking, room)).StatusCode);

        var other = await app.ClientFor("m09");
        await Problem.Expect(await other.PostAsJsonAsync($"/api/bookings/{booking.Id()}/cancel", new { reason = "抢房" }), HttpStatusCode.NotFound);
        var cancelled = await manager.PostAsJsonAsync($"/api/bookings/{booking.Id()}/cancel", new { });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", Json(await cancelled.Content.ReadAsStringAsync()).Status());
        Assert.Equal("free", (await host.RoomAsync(room)).Str("state"));

        var late = await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/arrive", new { confirmationCode = booking.Str("confirmationCode"), roomNumber = room });
        Assert.Contains("散客", (await Problem.Expect(late, HttpStatusCode.Conflict)).Detail());
        var stored = await host.GetAsync(booking);
        Assert.Equal("cancelled", stored.Status());
        Assert.Equal("", stored.Str("creditedBadge"));
        await Problem.Expect(await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/cancel", new { reason = "again" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_desk_cancels_anyones_booking_but_must_say_why()
    {
        var (_, manager, host, now) = await Cast("m09");
        var booking = await manager.BookAsync(now.AddHours(1));
        Assert.Equal(["reason"], (await Problem.Expect(await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/cancel", new { }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/cancel", new { reason = "客人改期" })).StatusCode);
        var history = (await manager.GetAsync(booking)).GetProperty("history").EnumerateArray().Last();
        Assert.Equal("cancelledByDesk", history.Str("kind"));
        Assert.Equal("h02", history.Str("actorBadge"));
        Assert.Equal("客人改期", history.Str("detail"));
    }

    [Fact]
    public async Task A_reserved_room_is_not_opened_before_its_guest_arrives_unless_an_authorised_override_says_why()
    {
        var (_, manager, host, now) = await Cast("m10");
        var booking = await manager.BookAsync(now.AddHours(1));
        var room = (await host.FreeRoomsAsync())[0];
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(booking, room)).StatusCode);

        var early = await host.PostAsJsonAsync($"/api/rooms/{room}/open", new { bookingId = booking.Id() });
        Assert.Contains(room, (await Problem.Expect(early, HttpStatusCode.Conflict)).Detail());
        var walkInIntoIt = await host.PostAsJsonAsync($"/api/rooms/{room}/open", new { walkIn = true, partySize = 3 });
        await Problem.Expect(walkInIntoIt, HttpStatusCode.Conflict);
        // h02 is host desk but not a supervisor: no authority to override.
        await Problem.Expect(await host.PostAsJsonAsync($"/api/rooms/{room}/open", new { bookingId = booking.Id(), overrideReason = "熟客" }), HttpStatusCode.Forbidden);
        Assert.Equal("reserved", (await host.RoomAsync(room)).Str("state"));

        var supervisor = await app.ClientFor("h01");
        var overridden = await supervisor.PostAsJsonAsync($"/api/rooms/{room}/open", new { bookingId = booking.Id(), overrideReason = "总经理同意：客人在路上" });
        Assert.Equal(HttpStatusCode.OK, overridden.StatusCode);
        var entry = (await host.GetAsync(booking)).GetProperty("history").EnumerateArray().Single(e => e.Str("kind") == "override");
        Assert.Equal("h01", entry.Str("actorBadge"));
        Assert.Contains("客人在路上", entry.Str("detail"));
        Assert.True(app.With(db => db.AuditEntries.Any(a => a.Action == "room.openOverride" && a.ActorBadge == "h01")));
    }

    [Fact]
    public async Task A_room_moves_from_open_to_transfer_to_close_and_cleaning_ends_by_itself()
    {
        var (gm, manager, host, now) = await Cast("m11");
        var booking = await manager.BookAsync(now.AddHours(1), name: "郑先生", phone: "13344445555");
        var rooms = await host.FreeRoomsAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(booking, rooms[0])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/arrive", new { customerName = "郑先生", customerPhone = "13344445555" })).StatusCode);
        var opened = Json(await (await host.PostAsJsonAsync($"/api/rooms/{rooms[0]}/open", new { bookingId = booking.Id() })).Content.ReadAsStringAsync());

        var transfer = await host.PostAsJsonAsync($"/api/rooms/{rooms[0]}/transfer", new { toRoomNumber = rooms[1] });
        Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);
        Assert.Equal("cleaning", (await host.RoomAsync(rooms[0])).Str("state"));
        var moved = await host.RoomAsync(rooms[1]);
        Assert.Equal("occupied", moved.Str("state"));
        Assert.Equal(opened.Str("sessionId"), moved.Str("sessionId"));

        await Problem.Expect(await host.PostAsJsonAsync($"/api/rooms/{rooms[1]}/close", new { spend = 1000, discount = 300 }), HttpStatusCode.Forbidden);
        var cashier = await app.ClientFor("c01");
        var closed = await cashier.PostAsJsonAsync($"/api/rooms/{rooms[1]}/close", new { spend = 2680.50, discount = 100, comps = new[] { new { item = "果盘", value = 88 } } });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var bill = Json(await closed.Content.ReadAsStringAsync());
        Assert.Equal("m11", bill.Str("creditedBadge"));
        Assert.Equal(2680.50m, bill.GetProperty("spend").GetDecimal());
        Assert.Equal("completed", (await host.GetAsync(booking)).Status());
        Assert.Equal("cleaning", (await host.RoomAsync(rooms[1])).Str("state"));

        // Cleaning ends after the house-rule minutes (15) on the clock; a desk may also end it at once.
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync($"/api/rooms/{rooms[0]}/release", null)).StatusCode);
        Assert.Equal("free", (await host.RoomAsync(rooms[0])).Str("state"));
        var now2 = await gm.NowAsync();
        await gm.SetClockAsync(now2.AddMinutes(14));
        await app.SweptThroughNowAsync();
        Assert.Equal("cleaning", (await host.RoomAsync(rooms[1])).Str("state"));
        await gm.SetClockAsync(now2.AddMinutes(15));
        await DeskClient.EventuallyAsync(() => host.RoomAsync(rooms[1]), r => r.Str("state") == "free", "cleaning done");
    }

    [Fact]
    public async Task A_booking_and_its_history_cannot_be_deleted_even_in_the_database()
    {
        var (_, manager, _, now) = await Cast("m12");
        var booking = await manager.BookAsync(now.AddHours(1));
        var id = Guid.Parse(booking.Id());
        DatabaseRefusal.Assert(await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => app.WithAsync(db => db.Bookings.Where(b => b.Id == id).ExecuteDeleteAsync())),
            sqlite: "bookings are never deleted", postgres: "bookings keeps its history: DELETE refused");
        DatabaseRefusal.Assert(await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => app.WithAsync(db => db.BookingEvents.Where(e => e.BookingId == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Detail, "rewritten")))),
            sqlite: "booking_events is append-only", postgres: "booking_events keeps its history: UPDATE refused");
        Assert.Equal(1, app.With(db => db.Bookings.Count(b => b.Id == id)));
        Assert.Equal("", app.With(db => db.BookingEvents.Single(e => e.BookingId == id).Detail));
    }
}
