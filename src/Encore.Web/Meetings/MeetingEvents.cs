using Encore.Web.Board;
using Microsoft.AspNetCore.SignalR;

namespace Encore.Web.Meetings;

/// <summary>"meetingChanged" { id, businessDay }: a meeting was called, someone checked in, minutes were written or an action was done.</summary>
public sealed record MeetingChanged(Guid Id, DateOnly BusinessDay);

/// <summary>
/// To the whole venue: the event names the meeting and nothing of what it holds, and each page fetches it again
/// through GET /api/meetings/{id}, which shows only the meetings the reader may see. The chair's page sees check-ins arrive.
/// </summary>
public static class MeetingEvents
{
    public static void MeetingChanged(this BoardNotifier board, Guid venue, Guid meetingId, DateOnly businessDay) =>
        board.Post(venue, live => live.Venue.SendAsync("meetingChanged", new MeetingChanged(meetingId, businessDay), live.Ct));
}
