using Encore.Web.Board;
using Microsoft.AspNetCore.SignalR;

namespace Encore.Web.Bookings;

/// <summary>
/// A booking's live event, "bookingChanged": in full to its booker and to who sees booking phones, masked to
/// who follows every booking without them (<see cref="BoardHub.GroupsFor"/>).
/// </summary>
public static class BookingEvents
{
    public static void BookingChanged(this BoardNotifier board, Guid venue, Guid bookingId) =>
        board.Post(venue, async live =>
        {
            if (await BookingQueries.ViewAsync(live.Db, bookingId, live.At, withHistory: false) is not { } booking) return;
            var bookerId = await live.Db.Bookings.Where(b => b.Id == bookingId).Select(b => b.BookerId).SingleAsync(live.Ct);
            await live.Clients.Group(BoardHub.OverseerGroup(venue)).SendAsync("bookingChanged", booking, live.Ct);
            await live.Clients.Group(BoardHub.MaskedOverseerGroup(venue)).SendAsync("bookingChanged",
                booking with { CustomerPhone = Customers.CustomerRules.Mask(booking.CustomerPhone) }, live.Ct);
            await live.Clients.User(bookerId.ToString()).SendAsync("bookingChanged", booking, live.Ct);
        });
}
