using Encore.Web.Board;
using Microsoft.AspNetCore.SignalR;

namespace Encore.Web.Rankings;

/// <summary>"rankingsChanged" { month }: a commendation or an appraisal moved a month's places or points.</summary>
public sealed record RankingsChanged(string Month);

/// <summary>To the whole venue (the rankings page is everyone's); the event names the month only, each page fetches what its reader may see.</summary>
public static class RankingsEvents
{
    public static void RankingsChanged(this BoardNotifier board, Guid venue, DateOnly day) =>
        board.Post(venue, live => live.Venue.SendAsync("rankingsChanged",
            new RankingsChanged(day.ToString("yyyy-MM", CultureInfo.InvariantCulture)), live.Ct));
}
