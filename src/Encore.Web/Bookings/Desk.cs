namespace Encore.Web.Bookings;

/// <summary>
/// The room moves every desk action shares: taking a free room for a booking or session (a new claim) and
/// giving it back. Callers run inside the request's write transaction (<see cref="Writes.BeginWriteAsync"/>).
/// </summary>
public static class Desk
{
    public static Task<Room?> FindRoomAsync(EncoreDb db, Guid venue, string? number) =>
        string.IsNullOrWhiteSpace(number)
            ? Task.FromResult<Room?>(null)
            : db.Rooms.SingleOrDefaultAsync(r => r.VenueId == venue && r.Number == number.Trim());

    /// <summary>Null when the room can be taken; otherwise the 409 that says why not.</summary>
    public static async Task<IResult?> RefuseIfTakenAsync(EncoreDb db, Room room)
    {
        if (room.State != RoomState.Free)
            return Problems.Rule(409, "room.notFree", room.Number, Texts.Get($"roomState.{room.State}", System.Globalization.CultureInfo.CurrentUICulture));
        if (await db.RoomClaims.AnyAsync(c => c.RoomId == room.Id && c.ReleasedAt == null))
            return Problems.Rule(409, "room.held", room.Number);
        return null;
    }

    public static RoomClaim Claim(EncoreDb db, Room room, RoomState state, DateTimeOffset now, Guid? bookingId, Guid? sessionId)
    {
        var claim = new RoomClaim { VenueId = room.VenueId, RoomId = room.Id, BookingId = bookingId, SessionId = sessionId, From = now };
        db.RoomClaims.Add(claim);
        SetState(room, state, now);
        return claim;
    }

    public static void SetState(Room room, RoomState state, DateTimeOffset now, string note = "")
    {
        room.State = state;
        room.StateNote = note;
        room.StateSince = now;
        room.Version++;
    }

    public static Task<RoomClaim?> ActiveClaimAsync(EncoreDb db, Guid roomId) =>
        db.RoomClaims.SingleOrDefaultAsync(c => c.RoomId == roomId && c.ReleasedAt == null);

    public static Task<RoomClaim?> ActiveClaimOfBookingAsync(EncoreDb db, Guid bookingId) =>
        db.RoomClaims.SingleOrDefaultAsync(c => c.BookingId == bookingId && c.ReleasedAt == null);

    /// <summary>Ends a claim and leaves the room in <paramref name="next"/> (free, or cleaning after guests).</summary>
    public static async Task ReleaseAsync(EncoreDb db, RoomClaim claim, RoomState next, DateTimeOffset now)
    {
        claim.ReleasedAt = now;
        var room = await db.Rooms.SingleAsync(r => r.Id == claim.RoomId);
        SetState(room, next, now);
    }

    /// <summary>Loads a booking the caller may see in their venue (others are 404, not 403: their existence is private).</summary>
    public static Task<Booking?> FindBookingAsync(EncoreDb db, ClaimsPrincipal user, Guid id) =>
        db.Bookings.VisibleTo(user).SingleOrDefaultAsync(b => b.Id == id);

    public static IResult WrongStatus(Booking booking) =>
        Problems.Rule(409, "booking.wrongStatus", Texts.Get($"bookingStatus.{booking.Status}", System.Globalization.CultureInfo.CurrentUICulture));

}
