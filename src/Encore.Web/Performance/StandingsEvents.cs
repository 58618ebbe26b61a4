using Encore.Web.Board;
using Microsoft.AspNetCore.SignalR;

namespace Encore.Web.Performance;

/// <summary>Spend or signatures changed: leaderboards fetch GET /api/performance again.</summary>
public static class StandingsEvents
{
    public static void StandingsChanged(this BoardNotifier board, Guid venue) =>
        board.Post(venue, live => live.Venue.SendAsync("standingsChanged", live.Ct));
}
