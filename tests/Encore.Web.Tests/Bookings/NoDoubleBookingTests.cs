using System.Net;
using System.Text.Json;
using Encore.Domain;
using Encore.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Encore.Web.Tests.Bookings;

/// <summary>
/// "Two bookings can never hold the same room at the same time, however many screens click at once":
/// rounds of 32 simultaneous assigns of different bookings to one room. The database decides (BEGIN IMMEDIATE
/// on SQLite; the partial unique index and the exclusion constraint on PostgreSQL).
/// </summary>
public sealed class NoDoubleBookingTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private const int Clicks = 32;
    private const int Rounds = 8;

    [Fact]
    public async Task Of_32_simultaneous_assigns_to_one_room_exactly_one_wins_in_every_round()
    {
        var gm = await app.ClientFor("gm01");
        var now = await gm.NowAsync();
        var managers = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => app.ClientFor($"m{i:00}")));
        // Several desks, as at a real venue: h01, h02, h03 and the GM all click.
        var desks = await Task.WhenAll(new[] { "h01", "h02", "h03", "gm01" }.Select(b => app.ClientFor(b)));
        var rooms = await desks[0].FreeRoomsAsync();

        var ours = new List<Guid>();
        for (var round = 0; round < Rounds; round++)
        {
            var bookings = new List<JsonElement>();
            for (var i = 0; i < Clicks; i++)
                bookings.Add(await managers[i % managers.Length].BookAsync(now.AddHours(1), name: $"客{round}-{i}", phone: $"1380000{round:00}{i:00}"));
            var room = rooms[round];
            ours.AddRange(bookings.Select(b => Guid.Parse(b.Id())));

            var answers = await StartingGate.AllAtOnce(bookings.Count, async i =>
            {
                var b = bookings[i];
                return await desks[i % desks.Length].AssignAsync(b, room);
            });

            Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
            foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
                await Problem.Expect(refused, HttpStatusCode.Conflict);
            Assert.Equal("reserved", (await desks[0].RoomAsync(room)).Str("state"));
            var assigned = 0;
            foreach (var b in bookings)
                assigned += (await desks[0].GetAsync(b)).Status() == "assigned" ? 1 : 0;
            Assert.Equal(1, assigned);
        }

        // The table agrees: one open claim per contested room, and no two claims of any room overlap in time
        // (the demo venue's own history included).
        var contested = rooms.Take(Rounds).ToList();
        var claims = await app.WithAsync(db => db.RoomClaims.AsNoTracking().ToListAsync());
        var roomIds = await app.WithAsync(db => db.Rooms.OfMain(db).Where(r => contested.Contains(r.Number)).Select(r => r.Id).ToListAsync());
        Assert.Equal(Rounds, claims.Count(c => c.ReleasedAt == null && roomIds.Contains(c.RoomId)));
        Assert.All(claims.Where(c => c.ReleasedAt == null).GroupBy(c => c.RoomId), g => Assert.Single(g));
        foreach (var perRoom in claims.GroupBy(c => c.RoomId))
        {
            var ordered = perRoom.OrderBy(c => c.From).ToList();
            for (var i = 1; i < ordered.Count; i++)
                Assert.True(ordered[i - 1].ReleasedAt is { } end && end <= ordered[i].From, $"claims on room {perRoom.Key} overlap");
        }
        var heldBookings = await app.WithAsync(db => db.Bookings.CountAsync(b => ours.Contains(b.Id) && b.Status == BookingStatus.Assigned));
        Assert.Equal(Rounds, heldBookings);
    }

    [Fact]
    public async Task One_booking_clicked_onto_many_rooms_at_once_takes_only_one()
    {
        var gm = await app.ClientFor("gm01");
        var now = await gm.NowAsync();
        var manager = await app.ClientFor("m12");
        var desks = await Task.WhenAll(new[] { "h01", "h02", "h03" }.Select(b => app.ClientFor(b)));
        var booking = await manager.BookAsync(now.AddHours(1), name: "多房客", phone: "13912341234");
        var rooms = (await desks[0].FreeRoomsAsync()).Skip(20).Take(12).ToList();

        var answers = await StartingGate.AllAtOnce(rooms.Count, async i =>
        {
            var room = rooms[i];
            return await desks[i % desks.Length].AssignAsync(booking, room);
        });
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
            await Problem.Expect(refused, HttpStatusCode.Conflict);
        var id = Guid.Parse(booking.Id());
        Assert.Equal(1, await app.WithAsync(db => db.RoomClaims.CountAsync(c => c.BookingId == id)));
        var reserved = 0;
        foreach (var room in rooms) reserved += (await desks[0].RoomAsync(room)).Str("state") == "reserved" ? 1 : 0;
        Assert.Equal(1, reserved);
    }

    [Fact]
    public async Task The_database_itself_refuses_a_second_open_claim_on_a_room()
    {
        var room = await app.WithAsync(db => db.Rooms.Where(r => r.State == RoomState.Free && !db.RoomClaims.Any(c => c.RoomId == r.Id && c.ReleasedAt == null)).OrderByDescending(r => r.Number).FirstAsync());
        await app.WithAsync(async db =>
        {
            db.RoomClaims.Add(new RoomClaim { VenueId = room.VenueId, RoomId = room.Id, From = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        });
        var second = Assert.ThrowsAnyAsync<DbUpdateException>(() => app.WithAsync(async db =>
        {
            db.RoomClaims.Add(new RoomClaim { VenueId = room.VenueId, RoomId = room.Id, From = DateTimeOffset.UtcNow.AddMinutes(5) });
            await db.SaveChangesAsync();
        }));
        await second;
        Assert.Equal(1, await app.WithAsync(db => db.RoomClaims.CountAsync(c => c.RoomId == room.Id && c.ReleasedAt == null)));

        {
            // Overlapping periods of claims that are already over are refused too: PostgreSQL's exclusion constraint,
            // SQLite's triggers of the same name (migration 0007).
            var t = DateTimeOffset.Parse("2026-01-01T20:00:00Z");
            var other = await app.WithAsync(db => db.Rooms.OrderByDescending(r => r.Number).Skip(1).FirstAsync());
            // 2026-01-01 lies before the demo history (30 nights back from the test clock), so only our two claims meet.
            await app.WithAsync(async db =>
            {
                db.RoomClaims.Add(new RoomClaim { VenueId = other.VenueId, RoomId = other.Id, From = t, ReleasedAt = t.AddHours(2) });
                await db.SaveChangesAsync();
            });
            var overlap = await Assert.ThrowsAnyAsync<DbUpdateException>(() => app.WithAsync(async db =>
            {
                db.RoomClaims.Add(new RoomClaim { VenueId = other.VenueId, RoomId = other.Id, From = t.AddHours(1), ReleasedAt = t.AddHours(3) });
                await db.SaveChangesAsync();
            }));
            Assert.Contains("EX_room_claims_no_overlap", overlap.InnerException?.Message ?? "");
            // Moving a finished claim onto another's period is refused the same way; touching periods are fine.
            var moved = await Assert.ThrowsAnyAsync<DbUpdateException>(() => app.WithAsync(async db =>
            {
                db.RoomClaims.Add(new RoomClaim { VenueId = other.VenueId, RoomId = other.Id, From = t.AddHours(2), ReleasedAt = t.AddHours(3) });
                await db.SaveChangesAsync();
                var claim = await db.RoomClaims.SingleAsync(c => c.RoomId == other.Id && c.From == t.AddHours(2));
                claim.From = t.AddHours(1);
                await db.SaveChangesAsync();
            }));
            Assert.Contains("EX_room_claims_no_overlap", moved.InnerException?.Message ?? "");
            Assert.Equal(2, await app.WithAsync(db => db.RoomClaims.CountAsync(c => c.RoomId == other.Id && c.From < t.AddDays(1))));
        }
    }
}
