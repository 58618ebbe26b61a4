using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using static Encore.Tests.VenueTime;

namespace Encore.Web.Tests.Bookings;

/// <summary>
/// SPEC.md "Bookings", hold windows, through the API and the simulated clock: bookings made at 18:00 on the
/// night of 2026-11-20 (Shanghai), the clock stepped to each boundary and one second before it.
/// </summary>
public sealed class HoldWindowTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    /// <summary>
    /// These rows reach past the default closing time (02:00) up to the 06:00 cut-off, where an arrival is refused
    /// (issue 13): the venue here stays open until the cut-off, so the hold windows are tested across the whole night.
    /// </summary>
    private static async Task OpenUntilTheCutoffAsync(HttpClient gm)
    {
        var put = await gm.PutAsJsonAsync("/api/house-rules", new { businessDay = new { closesAt = "06:00:00" } });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
    }

    private sealed record Row(string Name, string Arrival, string? AssignAt, string HoldUntil);

    private static readonly Row[] Table =
    [
        new("A", "2026-11-20T20:44", "2026-11-20T18:00", "2026-11-20T21:00"),
        new("H", "2026-11-20T20:30", null, "2026-11-20T21:00"), // never given a room: lapses all the same
        new("B", "2026-11-20T20:45", "2026-11-20T18:00", "2026-11-20T21:05"),
        new("C", "2026-11-20T20:46", "2026-11-20T18:00", "2026-11-20T21:06"),
        new("D", "2026-11-20T20:46", "2026-11-20T21:00", "2026-11-20T21:20"), // assigned after arrival: 20 min from then
        new("E", "2026-11-20T22:45", "2026-11-20T18:00", "2026-11-20T23:05"),
        new("F", "2026-11-20T22:46", "2026-11-20T18:00", "2026-11-20T23:06"),
        new("G", "2026-11-21T05:50", "2026-11-20T18:00", "2026-11-21T06:10"), // crosses the 06:00 cut-off, still the 20th's
    ];

    [Fact]
    public async Task Each_booking_lapses_exactly_at_the_end_of_its_hold_and_not_a_second_before()
    {
        var gm = await app.ClientFor("gm01");
        var manager = await app.ClientFor("m01");
        var host = await app.ClientFor("h02");
        Assert.Equal(T("2026-11-20T18:00"), await gm.NowAsync());
        await OpenUntilTheCutoffAsync(gm);

        var free = await host.FreeRoomsAsync();
        var bookings = new Dictionary<string, JsonElement>();
        var rooms = new Dictionary<string, string>();
        foreach (var row in Table)
        {
            var booking = await manager.BookAsync(T(row.Arrival), name: "客人" + row.Name, phone: "1390000000" + (row.Name[0] - 'A'));
            Assert.Equal("booked", booking.Status());
            Assert.Equal("2026-11-20", booking.Str("businessDay"));
            bookings[row.Name] = booking;
            rooms[row.Name] = free[bookings.Count - 1];
        }

        foreach (var row in Table.Where(r => r.AssignAt == "2026-11-20T18:00"))
        {
            var assigned = await host.AssignAsync(bookings[row.Name], rooms[row.Name]);
            Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
            var body = JsonDocument.Parse(await assigned.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("assigned", body.Status());
            Assert.Equal(T(row.HoldUntil), body.GetProperty("holdUntil").GetDateTimeOffset());
            Assert.Equal("reserved", (await host.RoomAsync(rooms[row.Name])).Str("state"));
        }

        // Every boundary, and one second before it, in the order the clock passes them.
        var checkpoints = Table.Select(r => T(r.HoldUntil)).Distinct()
            .SelectMany(t => new[] { t.AddSeconds(-1), t })
            .Append(T("2026-11-20T21:00")).Distinct().Order().ToList();
        foreach (var now in checkpoints)
        {
            await gm.SetClockAsync(now);
            if (now == T("2026-11-20T21:00"))
            {
                var d = Table.Single(r => r.Name == "D");
                var late = await host.AssignAsync(bookings["D"], rooms["D"]);
                Assert.Equal(HttpStatusCode.OK, late.StatusCode);
                Assert.Equal(T(d.HoldUntil), JsonDocument.Parse(await late.Content.ReadAsStringAsync()).RootElement.GetProperty("holdUntil").GetDateTimeOffset());
            }

            // Everything due by now has been swept: what lapsed is lapsed, and what did not lapse never will at this instant.
            await app.SweptThroughNowAsync();
            var due = Table.Where(r => T(r.HoldUntil) <= now).ToList();
            foreach (var row in due)
            {
                var lapsed = await host.GetAsync(bookings[row.Name]);
                Assert.True(lapsed.Status() == "lapsed", $"{row.Name} at {now:HH:mm:ss} is {lapsed.Status()}, its hold ran to {row.HoldUntil}");
                Assert.Contains(lapsed.GetProperty("history").EnumerateArray(), e => e.Str("kind") == "lapsed" && e.Str("actorBadge") == "system");
                if (row.AssignAt is not null)
                    Assert.Equal("free", (await host.RoomAsync(rooms[row.Name])).Str("state"));
            }
            foreach (var row in Table.Except(due))
            {
                var booking = await host.GetAsync(bookings[row.Name]);
                Assert.True(booking.Status() is "booked" or "assigned", $"{row.Name} at {now:HH:mm:ss} is {booking.Status()}, its hold runs to {row.HoldUntil}");
                if (row.AssignAt is not null && T(row.AssignAt) <= now)
                    Assert.Equal("reserved", (await host.RoomAsync(rooms[row.Name])).Str("state"));
            }
        }
    }

    [Fact]
    public async Task A_booking_for_after_the_cutoff_belongs_to_the_next_business_day()
    {
        var manager = await app.ClientFor("m02");
        var now = await (await app.ClientFor("gm01")).NowAsync();
        await OpenUntilTheCutoffAsync(await app.ClientFor("gm01"));
        // 06:00 of the next calendar morning starts a new business day: an early arrival of that day.
        var nextMorning = new DateTimeOffset(now.Date.AddDays(1).AddHours(6), now.Offset).AddDays(now.Hour < 6 ? -1 : 0);
        var booking = await manager.BookAsync(nextMorning, name: "早场客人", phone: "13700001111");
        Assert.Equal(DateOnly.FromDateTime(nextMorning.Date).ToString("yyyy-MM-dd"), booking.Str("businessDay"));
        Assert.Equal(nextMorning.Date.AddHours(21), booking.GetProperty("holdUntil").GetDateTimeOffset().DateTime);
        var justBefore = await manager.BookAsync(nextMorning.AddMinutes(-1), name: "夜场客人", phone: "13700002222");
        Assert.Equal(DateOnly.FromDateTime(nextMorning.Date.AddDays(-1)).ToString("yyyy-MM-dd"), justBefore.Str("businessDay"));
        Assert.Equal(nextMorning.AddMinutes(19), justBefore.GetProperty("holdUntil").GetDateTimeOffset());
    }
}
