using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Bookings;
using static Encore.Tests.VenueTime;

namespace Encore.Web.Tests.Bookings;

/// <summary>
/// Issue 14, room quotas (SPEC.md "Walk-in rotation": the rooms left after pre-booking may be shared evenly as
/// quotas), on the simulated clock: off by default; turned on by the house rule, split at the pre-shift meeting
/// (19:00) among the managers in the rotation; the last booking within the quota passes, the next is refused
/// naming the quota until a floor manager approves more.
/// </summary>
public sealed class RoomQuotaTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static readonly string[] Types = ["small", "medium", "large", "vip", "party"];

    [Fact]
    public void The_remainder_goes_by_rotation_order_and_the_turn_carries_from_type_to_type()
    {
        // 5 small among 3: 1 each, 2 over → the 1st and 2nd; 7 medium: 2 each, 1 over → the 3rd (the turn went on);
        // 1 large: the 1st again; 0 VIP: nobody.
        var split = RoomQuotas.Split([5, 7, 1, 0], 3);
        Assert.Equal([2, 2, 1], split[0]);
        Assert.Equal([2, 2, 3], split[1]);
        Assert.Equal([1, 0, 0], split[2]);
        Assert.Equal([0, 0, 0], split[3]);
        Assert.Empty(RoomQuotas.Split([4], 0)[0]);
    }

    /// <summary>A booking for tonight at 22:00 (counted against the quota once it is split) for a new phone.</summary>
    internal static Task<HttpResponseMessage> BookAsync(HttpClient manager, string type, int party = 4) =>
        manager.PostAsJsonAsync("/api/bookings", new
        {
            customerName = "配额客", customerPhone = DeskClient.NewPhone(), arrival = "2026-11-20T22:00", partySize = party, roomType = type,
        });

    private static JsonElement Manager(JsonElement quotas, string badge) =>
        quotas.GetProperty("managers").EnumerateArray().Single(m => m.Str("badge") == badge);

    private static JsonElement TypeOf(JsonElement manager, string type) =>
        manager.GetProperty("types").EnumerateArray().Single(t => t.Str("roomType") == type);

    [Fact]
    public async Task Split_at_the_meeting_booked_to_the_last_room_then_approved_by_the_floor()
    {
        var gm = await app.ClientFor("gm01");
        var floor = await app.ClientFor("fm01");
        var m10 = await app.ClientFor("m10");
        var m11 = await app.ClientFor("m11");
        var m12 = await app.ClientFor("m12");
        foreach (var m in new[] { m10, m11, m12 })
            Assert.True((await m.PostAsync("/api/attendance/sign-in", null)).IsSuccessStatusCode);

        // Off by default (SPEC: "may"): nothing is split, a booking after the meeting is not counted.
        var off = await m10.GetFromJsonAsync<JsonElement>("/api/quotas");
        Assert.False(off.GetProperty("enabled").GetBoolean());
        var put = await gm.PutAsJsonAsync("/api/house-rules", new { bookings = new { roomQuotas = true } });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());

        // Booked before the meeting: a pre-booked room, not part of anyone's quota.
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(m10, "party")).StatusCode);
        await gm.SetClockAsync(T("2026-11-20T18:59:59"));
        var before = await m10.GetFromJsonAsync<JsonElement>("/api/quotas");
        Assert.True(before.GetProperty("enabled").GetBoolean());
        Assert.False(before.GetProperty("split").GetBoolean());
        Assert.Empty(before.GetProperty("managers").EnumerateArray());

        await gm.SetClockAsync(T("2026-11-20T19:00"));
        var quotas = await m10.GetFromJsonAsync<JsonElement>("/api/quotas");
        Assert.True(quotas.GetProperty("split").GetBoolean());
        var managers = quotas.GetProperty("managers").EnumerateArray().ToList();
        var order = managers.Select(m => m.Str("badge")).ToList();
        // The managers in the rotation at the meeting, in rotation order: the order they joined it (signing in), a tie by badge.
        var joined = (await m10.GetFromJsonAsync<JsonElement>("/api/rotation/history")).EnumerateArray()
            .Where(e => e.Str("kind") == "joined" && e.GetProperty("at").GetDateTimeOffset() <= T("2026-11-20T19:00"))
            .OrderBy(e => e.GetProperty("at").GetDateTimeOffset()).ThenBy(e => e.Str("badge"), StringComparer.Ordinal)
            .Select(e => e.Str("badge")).Distinct().ToList();
        Assert.Equal(joined, order);
        Assert.Contains("m11", order);
        var party = quotas.GetProperty("rooms").EnumerateArray().Single(r => r.Str("roomType") == "party");
        Assert.True(party.GetProperty("preBooked").GetInt32() >= 1);
        Assert.Equal(party.GetProperty("rooms").GetInt32() - party.GetProperty("preBooked").GetInt32(), party.GetProperty("unbooked").GetInt32());

        // Every type's unbooked rooms are all shared out, evenly (no one has two more than another), the extra
        // rooms going to those earlier in the rotation, the turn carried over from type to type.
        var turn = 0;
        foreach (var type in Types)
        {
            var unbooked = quotas.GetProperty("rooms").EnumerateArray().Single(r => r.Str("roomType") == type).GetProperty("unbooked").GetInt32();
            var shares = managers.Select(m => TypeOf(m, type).GetProperty("quota").GetInt32()).ToList();
            Assert.Equal(unbooked, shares.Sum());
            var (each, rest) = (unbooked / managers.Count, unbooked % managers.Count);
            for (var i = 0; i < managers.Count; i++)
                Assert.Equal(each + ((i - turn + managers.Count) % managers.Count < rest ? 1 : 0), shares[i]);
            turn = (turn + rest) % managers.Count;
        }

        // m11 books to the last room of the type they have fewest of (but some), and one more is refused, naming it.
        var mine = Manager(quotas, "m11");
        var type11 = mine.GetProperty("types").EnumerateArray().Where(t => t.GetProperty("quota").GetInt32() > 0)
            .OrderBy(t => t.GetProperty("quota").GetInt32()).First();
        var name = type11.Str("roomType");
        var quota = type11.GetProperty("quota").GetInt32();
        for (var i = 0; i < quota; i++)
        {
            var booked = await BookAsync(m11, name);
            Assert.True(booked.StatusCode == HttpStatusCode.Created, $"booking {i + 1} of {quota}: {await booked.Content.ReadAsStringAsync()}");
        }
        var after = Manager(await m11.GetFromJsonAsync<JsonElement>("/api/quotas"), "m11");
        Assert.Equal((quota, 0), (TypeOf(after, name).GetProperty("booked").GetInt32(), TypeOf(after, name).GetProperty("left").GetInt32()));
        var beyond = await Problem.Expect(await BookAsync(m11, name), HttpStatusCode.Conflict);
        Assert.Contains("m11", beyond.Detail());
        Assert.Contains($"{quota}", beyond.Detail());
        // Another type still has room; the refused booking wrote nothing.
        Assert.Equal(quota, TypeOf(Manager(await m11.GetFromJsonAsync<JsonElement>("/api/quotas"), "m11"), name).GetProperty("booked").GetInt32());

        // A manager cannot approve rooms; a floor manager approves one more, audited; then the booking passes.
        Assert.Equal(HttpStatusCode.Forbidden, (await m10.PostAsJsonAsync("/api/quotas/grants", new { badge = "m11", roomType = name, rooms = 1, reason = "老客户" })).StatusCode);
        var missing = await Problem.Expect(await floor.PostAsJsonAsync("/api/quotas/grants", new { badge = "m11", roomType = name, rooms = 0 }), HttpStatusCode.BadRequest);
        Assert.Contains("rooms", missing.ErrorFields());
        Assert.Contains("reason", missing.ErrorFields());
        var grant = await floor.PostAsJsonAsync("/api/quotas/grants", new { badge = "m11", roomType = name, rooms = 1, reason = "老客户生日" });
        Assert.Equal(HttpStatusCode.Created, grant.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(m11, name)).StatusCode);
        await Problem.Expect(await BookAsync(m11, name), HttpStatusCode.Conflict);
        var audit = (await gm.GetFromJsonAsync<JsonElement>("/api/audit?action=quota.grant")).EnumerateArray().ToList();
        Assert.Contains(audit, e => e.Str("actorBadge") == "fm01" && e.Str("summary").Contains("老客户生日") && e.Str("subject").Contains("m11"));

        // A booking for another night is not tonight's quota.
        var tomorrow = await m11.PostAsJsonAsync("/api/bookings", new { customerName = "明天客", customerPhone = DeskClient.NewPhone(), arrival = "2026-11-21T21:00", partySize = 4, roomType = name });
        Assert.Equal(HttpStatusCode.Created, tomorrow.StatusCode);
    }
}
