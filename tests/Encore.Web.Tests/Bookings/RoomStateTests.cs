using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Encore.Web.Tests.Bookings;

/// <summary>
/// A room that is not free can be neither assigned, nor opened for a walk-in, nor transferred to — in every state,
/// with an open claim (reserved, occupied) and without one (cleaning, out of service), so the "is it free?" check
/// is tested on its own and not only through the one-open-claim index. Each refusal is 409 problem details naming
/// the room, and changes nothing.
/// </summary>
public sealed class RoomStateTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    [Fact]
    public async Task No_room_that_is_not_free_can_be_assigned_opened_or_transferred_to()
    {
        var gm = await app.ClientFor("gm01");
        var host = await app.ClientFor("h02");
        var manager = await app.ClientFor("m07");
        var now = await gm.NowAsync();
        var free = await host.FreeRoomsAsync();
        string reserved = free[0], occupied = free[1], cleaning = free[2], outOfService = free[3], source = free[4];

        // Put one room in each state that is not free.
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(await manager.BookAsync(now.AddHours(1)), reserved)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsJsonAsync($"/api/rooms/{occupied}/open", new { walkIn = true, partySize = 3 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsJsonAsync($"/api/rooms/{cleaning}/open", new { walkIn = true, partySize = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("c01")).PostAsJsonAsync($"/api/rooms/{cleaning}/close", new { spend = 300 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsJsonAsync($"/api/rooms/{outOfService}/out-of-service", new { reason = "空调漏水" })).StatusCode);
        var states = new Dictionary<string, string> { [reserved] = "reserved", [occupied] = "occupied", [cleaning] = "cleaning", [outOfService] = "outOfService" };
        foreach (var (room, state) in states) Assert.Equal(state, (await host.RoomAsync(room)).Str("state"));

        // A booking already on a room, to transfer from.
        var moving = await manager.BookAsync(now.AddHours(1), name: "换房客人");
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(moving, source)).StatusCode);
        var claimsBefore = app.With(db => db.RoomClaims.Count());

        foreach (var (room, state) in states)
        {
            var waiting = await manager.BookAsync(now.AddHours(1), name: $"等房客人{state}");
            var assign = await Problem.Expect(await host.AssignAsync(waiting, room), HttpStatusCode.Conflict);
            Assert.Contains(room, assign.Detail());
            Assert.Equal("booked", (await host.GetAsync(waiting)).Status());

            var walkIn = await Problem.Expect(await host.PostAsJsonAsync($"/api/rooms/{room}/open", new { walkIn = true, partySize = 2 }), HttpStatusCode.Conflict);
            Assert.Contains(room, walkIn.Detail());

            var transfer = await Problem.Expect(await host.PostAsJsonAsync($"/api/rooms/{source}/transfer", new { toRoomNumber = room }), HttpStatusCode.Conflict);
            Assert.Contains(room, transfer.Detail());
            var stillThere = await host.GetAsync(moving);
            Assert.Equal(source, stillThere.Str("roomNumber"));
            Assert.Equal("assigned", stillThere.Status());
            Assert.Equal("reserved", (await host.RoomAsync(source)).Str("state"));

            Assert.Equal(state, (await host.RoomAsync(room)).Str("state"));
        }
        // Rooms without an open claim are refused for their state, named in the message ("is Cleaning", "is Out of service").
        var english = await app.ClientFor("h02", language: "en");
        var byState = await Problem.Expect(await english.PostAsJsonAsync($"/api/rooms/{outOfService}/open", new { walkIn = true, partySize = 2 }), HttpStatusCode.Conflict);
        Assert.Contains("Out of service", byState.Detail());
        Assert.EndsWith("/room.notFree", byState.GetProperty("type").GetString());
        var cleaningProblem = await Problem.Expect(await english.PostAsJsonAsync($"/api/rooms/{cleaning}/open", new { walkIn = true, partySize = 2 }), HttpStatusCode.Conflict);
        Assert.Contains("Cleaning", cleaningProblem.Detail());
        Assert.Equal(claimsBefore, app.With(db => db.RoomClaims.Count()));
    }
}
