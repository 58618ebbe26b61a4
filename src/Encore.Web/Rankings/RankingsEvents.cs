using Encore.Web.Board;
using Microsoft.AspNetCore.SignalR;

namespace Encore.Web.Rankings;

/// <summary>"rankingsChanged" { month }: a commendation or an appraisal moved a month's places or points.</summary>
public sealed record RankingsChanged(string Month);

/// <summary>To the whole venue (the rankings page is everyone's); the event names the month only, each page fetches what its reader may see.</summary>
public static class RankingsEvents
{
    public static void RankingsChanged(this BoardNotifier board, Guid venue, DateOnly day) =>
        board.RankingsChanged(venue, day.ToString("yyyy-MM", CultureInfo.InvariantCulture));

    /// <summary>An appraisal period's change: a month ("2026-11") moves that month; a quarter or a year moves no month's places, but the page reloads all the same.</summary>
    public static void RankingsChanged(this BoardNotifier board, Guid venue, string period) =>
        board.Post(venue, live => live.Venue.SendAsync("rankingsChanged", new RankingsChanged(period), live.Ct));
}
