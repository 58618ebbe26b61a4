using System.Threading.Channels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Encore.Web.Board;

/// <summary>
/// The one live channel (SignalR, /hubs/board). Clients call no hub methods: they listen, first to "joined" (their
/// groups joined: read the snapshot now), then to the features' events. Every signed-in member
/// of staff joins their venue's group; the other groups follow the capability table (<see cref="GroupsFor"/>),
/// so who hears what is decided where who may do what is. Features send their own events through
/// <see cref="BoardNotifier.Post"/> (e.g. Rooms/RoomEvents.cs) and never edit this file to add one.
/// </summary>
[Authorize]
public sealed class BoardHub(LiveConnections live) : Hub
{
    public static string VenueGroup(Guid venue) => $"venue:{venue}";
    /// <summary>Every booking with the guest's full phone: who manages every customer file (the floor manager, the GM).</summary>
    public static string AllPhonesGroup(Guid venue) => $"venue:{venue}:bookings-phones";
    /// <summary>The desk (<see cref="Capability.SeeBookingPhones"/>): every booking, the phone in full on tonight's open ones only (Bookings/BookingView.cs SeesPhone).</summary>
    public static string OverseerGroup(Guid venue) => $"venue:{venue}:bookings";
    /// <summary>Every booking with the phone masked: who sees all bookings but not their phones.</summary>
    public static string MaskedOverseerGroup(Guid venue) => $"venue:{venue}:bookings-masked";
    /// <summary>Approval requests as they arrive: holders of <see cref="Capability.DecideApprovals"/>.</summary>
    public static string ApproverGroup(Guid venue) => $"venue:{venue}:approvers";

    /// <summary>The groups a caller joins on connecting.</summary>
    public static IEnumerable<string> GroupsFor(Caller caller)
    {
        yield return VenueGroup(caller.VenueId);
        if (caller.Can(Capability.ManageAllCustomers)) yield return AllPhonesGroup(caller.VenueId);
        else if (caller.Can(Capability.SeeBookingPhones)) yield return OverseerGroup(caller.VenueId);
        else if (caller.Can(Capability.SeeAllBookings)) yield return MaskedOverseerGroup(caller.VenueId);
        if (caller.Can(Capability.DecideApprovals)) yield return ApproverGroup(caller.VenueId);
    }

    public override async Task OnConnectedAsync()
    {
        var caller = Caller.For(Context.User!, Context.GetHttpContext()!.RequestServices);
        foreach (var group in GroupsFor(caller))
            await Groups.AddToGroupAsync(Context.ConnectionId, group);
        live.Opened(caller.StaffId, Context);
        // The client's start completed at the handshake, before these joins (on the Redis backplane each is a
        // subscription): an event sent meanwhile did not reach it. "joined" tells it when to read its snapshot.
        await Clients.Caller.SendAsync("joined");
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        live.Gone(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>What a live event's sender works with: a fresh database scope, the venue's now, and the hub's clients.</summary>
public sealed record LiveContext(EncoreDb Db, VenueNow At, IHubClients Clients, CancellationToken Ct)
{
    public IClientProxy Venue => Clients.Group(BoardHub.VenueGroup(At.VenueId));
}

/// <summary>
/// Features tell the board what changed after they commit; the notices are sent in order from one background
/// loop, so a request never waits on slow clients and a failed send never undoes a committed change.
/// </summary>
public sealed class BoardNotifier(IHubContext<BoardHub> hub, IServiceScopeFactory scopes, ILogger<BoardNotifier> log) : BackgroundService
{
    private sealed record Notice(Guid VenueId, Func<LiveContext, Task> Send);

    private readonly Channel<Notice> notices = Channel.CreateUnbounded<Notice>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues a send for after the request's commit (none if it rolls back); <paramref name="send"/> reads what it shows in its own scope.</summary>
    public void Post(Guid venue, Func<LiveContext, Task> send) =>
        Writes.AfterCommit(() => notices.Writer.TryWrite(new Notice(venue, send)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var notice in notices.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                var at = await Caller.System(notice.VenueId, scope.ServiceProvider.GetRequiredService<HouseRulesStore>(),
                    scope.ServiceProvider.GetRequiredService<TimeProvider>()).NowAsync();
                await notice.Send(new LiveContext(scope.ServiceProvider.GetRequiredService<EncoreDb>(), at, hub.Clients, stoppingToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Board notice for venue {Venue} not sent", notice.VenueId);
            }
        }
    }
}
