using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Encore.Web.Data;
using Encore.Web.Tests.Bookings;
using Microsoft.EntityFrameworkCore;
using static Encore.Tests.VenueTime;

namespace Encore.Web.Tests.Performance;

/// <summary>
/// A night at the venue on the simulated clock: managers sign in, walk-ins go round the rotation (some managers
/// busy for a while, one late without a call-in passed by all night), booked guests arrive, rooms close with bills,
/// cards are signed or not, and the month's standings count only signed cards.
/// </summary>
public sealed class SimulatedNightTests(SimulatedNightTests.Venue app) : ServerTest(app), IClassFixture<SimulatedNightTests.Venue>
{
    /// <summary>The simulated clock from 17:00, before the managers sign in.</summary>
    public sealed class Venue : SimulatedClockFactory
    {
        protected override DateTimeOffset ClockStart => DateTimeOffset.Parse("2026-11-20T17:00:00+08:00");
    }

    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;
    [Fact]
    public async Task Walk_ins_are_spread_evenly_credit_follows_the_rules_and_months_count_only_signed_cards()
    {
        var gm = await app.ClientFor("gm01");
        var host = await app.ClientFor("h02");
        var cashier = await app.ClientFor("c01");
        var badges = new[] { "m01", "m02", "m03", "m04", "m05", "m06" };
        var managers = new Dictionary<string, HttpClient>();
        foreach (var b in badges) managers[b] = await app.ClientFor(b);

        // 17:55: six managers sign in, in order; m06 at 18:01 is late.
        await gm.SetClockAsync(T("2026-11-20T17:55"));
        foreach (var b in badges.Take(5))
        {
            var signIn = Json(await (await managers[b].PostAsync("/api/attendance/sign-in", null)).Content.ReadAsStringAsync());
            Assert.Equal("2026-11-20", signIn.Str("businessDay"));
            Assert.False(signIn.GetProperty("late").GetBoolean());
        }
        await gm.SetClockAsync(T("2026-11-20T18:01"));
        Assert.True(Json(await (await managers["m06"].PostAsync("/api/attendance/sign-in", null)).Content.ReadAsStringAsync()).GetProperty("late").GetBoolean());
        var queue = await host.GetFromJsonAsync<JsonElement>("/api/rotation");
        Assert.Equal(badges, queue.EnumerateArray().Select(q => q.Str("badge")));
        Assert.Equal(Enumerable.Range(1, 6), queue.EnumerateArray().Select(q => q.GetProperty("position").GetInt32()));

        // A booked guest first: the booking credits its booker, not the rotation.
        await gm.SetClockAsync(T("2026-11-20T19:30"));
        var booking = await managers["m03"].BookAsync(T("2026-11-20T20:00"), name: "包先生", phone: "13100001111");
        var free = await host.FreeRoomsAsync();
        var bookedRoom = free[0];
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(booking, bookedRoom)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/arrive", new { confirmationCode = booking.Str("confirmationCode") })).StatusCode);
        var bookedOpen = Json(await (await host.PostAsJsonAsync($"/api/rooms/{bookedRoom}/open", new { bookingId = booking.Id() })).Content.ReadAsStringAsync());
        Assert.Equal("m03", bookedOpen.Str("managerBadge"));

        // 24 walk-ins; m02 is busy for walk-ins 5 to 12 (with a guest), then available again.
        var given = new List<(string Room, string Badge)>();
        var clock = T("2026-11-20T20:00");
        for (var w = 0; w < 24; w++)
        {
            if (w == 4) await managers["m02"].PostAsJsonAsync("/api/rotation/busy", new { busy = true });
            if (w == 12) await managers["m02"].PostAsJsonAsync("/api/rotation/busy", new { busy = false });
            clock = clock.AddMinutes(5);
            await gm.SetClockAsync(clock);
            var room = free[w + 1];
            var open = await host.PostAsJsonAsync($"/api/rooms/{room}/open", new { walkIn = true, partySize = 4 });
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
            given.Add((room, Json(await open.Content.ReadAsStringAsync()).Str("managerBadge")));
        }

        // While busy m02 got nothing, and kept the place at the front: right after, m02 is next.
        Assert.DoesNotContain(given.Skip(4).Take(8), g => g.Badge == "m02");
        Assert.Equal("m02", given[12].Badge);
        // m06, late without a call-in, lost tonight's booking rights: passed by all night (issue 14).
        Assert.DoesNotContain(given, g => g.Badge == "m06");
        // Those available all night are evened out: counts differ by at most one.
        var counts = given.GroupBy(g => g.Badge).ToDictionary(g => g.Key, g => g.Count());
        var always = badges.Where(b => b is not "m02" and not "m06").Select(b => counts.GetValueOrDefault(b)).ToList();
        Assert.True(always.Max() - always.Min() <= 1, string.Join(",", always));
        Assert.Equal(24, counts.Values.Sum());

        // The night can be replayed: every assignment and every skip, with the queue as it stood.
        var history = (await gm.GetFromJsonAsync<JsonElement>("/api/rotation/history?businessDay=2026-11-20")).EnumerateArray().ToList();
        Assert.Equal(24, history.Count(h => h.Str("kind") == "assigned"));
        var skips = history.Where(h => h.Str("kind") == "skipped").ToList();
        Assert.Equal(["m02", "m06"], skips.Select(s => s.Str("badge")).Distinct().Order());
        Assert.All(skips, s => Assert.Equal(s.Str("badge") == "m02" ? "busy" : "lateNoCallIn", s.Str("reason")));
        Assert.Equal(given.Select(g => g.Badge), history.Where(h => h.Str("kind") == "assigned").Select(h => h.Str("badge")));
        Assert.Equal(given.Select(g => g.Room), history.Where(h => h.Str("kind") == "assigned").Select(h => h.Str("roomNumber")));

        // Rooms close with bills; each credits its manager. (The demo venue's own history is in the month too:
        // compare with the standings before tonight's bills.)
        async Task<Dictionary<string, JsonElement>> Standings() =>
            (await gm.GetFromJsonAsync<JsonElement>("/api/performance?month=2026-11")).EnumerateArray().ToDictionary(s => s.Str("badge"));
        var before = await Standings();
        decimal Delta(Dictionary<string, JsonElement> now, string badge, string field) =>
            now[badge].GetProperty(field).GetDecimal() - before[badge].GetProperty(field).GetDecimal();
        await gm.SetClockAsync(T("2026-11-21T01:30"));
        var spendByBadge = new Dictionary<string, decimal>();
        var all = given.Append((bookedRoom, "m03")).ToList();
        for (var i = 0; i < all.Count; i++)
        {
            var (room, badge) = all[i];
            var spend = 1000m + 10 * i;
            var closed = await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend, discount = 0, roomCharge = 300 });
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
            Assert.Equal(badge, Json(await closed.Content.ReadAsStringAsync()).Str("creditedBadge"));
            spendByBadge[badge] = spendByBadge.GetValueOrDefault(badge) + spend;
        }

        // m01 and m03 sign their cards; the others do not.
        foreach (var b in new[] { "m01", "m03" })
        {
            var card = await managers[b].GetFromJsonAsync<JsonElement>("/api/performance-cards/2026-11-20");
            Assert.Equal(spendByBadge[b], card.GetProperty("spend").GetDecimal());
            Assert.False(card.GetProperty("signed").GetBoolean());
            var signed = await managers[b].PostAsync("/api/performance-cards/2026-11-20/sign", null);
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
            Assert.True(Json(await signed.Content.ReadAsStringAsync()).GetProperty("signed").GetBoolean());
        }

        var standings = await Standings();
        Assert.Equal(spendByBadge["m01"], Delta(standings, "m01", "spend"));
        Assert.Equal(counts["m01"], Delta(standings, "m01", "rooms"));
        Assert.Equal(spendByBadge["m03"], Delta(standings, "m03", "spend"));
        Assert.Equal(0m, Delta(standings, "m04", "spend")); // unsigned: does not count
        Assert.Equal(spendByBadge["m04"], Delta(standings, "m04", "unsignedSpend"));
        Assert.Equal(300000m, standings["m01"].GetProperty("targetSpend").GetDecimal());
        Assert.Equal(decimal.Round(standings["m01"].GetProperty("spend").GetDecimal() / 300000m, 4), standings["m01"].GetProperty("attainment").GetDecimal());

        // After the deadline (end of the next business day: 06:00 on the 22nd) an unsigned card stays unsigned.
        await gm.SetClockAsync(T("2026-11-22T06:00"));
        // A day and a half later the tokens of the evening have expired (14 hours): sign in again.
        gm = await app.ClientFor("gm01");
        managers["m04"] = await app.ClientFor("m04");
        await Problem.Expect(await managers["m04"].PostAsync("/api/performance-cards/2026-11-20/sign", null), HttpStatusCode.Conflict);
        Assert.Equal(0m, Delta(await Standings(), "m04", "spend"));
    }

    [Fact]
    public async Task Nobody_takes_a_walk_in_out_of_turn_and_managers_cannot_touch_the_queue()
    {
        var m07 = await app.ClientFor("m07");
        await Problem.Expect(await m07.PostAsJsonAsync("/api/rotation/busy", new { busy = true }), HttpStatusCode.Conflict); // not signed in
        await Problem.Expect(await m07.PostAsJsonAsync($"/api/rooms/101/open", new { walkIn = true, partySize = 2 }), HttpStatusCode.Forbidden);
        var host = await app.ClientFor("h03");
        await Problem.Expect(await host.PostAsJsonAsync("/api/rotation/busy", new { busy = true }), HttpStatusCode.Forbidden);
    }
}

