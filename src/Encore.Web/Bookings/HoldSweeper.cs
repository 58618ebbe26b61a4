using Encore.Web.Rooms;

namespace Encore.Web.Bookings;

/// <summary>
/// Lapses bookings whose hold ran out (the room is released, the booking kept as <c>lapsed</c>) and frees
/// rooms whose cleaning time is over. It follows <see cref="TimeProvider"/>: with the simulated clock it wakes
/// as soon as the clock is moved, so what fell due is applied within moments of PUT /api/clock.
/// </summary>
public sealed class HoldSweeper : BackgroundService
{
    private const string Name = "Hold sweep";
    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider clock;
    private readonly Board.BoardNotifier board;
    private readonly ILogger<HoldSweeper> log;
    private readonly SweepProgress progress;

    public HoldSweeper(IServiceScopeFactory scopes, TimeProvider clock, Board.BoardNotifier board, ILogger<HoldSweeper> log, SweepProgress progress)
    {
        (this.scopes, this.clock, this.board, this.log, this.progress) = (scopes, clock, board, log, progress);
        progress.Register(Name);
    }

    private static readonly TimeSpan LongestSleep = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan AfterError = TimeSpan.FromSeconds(2);
    /// <summary>A floor on the sleep, so something that cannot be applied yet (a conflict) is not retried in a tight loop.</summary>
    private static readonly TimeSpan ShortestSleep = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan sleep;
            var passBegan = clock.GetUtcNow();
            // Another instance runs the sweeps (issue 21): ask again shortly, so its death leaves holds unlapsed for seconds only.
            if (!await progress.MayRunAsync(clock, passBegan, stoppingToken)) continue;
            try
            {
                var next = await SweepAsync(stoppingToken);
                progress.Completed(Name, passBegan);
                var untilNext = next is { } due ? due - clock.GetUtcNow() : LongestSleep;
                sleep = untilNext < ShortestSleep ? ShortestSleep : untilNext > LongestSleep ? LongestSleep : untilNext;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Hold sweep failed; retrying");
                sleep = AfterError;
            }
            await clock.WaitAsync(sleep, stoppingToken, passBegan, progress.WakeAfter(passBegan));
        }
    }

    /// <summary>Applies everything due now; returns when the next thing falls due, if anything is pending.</summary>
    public async Task<DateTimeOffset?> SweepAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EncoreDb>();
        var store = scope.ServiceProvider.GetRequiredService<HouseRulesStore>();
        var now = clock.GetUtcNow();

        var holding = BookingTransitions.Table.From(BookingAction.Lapse);
        var due = await db.Bookings
            .Where(b => holding.Contains(b.Status) && b.HoldUntil <= now)
            .Select(b => new { b.Id, b.VenueId })
            .ToListAsync(ct);
        foreach (var booking in due)
            await LapseAsync(db, BusinessDay.FindZone((await store.AtAsync(booking.VenueId, now)).BusinessDay.TimeZone), booking.Id, booking.VenueId, now, ct);

        var cleaning = await db.Rooms.Where(r => r.State == RoomState.Cleaning)
            .Select(r => new { r.Id, r.VenueId, r.StateSince }).ToListAsync(ct);
        DateTimeOffset? nextCleaning = null;
        foreach (var room in cleaning)
        {
            var rules = await store.AtAsync(room.VenueId, now);
            var ends = (room.StateSince ?? now).AddMinutes(rules.Bookings.CleaningMinutes);
            if (ends <= now) await EndCleaningAsync(db, room.Id, room.VenueId, now, ct);
            else if (nextCleaning is null || ends < nextCleaning) nextCleaning = ends;
        }

        // Remembered Idempotency-Key answers serve retries, which come within seconds; a day is plenty.
        var forgetBefore = now.AddDays(-1);
        await db.IdempotentRequests.Where(r => r.CreatedAt < forgetBefore).ExecuteDeleteAsync(ct);

        var nextHold = await db.Bookings
            .Where(b => holding.Contains(b.Status) && b.HoldUntil != null)
            .OrderBy(b => b.HoldUntil).Select(b => b.HoldUntil).FirstOrDefaultAsync(ct);
        return nextHold is null ? nextCleaning : nextCleaning is null || nextHold < nextCleaning ? nextHold : nextCleaning;
    }

    private async Task LapseAsync(EncoreDb db, TimeZoneInfo zone, Guid bookingId, Guid venueId, DateTimeOffset now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        Guid? roomId = null;
        using (AuditScope.Begin(AuditActor.System with { VenueId = venueId }, "booking.lapse"))
        {
            try
            {
                await using var tx = await db.BeginWriteAsync(ct);
                var booking = await db.Bookings.SingleAsync(b => b.Id == bookingId, ct);
                // Re-checked inside the transaction: the guest may have arrived since the query above.
                if (!BookingTransitions.CanMove(booking.Status, BookingAction.Lapse) || booking.HoldUntil > now) return;
                string? roomNumber = null;
                if (await Desk.ActiveClaimOfBookingAsync(db, booking.Id) is { } claim)
                {
                    await Desk.ReleaseAsync(db, claim, RoomState.Free, now);
                    roomId = claim.RoomId;
                    roomNumber = await db.Rooms.Where(r => r.Id == claim.RoomId).Select(r => r.Number).SingleAsync(ct);
                }
                booking.Status = BookingTransitions.Apply(booking.Status, BookingAction.Lapse);
                booking.RoomId = null; // the room went back to the pool; the history keeps which it was
                db.Record(booking, "lapsed", null, now, Customers.PhoneText.Say("bookingHistory.holdRanOut",
                    booking.HoldUntil is { } until ? TimeZoneInfo.ConvertTime(until, zone).ToString("HH:mm", CultureInfo.InvariantCulture) : ""), roomNumber);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException e) when (e.IsConflict())
            {
                // The desk changed the booking at the same moment; the next sweep looks again.
                return;
            }
        }
        if (roomId is { } changed) board.RoomChanged(venueId, changed);
        board.BookingChanged(venueId, bookingId);
    }

    private async Task EndCleaningAsync(EncoreDb db, Guid roomId, Guid venueId, DateTimeOffset now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        using (AuditScope.Begin(AuditActor.System with { VenueId = venueId }, "room.cleaningDone"))
        {
            try
            {
                await using var tx = await db.BeginWriteAsync(ct);
                var room = await db.Rooms.SingleAsync(r => r.Id == roomId, ct);
                if (room.State != RoomState.Cleaning) return;
                Desk.SetState(room, RoomTransitions.Apply(room.State, RoomAction.Release), now);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException e) when (e.IsConflict())
            {
                return;
            }
        }
        board.RoomChanged(venueId, roomId);
    }
}
