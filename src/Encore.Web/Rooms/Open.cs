using Encore.Web.Rotation;
using Encore.Web.Bookings;

namespace Encore.Web.Rooms;

/// <summary>POST /api/rooms/{number}/open: a booking or a walk-in. <c>overrideReason</c> is the GM's or an authorised host supervisor's.</summary>
public sealed record OpenInput(Guid? BookingId, bool? WalkIn, int? PartySize, string? OverrideReason);

public sealed record OpenResult(Guid SessionId, string? ManagerBadge, string RoomNumber);

/// <summary>
/// Opens a room (开房): a reserved room for its booking once the guest has arrived (不允许提前开卡: before that 409,
/// unless the GM or an authorised host supervisor overrides with a reason), or a free room for a walk-in.
/// The session credits the booking's booker; a walk-in, the next manager in the rotation (轮房).
/// </summary>
public static class OpenRoom
{
    public static async Task<IResult> HandleAsync(string number, OpenInput input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var user = http.User;
        var walkIn = input.WalkIn == true;
        var v = new Validator().Text("overrideReason", input.OverrideReason, 200, required: false);
        if (walkIn && input.BookingId is not null) v.Add("bookingId", "walkInOrBooking");
        if (!walkIn && input.BookingId is null) v.Add("bookingId", "required");
        if (walkIn) v.Range("partySize", input.PartySize, 1, Ranges.PartySizeMax);
        var overriding = !string.IsNullOrWhiteSpace(input.OverrideReason);
        if (overriding && !user.Can(Capability.OverrideRules)) return Problems.Rule(403, "override.notAuthorised");
        if (!v.Ok) return v.ToResult();

        var at = await http.Caller().NowAsync();
        AuditScope.Name(http, walkIn ? "room.openWalkIn" : "room.open");
        RoomSession session;
        Room? room;
        var rotationMoved = false;
        try
        {
            await using var tx = await db.BeginWriteAsync();
            room = await Desk.FindRoomAsync(db, at.VenueId, number);
            if (room is null) return Problems.Rule(404, "room.notFound", number);
            session = new RoomSession
            {
                VenueId = at.VenueId, RoomId = room.Id, BusinessDay = at.Today, OpenedAt = at.Now, OpenedById = user.StaffId(),
                WalkIn = walkIn, PartySize = input.PartySize ?? 0,
            };

            // SPEC.md "Rooms": a room has a capacity; more guests than it holds (issue 13: 50 into a 6-person room) is
            // refused like any broken rule, and like any rule only the GM or an authorised host supervisor overrides
            // it, with a reason that the audit keeps. Refused, not warned: a warning the desk clicks through would let
            // a typo (50 for 5) through just the same.
            var overCapacity = false;
            IResult? RefuseIfOverCapacity(int guests)
            {
                if (guests <= room.Capacity) return null;
                if (!overriding) return Problems.Validation("partySize", "aboveRoomCapacity", room.Capacity);
                AuditScope.Name(http, "room.openOverCapacity");
                overCapacity = true;
                return null;
            }

            if (walkIn)
            {
                if (RefuseIfOverCapacity(session.PartySize) is { } crowded) return crowded;
                if (await Desk.RefuseIfTakenAsync(db, room) is { } refused) return refused;
                Desk.Claim(db, room, RoomState.Occupied, at.Now, null, session.Id);
                // The next manager in tonight's rotation gets the walk-in; nobody in it → credited to nobody.
                session.CreditedToId = await Rotation.RotationQueue.PickAsync(db, at, room.Number, session.Id, user);
                rotationMoved = true;
            }
            else
            {
                var booking = await db.Bookings.SingleOrDefaultAsync(b => b.Id == input.BookingId && b.VenueId == at.VenueId);
                if (booking is null) return Problems.Validation("bookingId", "unknown");
                var claim = await Desk.ActiveClaimOfBookingAsync(db, booking.Id);
                if (claim is null || claim.RoomId != room.Id) return Problems.Rule(409, "room.notThisBooking", room.Number);
                if (claim.SessionId is not null) return Problems.Rule(409, "room.alreadyOpen", room.Number);
                if (!BookingTransitions.CanMove(booking.Status, BookingAction.Open))
                {
                    // Opening before the guest arrived (不允许提前开卡) only as an override, which counts as their arrival.
                    if (!overriding || !BookingTransitions.CanMove(booking.Status, BookingAction.Arrive)) return Problems.Rule(409, "room.guestNotArrived", room.Number);
                    booking.Status = BookingTransitions.Apply(booking.Status, BookingAction.Arrive);
                    booking.ArrivedAt = at.Now;
                    booking.HoldUntil = null;
                    db.Record(booking, "override", user, at.Now, Customers.PhoneText.Say("bookingHistory.openedBeforeArrival", input.OverrideReason!.Trim()), room.Number);
                    AuditScope.Name(http, "room.openOverride");
                }
                session.PartySize = input.PartySize ?? booking.PartySize;
                if (RefuseIfOverCapacity(session.PartySize) is { } crowded) return crowded;
                if (overCapacity)
                    db.Record(booking, "override", user, at.Now,
                        Customers.PhoneText.Count("bookingHistory.aboveCapacity", session.PartySize, room.Capacity, input.OverrideReason!.Trim()), room.Number);
                session.BookingId = booking.Id;
                session.CreditedToId = booking.BookerId;
                claim.SessionId = session.Id;
                Desk.SetState(room, RoomState.Occupied, at.Now);
                booking.Status = BookingTransitions.Apply(booking.Status, BookingAction.Open);
                db.Record(booking, "opened", user, at.Now, room.Number);
            }
            db.RoomSessions.Add(session);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        catch (DbUpdateException e) when (e.IsConflict())
        {
            return Problems.Rule(409, "room.held", number);
        }

        board.RoomChanged(at.VenueId, room.Id);
        if (rotationMoved) board.RotationChanged(at.VenueId);
        if (session.BookingId is { } bookingId) board.BookingChanged(at.VenueId, bookingId);
        var badge = session.CreditedToId is { } credited ? await db.Users.Where(u => u.Id == credited).Select(u => u.UserName).SingleAsync() : null;
        return Results.Ok(new OpenResult(session.Id, badge, room.Number));
    }
}
