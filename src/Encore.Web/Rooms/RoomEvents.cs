using Encore.Web.Board;
using Microsoft.AspNetCore.SignalR;

namespace Encore.Web.Rooms;

/// <summary>The room board's live event: every member of staff of the venue hears a room's new state.</summary>
public static class RoomEvents
{
    public static void RoomChanged(this BoardNotifier board, Guid venue, Guid roomId) =>
        board.Post(venue, async live =>
        {
            foreach (var room in await RoomBoard.ViewsAsync(live.Db, venue, live.At.Zone, [roomId]))
                await live.Venue.SendAsync("roomChanged", room, live.Ct);
        });
}