/// <summary>Walk-ins opened at the same moment from several desks still go round the queue, one each.</summary>
public sealed class SimultaneousWalkInTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task Simultaneous_walk_ins_give_every_available_manager_the_same_number()
    {
        var desks = await Task.WhenAll(new[] { "h01", "h02", "h03", "gm01" }.Select(b => app.ClientFor(b)));
        // At 18:00 the demo venue's managers have signed in for tonight.
        var queue = (await desks[0].GetFromJsonAsync<JsonElement>("/api/rotation")).EnumerateArray().Where(q => q.GetProperty("available").GetBoolean()).ToList();
        Assert.True(queue.Count >= 4, $"{queue.Count} managers in tonight's rotation");
        var rooms = (await desks[0].FreeRoomsAsync()).Take(queue.Count * 2).ToList();

        var answers = await StartingGate.AllAtOnce(rooms.Count, async i =>
        {
            var room = rooms[i];
            return await desks[i % desks.Length].PostAsJsonAsync($"/api/rooms/{room}/open", new { walkIn = true, partySize = 3 });
        });
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var given = await Task.WhenAll(answers.Select(async a => JsonDocument.Parse(await a.Content.ReadAsStringAsync()).RootElement.Str("managerBadge")));
        var counts = given.GroupBy(b => b).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(queue.Select(q => q.Str("badge")).Order(), counts.Keys.Order());
        Assert.All(counts.Values, c => Assert.Equal(2, c));
    }
}
