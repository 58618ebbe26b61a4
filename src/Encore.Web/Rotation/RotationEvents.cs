using Encore.Web.Board;
using Microsoft.AspNetCore.SignalR;

namespace Encore.Web.Rotation;

/// <summary>The walk-in queue's live event: the whole venue hears tonight's queue as it now stands.</summary>
public static class RotationEvents
{
    public static void RotationChanged(this BoardNotifier board, Guid venue) =>
        board.Post(venue, async live =>
            await live.Venue.SendAsync("rotationChanged", await RotationQueue.ViewAsync(live.Db, live.At, live.At.Today), live.Ct));
}
