using System.Threading.Channels;
using Encore.Web.Bookings;
using Encore.Web.Data;
using Encore.Web.HouseRules;
using Encore.Web.Platform;
using Encore.Web.Rooms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Encore.Web.Board;

/// <summary>
/// The one live channel (SignalR, /hubs/board). Every signed-in member of staff hears <c>roomChanged</c> for
/// their venue; <c>bookingChanged</c> (which carries the guest's phone) reaches only the booker and the
/// staff who see every booking.
/// </summary>
[Authorize]
public sealed class BoardHub : Hub
{
    public static string VenueGroup(Guid venue) => $"venue:{venue}";
    public static string OverseerGroup(Guid venue) => $"venue:{venue}:bookings";
    public static string ApproverGroup(Guid venue) => $"venue:{venue}:approvers";
    /// <summary>Department heads and cashiers: they follow every booking, with the guest's phone masked.</summary>
    public static string MaskedOverseerGroup(Guid venue) => $"venue:{venue}:bookings-masked";

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        await Groups.AddToGroupAsync(Context.ConnectionId, VenueGroup(user.VenueId()));
        if (BookingQueries.FullPhoneRoles.Any(user.IsInRole))
            await Groups.AddToGroupAsync(Context.ConnectionId, OverseerGroup(user.VenueId()));
        else if (BookingQueries.SeesAllBookings(user))
            await Groups.AddToGroupAsync(Context.ConnectionId, MaskedOverseerGroup(user.VenueId()));
        if (user.IsInRole(Roles.FloorManager) || user.IsInRole(Roles.Gm))
            await Groups.AddToGroupAsync(Context.ConnectionId, ApproverGroup(user.VenueId()));
        await base.OnConnectedAsync();
    }
}

/// <summary>
/// Features tell the board what changed after they commit; the notices are sent in order from one background
/// loop, so a request never waits on slow clients and a failed send never undoes a committed change.
/// </summary>
public sealed class BoardNotifier(IHubContext<BoardHub> hub, IServiceScopeFactory scopes, ILogger<BoardNotifier> log) : BackgroundService
{
    private sealed record Notice(Guid VenueId, Guid? RoomId, Guid? BookingId, bool Rotation = false, Guid? ApprovalId = null, bool Standings = false);

    private readonly Channel<Notice> notices = Channel.CreateUnbounded<Notice>(new UnboundedChannelOptions { SingleReader = true });

    public void RoomChanged(Guid venue, Guid roomId) => notices.Writer.TryWrite(new Notice(venue, roomId, null));

    public void BookingChanged(Guid venue, Guid bookingId) => notices.Writer.TryWrite(new Notice(venue, null, bookingId));

    public void RotationChanged(Guid venue) => notices.Writer.TryWrite(new Notice(venue, null, null, Rotation: true));

    /// <summary>Spend or signatures changed: leaderboards fetch GET /api/performance again.</summary>
    public void StandingsChanged(Guid venue) => notices.Writer.TryWrite(new Notice(venue, null, null, Standings: true));

    public void ApprovalChanged(Guid venue, Guid approvalId) => notices.Writer.TryWrite(new Notice(venue, null, null, ApprovalId: approvalId));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var notice in notices.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SendAsync(notice, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Board notice for venue {Venue} not sent", notice.VenueId);
            }
        }
    }

    private async Task SendAsync(Notice notice, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EncoreDb>();
        var at = await scope.ServiceProvider.GetRequiredService<HouseRulesStore>()
            .NowAsync(notice.VenueId, scope.ServiceProvider.GetRequiredService<TimeProvider>());
        if (notice.RoomId is { } roomId)
        {
            foreach (var room in await RoomBoard.ViewsAsync(db, notice.VenueId, at.Zone, [roomId]))
                await hub.Clients.Group(BoardHub.VenueGroup(notice.VenueId)).SendAsync("roomChanged", room, ct);
        }
        if (notice.Standings)
            await hub.Clients.Group(BoardHub.VenueGroup(notice.VenueId)).SendAsync("standingsChanged", ct);
        if (notice.Rotation)
            await hub.Clients.Group(BoardHub.VenueGroup(notice.VenueId)).SendAsync("rotationChanged",
                await Rotation.RotationQueue.ViewAsync(db, notice.VenueId, at.Today, at.Now), ct);
        if (notice.ApprovalId is { } approvalId && await Approvals.ApprovalQueries.ViewAsync(db, approvalId, at) is { } approval)
        {
            await hub.Clients.Group(BoardHub.ApproverGroup(notice.VenueId)).SendAsync("approvalChanged", approval, ct);
            await hub.Clients.User(approval.RequestedById.ToString()).SendAsync("approvalChanged", approval, ct);
        }
        if (notice.BookingId is { } bookingId && await BookingQueries.ViewAsync(db, bookingId, at, withHistory: false) is { } booking)
        {
            var bookerId = await db.Bookings.Where(b => b.Id == bookingId).Select(b => b.BookerId).SingleAsync(ct);
            await hub.Clients.Group(BoardHub.OverseerGroup(notice.VenueId)).SendAsync("bookingChanged", booking, ct);
            await hub.Clients.Group(BoardHub.MaskedOverseerGroup(notice.VenueId)).SendAsync("bookingChanged",
                booking with { CustomerPhone = Customers.CustomerRules.Mask(booking.CustomerPhone) }, ct);
            await hub.Clients.User(bookerId.ToString()).SendAsync("bookingChanged", booking, ct);
        }
    }
}
