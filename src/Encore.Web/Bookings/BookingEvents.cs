using Encore.Web.Board;
using Encore.Web.Customers;
using CustomerRules = Encore.Web.Customers.CustomerRules;
using Microsoft.AspNetCore.SignalR;

namespace Encore.Web.Bookings;

/// <summary>
/// A booking's live event, "bookingChanged", masked as GET /api/bookings masks it (<see cref="BookingQueries.SeesPhone"/>):
/// in full to the floor and the GM; to the desk in full only while it is tonight's open booking; to its booker in
/// full only while they own the customer (after a handover the old owner still follows their booking, masked);
/// masked to who follows every booking without phones (<see cref="BoardHub.GroupsFor"/>). Pushes are not audited:
/// they carry what the same screen's audited GET /api/bookings already showed, as each booking changes.
/// </summary>
public static class BookingEvents
{
    /// <param name="asCommitted">The booking as the handler committed it, when it holds it whole (the create): sent
    /// as it is instead of being read again (issue 15).</param>
    public static void BookingChanged(this BoardNotifier board, Guid venue, Guid bookingId, BookingView? asCommitted = null) =>
        board.Post(venue, async live =>
        {
            if ((asCommitted ?? await BookingQueries.ViewAsync(live.Db, bookingId, live.At, withHistory: false)) is not { } booking) return;
            var masked = booking with { CustomerPhone = CustomerRules.Mask(booking.CustomerPhone) };
            await live.Clients.Group(BoardHub.AllPhonesGroup(venue)).SendAsync("bookingChanged", booking, live.Ct);
            await live.Clients.Group(BoardHub.OverseerGroup(venue)).SendAsync("bookingChanged",
                BookingQueries.TonightsOpen(booking, live.At) ? booking : masked, live.Ct);
            await live.Clients.Group(BoardHub.MaskedOverseerGroup(venue)).SendAsync("bookingChanged", masked, live.Ct);
            await live.Clients.User(booking.BookerId.ToString()).SendAsync("bookingChanged", booking.Owns(booking.BookerId) ? booking : masked, live.Ct);
        });
}
