using Encore.Web.Rooms;

namespace Encore.Web.Bookings;

public sealed record CancelInput(string? Reason);

/// <summary>
/// POST /api/bookings/{id}/cancel: the booker cancels their own booking (the desk sees it at once), the host
/// desk anyone's, with a reason. A guest who comes after a cancellation is a new walk-in: no credit.
/// </summary>
public static class CancelBooking
{
    public static async Task<IResult> HandleAsync(Guid id, CancelInput? input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var user = http.User;
        var at = await http.Caller().NowAsync();
        var reason = input?.Reason?.Trim() ?? "";
        Guid? roomId = null;
        AuditScope.Name(http, "booking.cancel");
        try
        {
            await using var tx = await db.BeginWriteAsync();
            var booking = await Desk.FindBookingAsync(db, user, id);
            if (booking is null) return Problems.Rule(404, "booking.notFound");
            var own = booking.BookerId == user.StaffId();
            if (!own && !user.Can(Capability.WorkDesk)) return Problems.Rule(403, "booking.onlyBookerOrDesk");
            var v = new Validator().Text("reason", reason, 200, required: !own);
            if (!v.Ok) return v.ToResult();
            if (!BookingTransitions.CanMove(booking.Status, BookingAction.Cancel)) return Desk.WrongStatus(booking);

            if (await Desk.ActiveClaimOfBookingAsync(db, booking.Id) is { } claim)
            {
                await Desk.ReleaseAsync(db, claim, RoomState.Free, at.Now);
                roomId = claim.RoomId;
            }
            booking.Status = BookingTransitions.Apply(booking.Status, BookingAction.Cancel);
            booking.RoomId = null;
            booking.CancelledAt = at.Now;
            booking.CancelReason = reason;
            db.Record(booking, own ? "cancelledByBooker" : "cancelledByDesk", user, at.Now, detail: reason);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        catch (DbUpdateException e) when (e.IsConflict())
        {
            return Problems.Rule(409, "booking.changed");
        }

        if (roomId is { } changed) board.RoomChanged(at.VenueId, changed);
        board.BookingChanged(at.VenueId, id);
        return Results.Ok((await BookingQueries.ViewAsync(db, id, at, withHistory: false))!.For(http.User, at));
    }
}
