using Encore.Web.Customers;

namespace Encore.Web.Bookings;

/// <summary>PATCH /api/bookings/{id}: what may change; a field left out (or null) stays as it is, a note of "" clears it.</summary>
public sealed record ChangeBookingInput(string? Arrival, int? PartySize, RoomType? RoomType, string? Note);

/// <summary>
/// Changing a booking (issue 14): its booker or the host desk moves the arrival, the party size, the room type or
/// the note of a booking whose guest has not come yet (booked or assigned). Validated as a new booking is (the same
/// arrival bounds and party-size check), kept in the booking's history and audited.
/// <para>
/// The hold never stretches. SPEC.md "Bookings" gives each booking its hold window from its arrival; a booking
/// moved later would otherwise keep a room (and its place on the board) longer than the booking the guest made —
/// the room-grabbing the hold windows exist to stop ("book 20:00, at 20:55 move to 22:00"). So a changed arrival
/// gets the hold the rules give it (<see cref="HoldPolicy.HoldUntil"/>, from the later of the new arrival and the
/// room assignment), but never later than the hold the booking already has: a hold may shrink by editing, never grow.
/// An arrival at or after that hold is refused (409 booking.holdCannotStretch, naming the hold): the booking would
/// lapse before its guest came, and a guest who comes later than their booking allows is a new booking (cancel and
/// book again, which the booker's integrity report counts). Moving to another night is the same case.
/// </para>
/// </summary>
public static class ChangeBooking
{
    public static async Task<IResult> HandleAsync(Guid id, ChangeBookingInput input, HttpContext http, EncoreDb db, Board.BoardNotifier board, Rooms.LargestRooms largestRooms)
    {
        var user = http.User;
        var at = await http.Caller().NowAsync();
        AuditScope.Name(http, "booking.change");
        var booking = await Desk.FindBookingAsync(db, user, id);
        if (booking is null) return Problems.Rule(404, "booking.notFound");
        if (booking.BookerId != user.StaffId() && !user.Can(Capability.WorkDesk)) return Problems.Rule(403, "booking.onlyBookerOrDeskChanges");

        var v = new Validator()
            .Text("note", input.Note, 500, required: false)
            .Range("partySize", input.PartySize, 1, Ranges.PartySizeMax, required: false);
        if (input.Arrival is null && input.PartySize is null && input.RoomType is null && input.Note is null)
            v.Add("arrival", "requiredEither", "partySize|roomType|note");
        var arrival = input.Arrival is null ? null : CreateBooking.ParseArrival(v, input.Arrival, at);
        v.Defined("roomType", input.RoomType);
        await CreateBooking.CheckPartyFitsAsync(v, largestRooms, db, at.VenueId, input.PartySize);
        if (!v.Ok) return v.ToResult();

        // A guest who has come (or whose hold ran out, or who was cancelled) has a booking that is history now.
        if (booking.Status is not (BookingStatus.Booked or BookingStatus.Assigned)) return Desk.WrongStatus(booking);

        var changes = new List<PhoneText>();
        var partySize = input.PartySize ?? booking.PartySize;
        var roomType = input.RoomType ?? booking.RoomType;
        if (booking.RoomId is { } roomId)
        {
            // The room already held must still seat the party as booked; another room is the desk's transfer.
            var room = await db.Rooms.SingleAsync(r => r.Id == roomId);
            if (partySize > room.Capacity) return Problems.Rule(409, "booking.assignedRoomTooSmall", room.Number, room.Capacity);
            if (input.RoomType is { } wanted && wanted != room.Type) return Problems.Rule(409, "booking.assignedRoomOtherType", room.Number);
        }

        if (arrival is { } moved && moved != booking.Arrival)
        {
            var current = booking.HoldUntil!.Value; // booked and assigned bookings always have a hold
            var byRules = HoldPolicy.HoldUntil(moved, booking.AssignedAt, at.Rules);
            var hold = byRules < current ? byRules : current;
            if (moved >= hold) return Problems.Rule(409, "booking.holdCannotStretch", at.HourMinute(current));
            if (HoldPolicy.HasLapsed(hold, at.Now)) return Problems.Rule(409, "booking.holdOver");
            changes.Add(PhoneText.Say("bookingHistory.changedArrival", at.HourMinute(booking.Arrival), at.HourMinute(moved)));
            if (hold != current) changes.Add(PhoneText.Say("bookingHistory.changedHold", at.HourMinute(current), at.HourMinute(hold)));
            booking.Arrival = moved;
            booking.BusinessDay = at.DayOf(moved);
            booking.HoldUntil = hold;
        }
        if (partySize != booking.PartySize)
        {
            changes.Add(PhoneText.Say("bookingHistory.changedPartySize", booking.PartySize, partySize));
            booking.PartySize = partySize;
        }
        if (roomType != booking.RoomType)
        {
            changes.Add(PhoneText.Say("bookingHistory.changedRoomType", RoomTypeText(booking.RoomType), RoomTypeText(roomType)));
            booking.RoomType = roomType;
        }
        if (input.Note is { } note && note.Trim() != booking.Note)
        {
            changes.Add(PhoneText.Say("bookingHistory.changedNote", note.Trim()));
            booking.Note = note.Trim();
        }

        if (changes.Count > 0)
        {
            db.Record(booking, "changed", user, at.Now, PhoneText.List(changes), booking.RoomId is null ? null
                : await db.Rooms.Where(r => r.Id == booking.RoomId).Select(r => r.Number).SingleAsync());
            await db.SaveChangesAsync();
            Writes.AfterCommit(() => board.BookingChanged(at.VenueId, id));
        }
        return Results.Ok((await BookingQueries.ViewAsync(db, id, at, withHistory: false))!.For(user, at));
    }

    /// <summary>A room type in the reader's words, or "—" for a booking that named none.</summary>
    private static PhoneText RoomTypeText(RoomType? type) =>
        type is { } t ? PhoneText.Say("roomType." + t.ToString().ToLowerInvariant()) : PhoneText.Of("—");
}
