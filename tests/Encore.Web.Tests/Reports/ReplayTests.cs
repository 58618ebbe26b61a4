using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;
using Microsoft.EntityFrameworkCore;
using static Encore.Web.Tests.Reports.ReportAnswers;

namespace Encore.Web.Tests.Reports;

/// <summary>
/// GET /api/board/replay and /changes (issue 19): a room booked, verified, opened and closed on the simulated clock is
/// replayed minute by minute as it happened; every room's replayed state agrees with the claims and sessions in the
/// database; the changes step through the night in order with who did what.
/// </summary>
public sealed class ReplayTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private const string Day = "2026-11-20";
    private static DateTimeOffset At(int hour, int minute) => new(2026, 11, 20, hour, minute, 0, TimeSpan.FromHours(8));

    private static async Task<Dictionary<string, JsonElement>> BoardAsync(HttpClient client, string at) =>
        (await OkAsync(await client.GetAsync($"/api/board/replay?businessDay={Day}&at={at}"))).GetProperty("rooms").EnumerateArray()
            .ToDictionary(r => r.Str("number"));

    /// <summary>One room's night, played on the clock once per fixture (xunit makes a test object per test): booked 20:10,
    /// assigned 20:12, verified 20:20, opened 20:21, closed 20:40.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<EncoreFactory, Task<(string Room, string Code)>> Played = [];

    private Task<(string Room, string Code)> Night() => Played.GetValue(app, _ => PlayAsync());

    private async Task<(string Room, string Code)> PlayAsync()
    {
        var gm = await app.ClientFor("gm01");
        var host = await app.ClientFor("h02");
        await gm.SetClockAsync(At(20, 10));
        var room = (await host.GetFromJsonAsync<JsonElement>("/api/rooms")).EnumerateArray()
            .First(r => r.Str("state") == "free" && r.GetProperty("capacity").GetInt32() >= 6).Str("number");
        var booking = await (await app.ClientFor("m04")).BookAsync(At(20, 30));
        await gm.SetClockAsync(At(20, 12));
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(booking, room)).StatusCode);
        await gm.SetClockAsync(At(20, 20));
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/arrive", new { confirmationCode = booking.Str("confirmationCode") })).StatusCode);
        await gm.SetClockAsync(At(20, 21));
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsJsonAsync($"/api/rooms/{room}/open", new { bookingId = booking.Id() })).StatusCode);
        await gm.SetClockAsync(At(20, 40));
        var closed = await (await app.ClientFor("c01")).PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 5000 });
        Assert.True(closed.StatusCode == HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
        await gm.SetClockAsync(At(21, 30));
        return (room, booking.Str("confirmationCode"));
    }

    [Fact]
    public async Task A_room_is_replayed_at_each_minute_as_it_stood()
    {
        var (room, code) = await Night();
        var fm = await app.ClientFor("fm01");
        async Task<JsonElement> RoomAt(string at) => (await BoardAsync(fm, at))[room];

        Assert.Equal("free", (await RoomAt("20:11")).Str("state"));
        var reserved = await RoomAt("20:12");
        Assert.Equal(("reserved", code, "m04", "assigned"), (reserved.Str("state"), reserved.GetProperty("booking").Str("confirmationCode"),
            reserved.GetProperty("booking").Str("bookerBadge"), reserved.GetProperty("booking").Str("status")));
        Assert.Contains("*", reserved.GetProperty("booking").Str("customerPhone"));
        Assert.Equal("arrived", (await RoomAt("20:20")).GetProperty("booking").Str("status"));
        var occupied = await RoomAt("20:21");
        Assert.Equal(("occupied", "m04"), (occupied.Str("state"), occupied.GetProperty("session").Str("creditedBadge")));
        Assert.Equal(At(20, 21), occupied.GetProperty("session").GetProperty("openedAt").GetDateTimeOffset());
        Assert.Equal("occupied", (await RoomAt("20:39")).Str("state"));
        // Cleaning is the house rule's 15 minutes after the guests left: its end is not recorded.
        var cleaning = await RoomAt("20:40");
        Assert.Equal(("cleaning", "houseRule"), (cleaning.Str("state"), cleaning.Str("source")));
        Assert.Equal("cleaning", (await RoomAt("20:54")).Str("state"));
        Assert.Equal("free", (await RoomAt("20:55")).Str("state"));
    }

    [Fact]
    public async Task Every_rooms_replayed_state_is_what_the_claims_and_sessions_in_the_database_say()
    {
        await Night();
        var fm = await app.ClientFor("fm01");
        foreach (var minute in new[] { (19, 0), (20, 15), (20, 30), (21, 0) })
        {
            var t = At(minute.Item1, minute.Item2).AddMinutes(1);
            // Main's board: hangzhou has rooms of the same numbers and claims of its own.
            var held = await app.WithAsync(db => (from c in db.RoomClaims.OfMain(db)
                                                  join r in db.Rooms on c.RoomId equals r.Id
                                                  join s in db.RoomSessions on c.SessionId equals s.Id into ss
                                                  from s in ss.DefaultIfEmpty()
                                                  where c.From < t && (c.ReleasedAt == null || c.ReleasedAt >= t)
                                                  select new { r.Number, Occupied = s != null && s.OpenedAt < t }).ToListAsync());
            var board = await BoardAsync(fm, $"{minute.Item1:D2}:{minute.Item2:D2}");
            Assert.Equal(held.Where(h => h.Occupied).Select(h => h.Number).Order(), board.Values.Where(r => r.Str("state") == "occupied").Select(r => r.Str("number")).Order());
            Assert.Equal(held.Where(h => !h.Occupied).Select(h => h.Number).Order(), board.Values.Where(r => r.Str("state") == "reserved").Select(r => r.Str("number")).Order());
        }
    }

    [Fact]
    public async Task The_changes_step_through_the_night_in_order_with_who_did_what()
    {
        var (room, _) = await Night();
        var answer = await OkAsync(await (await app.ClientFor("h01")).GetAsync($"/api/board/replay/changes?businessDay={Day}"));
        var all = answer.GetProperty("changes").EnumerateArray().ToList();
        var times = all.Select(c => c.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        var mine = all.Where(c => c.Str("roomNumber") == room).Select(c => (c.Str("event"), c.Str("who"), c.Str("to"))).ToList();
        Assert.Equal([("assigned", "h02", "reserved"), ("arrived", "h02", "reserved"), ("opened", "h02", "occupied"), ("completed", "c01", "cleaning"),
            ("cleaningOver", "", "free")], mine);
        Assert.NotEmpty(answer.GetProperty("notReplayed").EnumerateArray());

        // Stepping: the board at the start with each change applied is the board replayed at the end of the last minute.
        var board = answer.GetProperty("start").GetProperty("rooms").EnumerateArray().ToDictionary(r => r.Str("number"), r => r.Str("state"));
        foreach (var change in all) board[change.Str("roomNumber")] = change.GetProperty("room").Str("state");
        var last = times.Max();
        var replayed = await BoardAsync(await app.ClientFor("fm01"), last.ToOffset(TimeSpan.FromHours(8)).ToString("HH:mm"));
        Assert.Equal(board.OrderBy(p => p.Key), replayed.Select(p => KeyValuePair.Create(p.Key, p.Value.Str("state"))).OrderBy(p => p.Key));
    }

    [Fact]
    public async Task Only_the_floor_the_GM_and_the_host_supervisor_replay_the_board()
    {
        await Night();
        foreach (var badge in new[] { "gm01", "fm01", "h01" })
            Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor(badge)).GetAsync($"/api/board/replay?businessDay={Day}&at=20:00")).StatusCode);
        foreach (var badge in new[] { "m01", "h02", "c01", "dh01" })
        {
            var client = await app.ClientFor(badge);
            await Problem.Expect(await client.GetAsync($"/api/board/replay?businessDay={Day}&at=20:00"), HttpStatusCode.Forbidden);
            await Problem.Expect(await client.GetAsync($"/api/board/replay/changes?businessDay={Day}"), HttpStatusCode.Forbidden);
        }
    }

    [Theory]
    [InlineData("/api/board/replay?businessDay=2026-13-01&at=20:00", "businessDay")]
    [InlineData("/api/board/replay?at=20:00", "businessDay")]
    [InlineData("/api/board/replay?businessDay=2026-12-20&at=20:00", "businessDay")]
    [InlineData("/api/board/replay?businessDay=2026-11-19&at=25:00", "at")]
    [InlineData("/api/board/replay?businessDay=2026-11-19", "at")]
    [InlineData("/api/board/replay?businessDay=2026-11-20&at=05:00", "at")]
    [InlineData("/api/board/replay/changes?businessDay=yesterday", "businessDay")]
    public async Task Bad_input_is_400_naming_the_field(string url, string field)
    {
        var problem = await Problem.Expect(await (await app.ClientFor("fm01")).GetAsync(url), HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.ErrorFields());
    }
}
