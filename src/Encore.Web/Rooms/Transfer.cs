using Encore.Web.Bookings;

namespace Encore.Web.Rooms;

public sealed record TransferInput(string? ToRoomNumber);

/// <summary>
/// POST /api/rooms/{number}/transfer (转房, host desk): the booking or session moves to a free room; the room it
/// leaves goes to cleaning if guests were in it, or straight back to free if it was only reserved.
/// </summary>
public static class TransferRoom
{
    public static async Task<IResult> HandleAsync(string number, TransferInput input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        if (string.IsNullOrWhiteSpace(input.ToRoomNumber)) return Problems.Validation("toRoomNumber", "required");
        var at = await http.Caller().NowAsync();
        AuditScope.Name(http, "room.transfer");
        Room? from, to;
        Guid? bookingId;
        try
        {
            await using var tx = await db.BeginWriteAsync();
            from = await Desk.FindRoomAsync(db, at.VenueId, number);
            if (from is null) return Problems.Rule(404, "room.notFound", number);
            to = await Desk.FindRoomAsync(db, at.VenueId, input.ToRoomNumber);
            if (to is null) return Problems.Validation("toRoomNumber", "unknown");
            if (to.Id == from.Id) return Problems.Validation("toRoomNumber", "sameRoom");
            var claim = await Desk.ActiveClaimAsync(db, from.Id);
            if (claim is null) return Problems.Rule(409, "room.nothingToTransfer", from.Number);
            if (await Desk.RefuseIfTakenAsync(db, to) is { } refused) return refused;

            var occupied = claim.SessionId is not null;
            await Desk.ReleaseAsync(db, claim, occupied ? RoomState.Cleaning : RoomState.Free, at.Now);
            // The old claim is released before the new one is written: the active-claim indexes see one at a time.
            await db.SaveChangesAsync();
            Desk.Claim(db, to, occupied ? RoomState.Occupied : RoomState.Reserved, at.Now, claim.BookingId, claim.SessionId);
            if (claim.SessionId is { } sessionId)
                (await db.RoomSessions.SingleAsync(s => s.Id == sessionId)).RoomId = to.Id;
            bookingId = claim.BookingId;
            if (bookingId is { } id)
            {
                var booking = await db.Bookings.SingleAsync(b => b.Id == id);
                booking.RoomId = to.Id;
                db.Record(booking, "transferred", http.User, at.Now, Customers.PhoneText.Say("bookingHistory.transferredFrom", from.Number), to.Number);
            }
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        catch (DbUpdateException e) when (e.IsConflict())
        {
            return Problems.Rule(409, "room.held", input.ToRoomNumber.Trim());
        }

        board.RoomChanged(at.VenueId, from.Id);
        board.RoomChanged(at.VenueId, to.Id);
        if (bookingId is { } changed) board.BookingChanged(at.VenueId, changed);
        return Results.Ok((await RoomBoard.ViewsAsync(db, at.VenueId, at.Zone, [to.Id])).Single());
    }
}
