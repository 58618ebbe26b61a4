using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Encore.Web.Board;

/// <summary>
/// The open live-board connections, by person: when an account is disabled, its password reset, its roles changed or
/// its sessions signed out, <see cref="Close"/> ends that person's connections at once, so an open socket stops
/// hearing the venue (full phones included) the moment the account changes, not when the phone next reconnects.
/// The Board feature's service for Staff and Auth. With several instances (issue 21) the others close theirs when told.
/// </summary>
public sealed class LiveConnections(InstanceBus bus)
{
    public const string Topic = "live.close";

    private readonly ConcurrentDictionary<string, (Guid StaffId, HubCallerContext Context)> open = new();

    public void Opened(Guid staffId, HubCallerContext context) => open[context.ConnectionId] = (staffId, context);

    public void Gone(string connectionId) => open.TryRemove(connectionId, out _);

    /// <summary>Ends every connection of <paramref name="staffId"/>, here and on the other instances; the client sees its connection closed.</summary>
    public int Close(Guid staffId)
    {
        bus.Publish(Topic, staffId.ToString());
        return CloseHere(staffId);
    }

    /// <summary>Ends this instance's connections of <paramref name="staffId"/>; how many there were.</summary>
    public int CloseHere(Guid staffId)
    {
        var closed = 0;
        foreach (var (id, (staff, context)) in open)
        {
            if (staff != staffId) continue;
            context.Abort();
            open.TryRemove(id, out _);
            closed++;
        }
        return closed;
    }
}
