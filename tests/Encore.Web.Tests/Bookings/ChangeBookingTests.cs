using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Encore.Tests.VenueTime;

namespace Encore.Web.Tests.Bookings;

/// <summary>
/// Issue 14, changing a booking (PATCH /api/bookings/{id}): by its booker or the desk, kept in its history, audited,
/// validated as a new booking, and never stretching the hold. The clock stands at 18:00 on 2026-11-20 (Shanghai)
/// and is not moved here (<see cref="ChangeBookingStateTests"/> moves it).
/// </summary>
public sealed class ChangeBookingTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, JsonElement booking, object body) =>
        client.PatchAsJsonAsync($"/api/bookings/{booking.Id()}", body);

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task A_later_arrival_keeps_the_hold_it_had_and_one_at_the_hold_is_refused()
    {
        var manager = await app.ClientFor("m01");
        // 21:00 is in the standard window: held 20 minutes, until 21:20.
        var booking = await manager.BookAsync(T("2026-11-20T21:00"));
        Assert.Equal(T("2026-11-20T21:20"), booking.GetProperty("holdUntil").GetDateTimeOffset());

        // 21:19: the rules alone would hold it until 21:39; editing never stretches a hold, so it stays 21:20.
        var later = await OkAsync(await ChangeAsync(manager, booking, new { arrival = "2026-11-20T21:19" }));
        Assert.Equal(T("2026-11-20T21:19"), later.GetProperty("arrival").GetDateTimeOffset());
        Assert.Equal(T("2026-11-20T21:20"), later.GetProperty("holdUntil").GetDateTimeOffset());

        // 21:20: the booking would lapse the moment its guest is due: refused, naming the hold, nothing changed.
        var refused = await Problem.Expect(await ChangeAsync(manager, booking, new { arrival = "2026-11-20T21:20" }), HttpStatusCode.Conflict);
        Assert.Contains("21:20", refused.Detail());
        Assert.Equal(T("2026-11-20T21:19"), (await manager.GetAsync(booking)).GetProperty("arrival").GetDateTimeOffset());

        // Earlier shrinks the hold by the rules (20:50 → 21:10); moving back later cannot win the 21:20 back.
        var earlier = await OkAsync(await ChangeAsync(manager, booking, new { arrival = "2026-11-20T20:50" }));
        Assert.Equal(T("2026-11-20T21:10"), earlier.GetProperty("holdUntil").GetDateTimeOffset());
        var back = await OkAsync(await ChangeAsync(manager, booking, new { arrival = "2026-11-20T21:09" }));
        Assert.Equal(T("2026-11-20T21:10"), back.GetProperty("holdUntil").GetDateTimeOffset());
        await Problem.Expect(await ChangeAsync(manager, booking, new { arrival = "2026-11-20T21:10" }), HttpStatusCode.Conflict);

        // Another night is another booking: moving it to tomorrow would stretch the hold by a day.
        await Problem.Expect(await ChangeAsync(manager, booking, new { arrival = "2026-11-21T20:00" }), HttpStatusCode.Conflict);

        var history = (await manager.GetAsync(booking)).GetProperty("history").EnumerateArray().Where(e => e.Str("kind") == "changed").ToList();
        Assert.Equal(3, history.Count);
        Assert.All(history, e => Assert.Equal("m01", e.Str("actorBadge")));
        Assert.Contains("21:00 → 21:19", history[0].Str("detail"));
        Assert.Contains("21:20 → 21:10", history[1].Str("detail"));
    }

    [Fact]
    public async Task An_early_booking_keeps_its_2100_hold_and_an_assigned_one_counts_from_its_assignment()
    {
        var manager = await app.ClientFor("m03");
        var host = await app.ClientFor("h02");
        // Before 20:45 every arrival is held until 21:00; 20:45 starts the 20-minute window (20:45 → 21:05), capped at 21:00.
        var early = await manager.BookAsync(T("2026-11-20T20:00"));
        var moved = await OkAsync(await ChangeAsync(manager, early, new { arrival = "2026-11-20T20:44" }));
        Assert.Equal(T("2026-11-20T21:00"), moved.GetProperty("holdUntil").GetDateTimeOffset());
        var window = await OkAsync(await ChangeAsync(manager, early, new { arrival = "2026-11-20T20:45" }));
        Assert.Equal(T("2026-11-20T21:00"), window.GetProperty("holdUntil").GetDateTimeOffset());

        // Assigned at 18:00 for 22:00: held until 22:20; moving to 21:30 recomputes from the later of arrival and assignment.
        var assigned = await manager.BookAsync(T("2026-11-20T22:00"));
        var room = (await host.FreeRoomsAsync())[0];
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(assigned, room)).StatusCode);
        var changed = await OkAsync(await ChangeAsync(host, assigned, new { arrival = "2026-11-20T21:30", note = "生日" }));
        Assert.Equal("assigned", changed.Status());
        Assert.Equal(T("2026-11-20T21:50"), changed.GetProperty("holdUntil").GetDateTimeOffset());
        Assert.Equal("生日", changed.Str("note"));
        Assert.Equal(room, changed.Str("roomNumber"));
        var entry = (await host.GetAsync(assigned)).GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("changed", "h02", room), (entry.Str("kind"), entry.Str("actorBadge"), entry.Str("roomNumber")));

        // The room it holds must still seat the party: the desk transfers it first.
        var capacity = (await host.RoomAsync(room)).GetProperty("capacity").GetInt32();
        var tooMany = await Problem.Expect(await ChangeAsync(host, assigned, new { partySize = capacity + 1 }), HttpStatusCode.Conflict);
        Assert.Contains(room, tooMany.Detail());
        Assert.Equal(6, (await host.GetAsync(assigned)).GetProperty("partySize").GetInt32());
        await OkAsync(await ChangeAsync(host, assigned, new { partySize = capacity }));
    }

    [Fact]
    public async Task The_booker_and_the_desk_may_change_it_nobody_else()
    {
        var booking = await (await app.ClientFor("m04")).BookAsync(T("2026-11-20T22:00"));
        // Another manager does not see it at all; the floor manager sees it but follows, not takes, bookings.
        await Problem.Expect(await ChangeAsync(await app.ClientFor("m05"), booking, new { partySize = 4 }), HttpStatusCode.NotFound);
        await Problem.Expect(await ChangeAsync(await app.ClientFor("fm01"), booking, new { partySize = 4 }), HttpStatusCode.Forbidden);
        var byDesk = await OkAsync(await ChangeAsync(await app.ClientFor("h02"), booking, new { partySize = 4, roomType = "small" }));
        Assert.Equal((4, "small"), (byDesk.GetProperty("partySize").GetInt32(), byDesk.Str("roomType")));

        var gm = await app.ClientFor("gm01");
        var audit = (await gm.GetFromJsonAsync<JsonElement>("/api/audit?action=booking.change")).EnumerateArray()
            .Where(e => e.Str("entityType") == "Booking" && e.Str("entityId") == booking.Id()).ToList();
        var only = Assert.Single(audit);
        Assert.Equal("h02", only.Str("actorBadge"));
        Assert.Contains("\"PartySize\":4", only.Str("after"));
    }

    [Fact]
    public async Task Bad_changes_are_refused_like_a_new_booking_naming_the_field_and_change_nothing()
    {
        var manager = await app.ClientFor("m06");
        var booking = await manager.BookAsync(T("2026-11-20T22:00"));
        var largest = (await manager.GetFromJsonAsync<JsonElement>("/api/rooms")).EnumerateArray().Max(r => r.GetProperty("capacity").GetInt32());
        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { partySize = 0 }, "partySize"),
                     (new { partySize = largest + 1 }, "partySize"),
                     (new { arrival = "tomorrow-ish" }, "arrival"),
                     (new { arrival = "2026-11-20T17:44" }, "arrival"), // more than 15 minutes in the past
                     (new { arrival = "2027-03-01T21:00" }, "arrival"), // beyond 60 days
                     (new { note = new string('x', 501) }, "note"),
                     (new { }, "arrival"),
                 })
        {
            var problem = await Problem.Expect(await ChangeAsync(manager, booking, body), HttpStatusCode.BadRequest);
            Assert.Contains(field, problem.ErrorFields());
        }
        var unchanged = await manager.GetAsync(booking);
        Assert.Equal((6, T("2026-11-20T22:00")), (unchanged.GetProperty("partySize").GetInt32(), unchanged.GetProperty("arrival").GetDateTimeOffset()));
        Assert.DoesNotContain(unchanged.GetProperty("history").EnumerateArray(), e => e.Str("kind") == "changed");
    }
}

