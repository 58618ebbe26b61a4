using Encore.Web.Board;
using Encore.Web.Staff;
using Microsoft.AspNetCore.SignalR;

namespace Encore.Web.Handover;

/// <summary>"handoverChanged" { businessDay }: a handover was written or acknowledged; the handover page lists the night again.</summary>
public sealed record HandoverChanged(DateOnly BusinessDay);

public static class HandoverEvents
{
    /// <summary>To everyone who hands over shifts (the desk, its supervisor, the floor, the GM).</summary>
    public static void HandoverChanged(this BoardNotifier board, Guid venue, DateOnly day) =>
        board.Post(venue, async live =>
        {
            var to = await live.Db.Holding(venue, Capability.HandOverShifts).Where(s => s.IsActive).Select(s => s.Id).ToListAsync(live.Ct);
            await live.Clients.Users(to.Select(id => id.ToString()).ToList()).SendAsync("handoverChanged", new HandoverChanged(day), live.Ct);
        });
}
