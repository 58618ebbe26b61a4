namespace Encore.Web.Bookings;

/// <summary>The booking object of API.md "Bookings", with the fields a screen needs beside it.</summary>
public sealed record BookingView(
    Guid Id, BookingStatus Status, string ConfirmationCode, DateTimeOffset? HoldUntil,
    string BookerBadge, string BookerName, string BookerDepartment, string? CreditedBadge,
    string CustomerName, string CustomerPhone, DateTimeOffset Arrival, int PartySize, RoomType? RoomType, string Note,
    string? RoomNumber, DateOnly BusinessDay, DateTimeOffset CreatedAt, DateTimeOffset? AssignedAt,
    DateTimeOffset? ArrivedAt, DateTimeOffset? CancelledAt, string CancelReason,
    IReadOnlyList<BookingEventView>? History = null)
{
    /// <summary>What may be asked for next (assign, arrive, cancel, open), by status: screens offer these instead of restating the rules.</summary>
    public IReadOnlyList<BookingAction> AllowedActions => BookingTransitions.Offered(Status);
}

public sealed record BookingEventView(DateTimeOffset At, string Kind, BookingStatus Status, string ActorBadge, string? RoomNumber, string Detail);

public static class BookingQueries
{
    /// <summary>Bookings the caller may see: a manager or promoter their own, everyone else the venue's.</summary>
    public static IQueryable<Booking> VisibleTo(this IQueryable<Booking> bookings, ClaimsPrincipal user)
    {
        var venue = user.VenueId();
        var query = bookings.Where(b => b.VenueId == venue);
        if (!SeesAllBookings(user))
        {
            var me = user.StaffId();
            query = query.Where(b => b.BookerId == me);
        }
        return query;
    }

    public static bool SeesAllBookings(ClaimsPrincipal user) => user.Can(Capability.SeeAllBookings);

    /// <summary>The booking as <paramref name="user"/> may see it: the booker and holders of <see cref="Capability.SeeBookingPhones"/> see the phone, others masked.</summary>
    public static BookingView For(this BookingView view, ClaimsPrincipal user) =>
        view.BookerBadge == user.Badge() || user.Can(Capability.SeeBookingPhones)
            ? view
            : view with { CustomerPhone = Customers.CustomerRules.Mask(view.CustomerPhone) };

    public static async Task<List<BookingView>> ViewsAsync(EncoreDb db, IQueryable<Booking> bookings, VenueNow at)
    {
        var rows = await (
                from b in bookings
                join s in db.Users on b.BookerId equals s.Id
                join r in db.Rooms on b.RoomId equals r.Id into rooms
                from r in rooms.DefaultIfEmpty()
                orderby b.Arrival, b.CreatedAt
                select new { b, Badge = s.UserName!, s.Name, Room = r == null ? null : r.Number })
            .ToListAsync();
        // A late arrival and any booking that arrived credits the booker (SPEC.md "Late arrival").
        return rows.Select(x => new BookingView(
                x.b.Id, x.b.Status, x.b.ConfirmationCode, at.Local(x.b.HoldUntil), x.Badge, x.Name, x.b.BookerDepartment,
                x.b.Status is BookingStatus.Arrived or BookingStatus.Completed ? x.Badge : null,
                x.b.CustomerName, x.b.CustomerPhone, at.Local(x.b.Arrival), x.b.PartySize, x.b.RoomType, x.b.Note,
                x.Room, x.b.BusinessDay, at.Local(x.b.CreatedAt), at.Local(x.b.AssignedAt), at.Local(x.b.ArrivedAt),
                at.Local(x.b.CancelledAt), x.b.CancelReason))
            .ToList();
    }

    public static async Task<BookingView?> ViewAsync(EncoreDb db, Guid id, VenueNow at, bool withHistory)
    {
        var view = (await ViewsAsync(db, db.Bookings.Where(b => b.Id == id), at)).SingleOrDefault();
        if (view is null || !withHistory) return view;
        var history = await db.BookingEvents.Where(e => e.BookingId == id)
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new { e.At, e.Kind, e.Status, e.ActorBadge, e.RoomNumber, e.Detail })
            .ToListAsync();
        return view with { History = history.Select(e => new BookingEventView(at.Local(e.At), e.Kind, e.Status, e.ActorBadge, e.RoomNumber, e.Detail)).ToList() };
    }

    /// <summary>Appends one entry to a booking's history; bookings keep every change (never updated or deleted).</summary>
    public static void Record(this EncoreDb db, Booking booking, string kind, ClaimsPrincipal? actor, DateTimeOffset at,
        string? roomNumber = null, string detail = "")
    {
        db.BookingEvents.Add(new BookingEvent
        {
            VenueId = booking.VenueId,
            BookingId = booking.Id,
            At = at,
            ActorId = actor?.Identity?.IsAuthenticated == true ? actor.StaffId() : null,
            ActorBadge = actor?.Identity?.IsAuthenticated == true ? actor.Badge() : "system",
            Kind = kind,
            Status = booking.Status,
            RoomNumber = roomNumber,
            Detail = detail.Length > 1000 ? detail[..1000] : detail,
        });
        booking.UpdatedAt = at;
        booking.Version++;
    }
}