/// <summary>Only a booking whose guest is still to come changes: arrived, cancelled and lapsed ones are history (409 naming the state).</summary>
public sealed class ChangeBookingStateTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task Arrived_cancelled_and_lapsed_bookings_cannot_change()
    {
        var manager = await app.ClientFor("m07");
        var host = await app.ClientFor("h02");
        var gm = await app.ClientFor("gm01");
        var arrived = await manager.BookAsync(T("2026-11-20T18:30"));
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsJsonAsync($"/api/bookings/{arrived.Id()}/arrive", new { confirmationCode = arrived.Str("confirmationCode"), roomNumber = (await host.FreeRoomsAsync())[0] })).StatusCode);
        var cancelled = await manager.BookAsync(T("2026-11-20T22:00"));
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsJsonAsync($"/api/bookings/{cancelled.Id()}/cancel", new { reason = "" })).StatusCode);
        var lapsing = await manager.BookAsync(T("2026-11-20T20:00")); // held until 21:00

        // One second before the hold runs out it still changes; at 21:00 it has lapsed and does not.
        await gm.SetClockAsync(T("2026-11-20T20:59:59"));
        await app.SweptThroughNowAsync();
        Assert.Equal(HttpStatusCode.OK, (await manager.PatchAsJsonAsync($"/api/bookings/{lapsing.Id()}", new { partySize = 5 })).StatusCode);
        await gm.SetClockAsync(T("2026-11-20T21:00"));
        await app.SweptThroughNowAsync();

        foreach (var (booking, state) in new[] { (arrived, "已到店"), (cancelled, "已取消"), (lapsing, "已过时") })
        {
            var problem = await Problem.Expect(await manager.PatchAsJsonAsync($"/api/bookings/{booking.Id()}", new { partySize = 3 }), HttpStatusCode.Conflict);
            Assert.Contains(state, problem.Detail());
        }
        Assert.Equal(5, (await manager.GetAsync(lapsing)).GetProperty("partySize").GetInt32());
    }
}
