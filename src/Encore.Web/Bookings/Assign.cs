using Encore.Web.Rooms;

namespace Encore.Web.Bookings;

public sealed record AssignInput(string? RoomNumber);

/// <summary>
/// POST /api/bookings/{id}/assign (host desk): the booking takes a free room and its hold starts
/// (HoldPolicy: from the later of arrival and this moment). Never two bookings on one room: see <see cref="Writes"/>.
/// </summary>
public static class AssignBooking
{
    public static async Task<IResult> HandleAsync(Guid id, AssignInput input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        if (string.IsNullOrWhiteSpace(input.RoomNumber)) return Problems.Validation("roomNumber", "required");
        var at = await http.Caller().NowAsync();
        AuditScope.Name(http, "booking.assign");
        Guid roomId;
        try
        {
            await using var tx = await db.BeginWriteAsync();
            var booking = await Desk.FindBookingAsync(db, http.User, id);
            if (booking is null) return Problems.Rule(404, "booking.notFound");
            if (booking.Status == BookingStatus.Lapsed) return Problems.Rule(409, "booking.lapsedVerify");
            if (!BookingTransitions.CanMove(booking.Status, BookingAction.Assign)) return Desk.WrongStatus(booking);
            var room = await Desk.FindRoomAsync(db, at.VenueId, input.RoomNumber);
            if (room is null) return Problems.Validation("roomNumber", "unknown");
            if (await Desk.RefuseIfTakenAsync(db, room) is { } refused) return refused;

            var holdUntil = HoldPolicy.HoldUntil(booking.Arrival, at.Now, at.Rules);
            if (HoldPolicy.HasLapsed(holdUntil, at.Now)) return Problems.Rule(409, "booking.holdOver");

            Desk.Claim(db, room, RoomState.Reserved, at.Now, booking.Id, null);
            booking.Status = BookingTransitions.Apply(booking.Status, BookingAction.Assign);
            booking.RoomId = room.Id;
            booking.AssignedAt = at.Now;
            booking.HoldUntil = holdUntil;
            db.Record(booking, "assigned", http.User, at.Now, room.Number);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            roomId = room.Id;
        }
        catch (DbUpdateException e) when (e.IsConflict())
        {
            // Another desk took the room (or changed the booking) between our check and our write.
            return Problems.Rule(409, "room.held", input.RoomNumber.Trim());
        }

        board.RoomChanged(at.VenueId, roomId);
        board.BookingChanged(at.VenueId, id);
        return Results.Ok((await BookingQueries.ViewAsync(db, id, at, withHistory: false))!.For(http.User, at));
    }
}
