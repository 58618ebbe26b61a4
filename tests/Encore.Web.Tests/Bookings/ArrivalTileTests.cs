using System.Net;
using System.Net.Http.Json;

namespace Encore.Web.Tests.Bookings;

/// <summary>
/// Issue 13: "the open dialog and the tile agree that the guest has arrived". A guest verified for a booking that
/// already holds a room changes that room too (RoomView.GuestArrived, the hold no longer counting down): the board
/// hears "roomChanged" for it, not only "bookingChanged", so its tile says what the waiting list and dialog say.
/// </summary>
public sealed class ArrivalTileTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task A_guest_verified_for_an_assigned_room_changes_that_rooms_tile_live()
    {
        var host = await app.ClientFor("h01");
        var now = await (await app.ClientFor("gm01")).NowAsync();
        var booking = await (await app.ClientFor("m03")).BookAsync(now.AddHours(1), name: "到店客");
        var room = (await host.FreeRoomsAsync())[0];
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(booking, room)).StatusCode);
        await using var board = await BoardListener.StartAsync(app, "h02");

        var arrived = await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/arrive", new { confirmationCode = booking.Str("confirmationCode") });
        Assert.Equal(HttpStatusCode.OK, arrived.StatusCode);
        await board.WaitForAsync("bookingChanged", b => b.Id() == booking.Id() && b.Status() == "arrived");
        // The listener may still hear the assign's own tile (sent after its commit, as the listener joined): the arrival's is the one with the guest in.
        var tile = await board.WaitForAsync("roomChanged", r => r.Str("number") == room && r.GetProperty("guestArrived").GetBoolean());
        Assert.Equal("reserved", tile.Str("state"));
        Assert.True((await host.RoomAsync(room)).GetProperty("guestArrived").GetBoolean());
    }
}
