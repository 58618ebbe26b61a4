using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;
using static Encore.Tests.VenueTime;

namespace Encore.Web.Tests;

/// <summary>
/// A house rule changed through PUT /api/house-rules changes what Encore does, not only what it reports: hold
/// windows, the cheating fine, the tip escalation and a manager's authority (at exactly the limit and one fen above).
/// Each value differs from its SPEC default, so a rule read from a constant instead of the venue's rules fails here.
/// </summary>
public sealed class HouseRulesInEffectTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    private async Task Rules(object change)
    {
        var put = await (await app.ClientFor("gm01")).PutAsJsonAsync("/api/house-rules", change);
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
    }

    /// <summary>A booking of <paramref name="badge"/>, assigned, arrived and opened: the room number and the booking.</summary>
    private async Task<(string Room, JsonElement Booking)> OpenBookedRoomAsync(string badge)
    {
        var host = await app.ClientFor("h02");
        var now = await (await app.ClientFor("gm01")).NowAsync();
        var booking = await (await app.ClientFor(badge)).BookAsync(now.AddMinutes(30));
        var room = (await host.FreeRoomsAsync()).Last();
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(booking, room)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/arrive", new { confirmationCode = booking.Str("confirmationCode") })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsJsonAsync($"/api/rooms/{room}/open", new { bookingId = booking.Id() })).StatusCode);
        return (room, booking);
    }

    [Fact]
    public async Task Of_changes_saved_while_the_training_clock_stands_still_the_last_saved_is_in_force()
    {
        // One frozen instant: every version is effective from it, and only the order of saving tells them apart.
        var gm = await app.ClientFor("gm01");
        foreach (var minutes in new[] { 21, 17, 19, 16 })
        {
            await Rules(new { bookings = new { cleaningMinutes = minutes } });
            var inForce = await gm.GetFromJsonAsync<JsonElement>("/api/house-rules");
            Assert.Equal(minutes, inForce.GetProperty("bookings").GetProperty("cleaningMinutes").GetInt32());
        }
        var versions = await gm.GetFromJsonAsync<JsonElement>("/api/house-rules/history");
        var stamps = versions.EnumerateArray().Select(v => v.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(stamps.Count, stamps.Distinct().Count());
    }

    [Fact]
    public async Task Changed_hold_windows_decide_the_hold_of_the_next_assignment()
    {
        await Rules(new { bookings = new { earlyHoldUntil = "21:10", standardHoldMinutes = 25, lateHoldMinutes = 35 } });
        var manager = await app.ClientFor("m08");
        var host = await app.ClientFor("h02");
        var rooms = await host.FreeRoomsAsync();
        // 18:00 now. Early (before 20:45) → held to the new 21:10; 21:30 → 25 minutes; 23:00 (after 22:45) → 35 minutes.
        var cases = new[] { ("2026-11-20T20:00", "2026-11-20T21:10"), ("2026-11-20T21:30", "2026-11-20T21:55"), ("2026-11-20T23:00", "2026-11-20T23:35") };
        for (var i = 0; i < cases.Length; i++)
        {
            var (arrival, holdUntil) = cases[i];
            var booking = await manager.BookAsync(T(arrival));
            var assigned = Json(await (await host.AssignAsync(booking, rooms[i])).Content.ReadAsStringAsync());
            Assert.Equal(T(holdUntil), assigned.GetProperty("holdUntil").GetDateTimeOffset());
        }
    }

    [Fact]
    public async Task A_changed_cheating_fine_is_what_a_mismatch_costs_the_booker()
    {
        await Rules(new { bookings = new { cheatingFine = 800 } });
        var host = await app.ClientFor("h02");
        var now = await (await app.ClientFor("gm01")).NowAsync();
        var booking = await (await app.ClientFor("m09")).BookAsync(now.AddMinutes(30), name: "孔先生");
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(booking, (await host.FreeRoomsAsync())[0])).StatusCode);
        await Problem.Expect(await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/arrive", new { customerName = "别人", customerPhone = "13000000000" }), HttpStatusCode.Conflict);
        var violations = await (await app.ClientFor("fm01")).GetFromJsonAsync<JsonElement>("/api/violations?badge=m09");
        var cheating = Assert.Single(violations.EnumerateArray(), v => v.Str("type") == "cheating" && v.Str("businessDay") == booking.Str("businessDay"));
        Assert.Equal(800m, cheating.GetProperty("fine").GetDecimal());
    }

    [Fact]
    public async Task Changed_tip_multipliers_set_each_offences_fine_and_when_dismissal_comes()
    {
        await Rules(new { fines = new { tipMultipliers = new[] { 3, 6, 9 } } });
        // A new manager, so the demo history holds no earlier offence of theirs.
        Assert.Equal(HttpStatusCode.Created, (await (await app.ClientFor("gm01")).PostAsJsonAsync("/api/staff",
            new { badge = "m90", name = "新经理", password = "manager123", roles = new[] { "manager" }, department = "营销二部" })).StatusCode);
        var floor = await app.ClientFor("fm01");
        var fines = new List<JsonElement>();
        foreach (var tip in new[] { 100, 100, 100, 100 })
        {
            var raised = await floor.PostAsJsonAsync("/api/violations", new { badge = "m90", type = "tips", tip, evidence = "索要小费", shared = false });
            Assert.True(raised.StatusCode == HttpStatusCode.Created, await raised.Content.ReadAsStringAsync());
            fines.Add(Json(await raised.Content.ReadAsStringAsync()).EnumerateArray().Single());
        }
        Assert.Equal([300m, 600m, 900m], fines.Take(3).Select(f => f.GetProperty("fine").GetDecimal()));
        Assert.All(fines.Take(3), f => Assert.False(f.GetProperty("dismissal").GetBoolean()));
        Assert.True(fines[3].GetProperty("dismissal").GetBoolean());
    }

    [Fact]
    public async Task A_managers_changed_authority_holds_at_exactly_the_limit_and_not_one_fen_above()
    {
        await Rules(new { authority = new { manager = new { maxDiscountRate = 0.15, maxCompValue = 150 } } });
        var (room, _) = await OpenBookedRoomAsync("m11");
        var cashier = await app.ClientFor("c01");

        var discountAbove = await Problem.Expect(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 1000, discount = 150.01 }), HttpStatusCode.Forbidden);
        Assert.EndsWith("/authority.discountNeedsApproval", discountAbove.GetProperty("type").GetString());
        var compsAbove = await Problem.Expect(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close",
            new { spend = 1000, discount = 150, comps = new[] { new { item = "果盘", value = 150.01 } } }), HttpStatusCode.Forbidden);
        Assert.EndsWith("/authority.compsNeedApproval", compsAbove.GetProperty("type").GetString());
        Assert.Equal("occupied", (await cashier.RoomAsync(room)).Str("state"));

        var atTheLimit = await cashier.PostAsJsonAsync($"/api/rooms/{room}/close",
            new { spend = 1000, discount = 150, comps = new[] { new { item = "果盘", value = 150 } } });
        Assert.True(atTheLimit.StatusCode == HttpStatusCode.OK, await atTheLimit.Content.ReadAsStringAsync());
        var bill = Json(await atTheLimit.Content.ReadAsStringAsync());
        Assert.Equal("m11", bill.Str("creditedBadge"));
        var sessionId = Guid.Parse(bill.Str("sessionId"));
        var stored = app.With(db => db.RoomSessions.Single(s => s.Id == sessionId));
        Assert.Equal((150m, 150m, 1000m), (stored.Discount, stored.CompsValue, stored.Spend));
    }
}
