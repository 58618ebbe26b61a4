using Encore.Web.Customers;
using CustomerRules = Encore.Web.Customers.CustomerRules;
using Encore.Web.Rooms;
using Encore.Web.Discipline;

namespace Encore.Web.Bookings;

public sealed record ArriveInput(string? CustomerName, string? CustomerPhone, string? ConfirmationCode, string? RoomNumber);

/// <summary>
/// POST /api/bookings/{id}/arrive (host desk): the guest is verified against the booking (name + phone, or the
/// confirmation code). A lapsed booking (late arrival) is verified the same way and takes a room again, still
/// credited to its booker. A confirmation code that is not this booking's is a desk typo: refused naming
/// <c>confirmationCode</c>, nothing recorded, the desk tries again. A guest whose name or phone differs from the
/// booking claimed (by code or by name and phone) is refused and proposed to the floor as cheating (作弊) on the
/// booker, with the evidence, for a floor manager to confirm or dismiss.
/// </summary>
public static class ArriveBooking
{
    public static async Task<IResult> HandleAsync(Guid id, ArriveInput input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var user = http.User;
        var byCode = !string.IsNullOrWhiteSpace(input.ConfirmationCode);
        var v = new Validator();
        if (!byCode)
        {
            if (string.IsNullOrWhiteSpace(input.CustomerName) && string.IsNullOrWhiteSpace(input.CustomerPhone))
                v.Add("confirmationCode", "requiredEither", "customerName + customerPhone");
            else
            {
                v.Text("customerName", input.CustomerName, 50);
                v.Text("customerPhone", input.CustomerPhone, 30);
            }
        }
        else
        {
            v.Text("confirmationCode", input.ConfirmationCode, 12);
            // The guest's name and phone may come with the code: the desk checks the guest is the booking's.
            v.Text("customerName", input.CustomerName, 50, required: false);
            v.Text("customerPhone", input.CustomerPhone, 30, required: false);
        }
        v.Text("roomNumber", input.RoomNumber, 16, required: false);
        if (!v.Ok) return v.ToResult();

        var at = await http.Caller().NowAsync();
        Guid? roomId = null;
        try
        {
            await using var tx = await db.BeginWriteAsync();
            var booking = await Desk.FindBookingAsync(db, user, id);
            if (booking is null) return Problems.Rule(404, "booking.notFound");
            if (booking.Status == BookingStatus.Cancelled) return Problems.Rule(409, "booking.cancelledWalkIn");
            if (!BookingTransitions.CanMove(booking.Status, BookingAction.Arrive)) return Desk.WrongStatus(booking);

            // A code that is not this booking's claims nothing: a typo at the desk must not cost the booker a fine.
            if (byCode && !string.Equals(input.ConfirmationCode!.Trim(), booking.ConfirmationCode, StringComparison.OrdinalIgnoreCase))
                return Problems.Validation("confirmationCode", "noBookingWithCode", input.ConfirmationCode.Trim());

            if (!GuestMatches(booking, input))
            {
                AuditScope.Name(http, "booking.verificationFailed");
                // The evidence names both phones, each kept apart with its customer file: the history and the fine
                // store it masked, and each reader gets back in full only the phones they may see (department heads
                // and cashiers read the fine and the booking but own neither customer).
                var evidence = PhoneText.Say("bookingHistory.verificationFailed", input.CustomerName?.Trim(), await GivenPhoneAsync(db, booking.VenueId, input.CustomerPhone),
                        booking.CustomerName, new PhoneMention(booking.CustomerPhone, booking.CustomerId));
                db.Record(booking, "verificationFailed", user, at.Now, evidence);
                // One cheating charge per booking: a desk retrying with the same guest does not multiply the fine.
                var cheating = SystemViolation.Cheating.Code();
                List<Guid> proposed = [];
                if (!await db.Violations.AnyAsync(x => x.BookingId == booking.Id && x.Kind == cheating))
                {
                    var fineEvidence = PhoneText.Say("fines.evidence.cheating", booking.ConfirmationCode, evidence, user.Badge());
                    proposed = (await Discipline.Fines.RaiseAsync(db, Discipline.Fines.Incident.BySystem(booking.VenueId, booking.BookerId, cheating,
                        at.Rules.Bookings.CheatingFine, booking.BusinessDay, at.Now, fineEvidence, bookingId: booking.Id), at.Rules)).Select(c => c.Id).ToList();
                }
                await db.SaveChangesAsync();
                await tx.CommitAsync();
                board.BookingChanged(at.VenueId, booking.Id);
                if (proposed.Count > 0) board.ViolationsChanged(at.VenueId, proposed);
                Writes.KeepDespiteRefusal(http);
                return Problems.Rule(409, "booking.verificationMismatch");
            }

            AuditScope.Name(http, booking.Status == BookingStatus.Lapsed ? "booking.lateArrival" : "booking.arrive");
            var claim = await Desk.ActiveClaimOfBookingAsync(db, booking.Id);
            string? roomNumber = null;
            if (claim is null)
            {
                // Not yet given a room, or lapsed and released: the desk gives one now.
                if (string.IsNullOrWhiteSpace(input.RoomNumber)) return Problems.Validation("roomNumber", "required");
                var room = await Desk.FindRoomAsync(db, booking.VenueId, input.RoomNumber);
                if (room is null) return Problems.Validation("roomNumber", "unknown");
                if (await Desk.RefuseIfTakenAsync(db, room) is { } refused) return refused;
                Desk.Claim(db, room, RoomState.Reserved, at.Now, booking.Id, null);
                booking.RoomId = room.Id;
                booking.AssignedAt = at.Now;
                roomNumber = room.Number;
                roomId = room.Id;
            }
            // The room already held for the guest changes too: its tile shows the guest arrived (RoomView.GuestArrived)
            // and stops counting down the hold, as the waiting list and the dialog do from "bookingChanged".
            else roomId = claim.RoomId;
            var late = booking.Status == BookingStatus.Lapsed;
            booking.Status = BookingTransitions.Apply(booking.Status, BookingAction.Arrive);
            booking.ArrivedAt = at.Now;
            booking.HoldUntil = null;
            db.Record(booking, late ? "lateArrival" : "arrived", user, at.Now,
                PhoneText.Say(byCode ? "bookingHistory.verifiedByCode" : "bookingHistory.verifiedByNameAndPhone"), roomNumber);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        catch (DbUpdateException e) when (e.IsConflict())
        {
            return Problems.Rule(409, "room.held", input.RoomNumber?.Trim() ?? "");
        }

        if (roomId is { } changed) board.RoomChanged(at.VenueId, changed);
        board.BookingChanged(at.VenueId, id);
        return Results.Ok((await BookingQueries.ViewAsync(db, id, at, withHistory: false))!.For(http.User, at));
    }

    /// <summary>The phone the guest gave, with the customer file it is on, if any (its owner may see it in full, nobody else but the floor).</summary>
    private static async Task<PhoneMention?> GivenPhoneAsync(EncoreDb db, Guid venue, string? given)
    {
        if (string.IsNullOrWhiteSpace(given)) return null;
        var phone = CustomerRules.Normalize(given);
        var onFile = CustomerRules.ValidPhone(phone) is null ? null
            : await db.Customers.Where(c => c.VenueId == venue && c.Phone == phone).Select(c => (Guid?)c.Id).FirstOrDefaultAsync();
        return new PhoneMention(phone, onFile);
    }

    /// <summary>
    /// The guest is the booking's: with the right code, each of name and phone the desk also typed must agree; without
    /// a code both must.
    /// </summary>
    private static bool GuestMatches(Booking booking, ArriveInput input)
    {
        var byCode = !string.IsNullOrWhiteSpace(input.ConfirmationCode);
        var nameOk = byCode && string.IsNullOrWhiteSpace(input.CustomerName)
                     || string.Equals(input.CustomerName?.Trim(), booking.CustomerName, StringComparison.OrdinalIgnoreCase);
        var phoneOk = byCode && string.IsNullOrWhiteSpace(input.CustomerPhone)
                      || CustomerRules.Normalize(input.CustomerPhone ?? "") == booking.CustomerPhone;
        return nameOk && phoneOk;
    }
}
