using System.Text.Json.Serialization;
using Encore.Web.Customers;
using CustomerRules = Encore.Web.Customers.CustomerRules;

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

    /// <summary>The booker (who sees the phone only as the customer's owner, <see cref="BookingQueries.SeesPhone"/>).</summary>
    [JsonIgnore] public Guid BookerId { get; init; }

    /// <summary>The corporate account the booking was made for (issue 20) and its company; null for a private guest.</summary>
    public Guid? AccountId { get; init; }
    public string? AccountCompany { get; init; }
    /// <summary>The partner who brought the guest (issue 20) and its name; null when nobody did.</summary>
    public Guid? PartnerId { get; init; }
    public string? PartnerName { get; init; }
    /// <summary>The booked customer's file, if any, and whoever owns it now: masking follows the current owner.</summary>
    [JsonIgnore] public Guid? CustomerId { get; init; }
    [JsonIgnore] public Guid? CustomerOwnerId { get; init; }
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

    /// <summary>
    /// Whether <paramref name="user"/> sees the guest's phone in full on this booking (SPEC.md "Customer files": a
    /// manager sees only their own customers in full):
    /// <list type="bullet">
    /// <item>the customer's owner NOW — not the booker as such: after a handover the old owner keeps seeing the
    /// bookings they made (their credit, their history) but with the phone masked; a booker by consent sees it masked too;</item>
    /// <item>the booker of a booking with no customer file (written before files were kept): they typed the number;</item>
    /// <item>who manages every file (the floor manager, the GM);</item>
    /// <item>the host desk (<see cref="Capability.SeeBookingPhones"/>) only on tonight's open bookings: tonight's
    /// business day and booked, assigned or arrived — the guests it may have to call, verify or look after now. A
    /// past or future night's booking, a lapsed one (a late guest is verified by what they say, not by reading the
    /// number out), a cancelled or a completed one is masked, so the desk cannot harvest the book day by day.</item>
    /// </list>
    /// </summary>
    public static bool SeesPhone(this BookingView view, ClaimsPrincipal user, VenueNow at)
    {
        if (view.Owns(user.StaffId())) return true;
        if (user.Can(Capability.ManageAllCustomers)) return true;
        return user.Can(Capability.SeeBookingPhones) && TonightsOpen(view, at);
    }

    /// <summary>The staff member owns this booking's customer now (or, with no file, booked it).</summary>
    public static bool Owns(this BookingView view, Guid staff) => view.CustomerId is null ? view.BookerId == staff : view.CustomerOwnerId == staff;

    /// <summary>Tonight's booking whose guest is still to come or in the house.</summary>
    public static bool TonightsOpen(BookingView view, VenueNow at) =>
        view.BusinessDay == at.Today && view.Status is BookingStatus.Booked or BookingStatus.Assigned or BookingStatus.Arrived;

    /// <summary>The booking as <paramref name="user"/> may see it: the phone masked unless <see cref="SeesPhone"/>.</summary>
    public static BookingView For(this BookingView view, ClaimsPrincipal user, VenueNow at) =>
        view.SeesPhone(user, at) ? view : view with { CustomerPhone = CustomerRules.Mask(view.CustomerPhone) };

    /// <summary>
    /// The bookings as <paramref name="http"/>'s caller may see them, and one audit entry for the request listing the
    /// bookings whose full phone went to someone who does not own the customer (the desk, the floor, the GM), as
    /// GET /api/customers/{id} does for one file: a read of many phones is one entry, not one per row.
    /// </summary>
    public static async Task<List<BookingView>> ForAsync(this IEnumerable<BookingView> views, HttpContext http, VenueNow at)
    {
        var user = http.User;
        var me = user.StaffId();
        var all = views.ToList();
        var notOwn = all.Where(v => v.SeesPhone(user, at) && !v.Owns(me))
            .Select(v => v.Id).ToList();
        var shown = all.Select(v => v.For(user, at)).ToList();
        if (notOwn.Count > 0)
            await http.RequestServices.GetRequiredService<AuditLog>().WriteAsync(user, "booking.phonesViewed", nameof(Booking),
                notOwn.Count == 1 ? notOwn[0].ToString() : "", null, new { count = notOwn.Count, bookings = notOwn, route = http.Request.Path.Value });
        return shown;
    }

    public static async Task<List<BookingView>> ViewsAsync(EncoreDb db, IQueryable<Booking> bookings, VenueNow at)
    {
        var rows = await (
                from b in bookings
                join s in db.Users on b.BookerId equals s.Id
                join r in db.Rooms on b.RoomId equals r.Id into rooms
                from r in rooms.DefaultIfEmpty()
                join c in db.Customers on b.CustomerId equals c.Id into customers
                from c in customers.DefaultIfEmpty()
                join a in db.Accounts on b.AccountId equals a.Id into accounts
                from a in accounts.DefaultIfEmpty()
                join p in db.Partners on b.PartnerId equals p.Id into partners
                from p in partners.DefaultIfEmpty()
                orderby b.Arrival, b.CreatedAt
                select new { b, Badge = s.UserName!, s.Name, Room = r == null ? null : r.Number, Owner = c == null ? (Guid?)null : c.OwnerId, Company = a == null ? null : a.Company,
                    Partner = p == null ? null : p.Name })
            .ToListAsync();
        return rows.Select(x => View(x.b, x.Badge, x.Name, x.Room, x.Owner, at) with { AccountCompany = x.Company, PartnerName = x.Partner }).ToList();
    }

    /// <summary>
    /// The view of a booking from its row and what it joins (the booker's badge and name, the room's number, the
    /// customer file's owner): what <see cref="ViewsAsync"/> reads, and what a handler that has just written the
    /// booking already holds (issue 15: the create answered with a second read of the row it had written).
    /// </summary>
    public static BookingView View(Booking b, string bookerBadge, string bookerName, string? roomNumber, Guid? customerOwnerId, VenueNow at) =>
        // A late arrival and any booking that arrived credits the booker (SPEC.md "Late arrival").
        new(b.Id, b.Status, b.ConfirmationCode, at.Local(b.HoldUntil), bookerBadge, bookerName, b.BookerDepartment,
            b.Status is BookingStatus.Arrived or BookingStatus.Completed ? bookerBadge : null,
            b.CustomerName, b.CustomerPhone, at.Local(b.Arrival), b.PartySize, b.RoomType, b.Note,
            roomNumber, b.BusinessDay, at.Local(b.CreatedAt), at.Local(b.AssignedAt), at.Local(b.ArrivedAt),
            at.Local(b.CancelledAt), b.CancelReason) { BookerId = b.BookerId, CustomerId = b.CustomerId, CustomerOwnerId = customerOwnerId, AccountId = b.AccountId, PartnerId = b.PartnerId };

    /// <summary>One booking; with its history as <paramref name="reader"/> may read it (phones named in it masked unless theirs to see, <see cref="PhoneSight"/>).</summary>
    public static async Task<BookingView?> ViewAsync(EncoreDb db, Guid id, VenueNow at, bool withHistory, ClaimsPrincipal? reader = null)
    {
        var view = (await ViewsAsync(db, db.Bookings.Where(b => b.Id == id), at)).SingleOrDefault();
        if (view is null || !withHistory) return view;
        var history = await db.BookingEvents.Where(e => e.BookingId == id)
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new { e.At, e.Kind, e.Status, e.ActorBadge, e.RoomNumber, e.Detail, e.DetailPhones })
            .ToListAsync();
        var parts = history.Select(e => PhoneText.Parse(e.DetailPhones)).ToList();
        // Without a reader (an answer that names no phones in full): the parts still speak the request's language.
        Func<string, PhoneText?, string> render = (stored, json) => json is null ? stored : json.Render(_ => false);
        if (reader is not null) render = (await PhoneSight.ForAsync(db, reader, parts)).Render;
        return view with
        {
            History = history.Select((e, i) => new BookingEventView(at.Local(e.At), e.Kind, e.Status, e.ActorBadge, e.RoomNumber, render(e.Detail, parts[i]))).ToList(),
        };
    }

    /// <summary>Appends one entry to a booking's history; bookings keep every change (never updated or deleted).</summary>
    public static void Record(this EncoreDb db, Booking booking, string kind, ClaimsPrincipal? actor, DateTimeOffset at,
        string? roomNumber = null, string detail = "") => db.Record(booking, kind, actor, at, roomNumber, detail, null);

    /// <summary>An entry whose detail names phones: the detail column keeps them masked, <see cref="BookingEvent.DetailPhones"/> in full for who may see them.</summary>
    /// The detail is a message read in each reader's language (<see cref="PhoneText"/>).
    public static void Record(this EncoreDb db, Booking booking, string kind, ClaimsPrincipal? actor, DateTimeOffset at, PhoneText detail, string? roomNumber = null) =>
        db.Record(booking, kind, actor, at, roomNumber, detail.Masked, detail.Json);

    private static void Record(this EncoreDb db, Booking booking, string kind, ClaimsPrincipal? actor, DateTimeOffset at,
        string? roomNumber, string detail, string? detailPhones) =>
        db.BookingEvents.Add(NewEvent(booking, kind, actor, at, roomNumber, detail, detailPhones));

    /// <summary>The history entry <see cref="Record(EncoreDb, Booking, string, ClaimsPrincipal?, DateTimeOffset, PhoneText, string?)"/> adds, for a writer that inserts it itself (a new booking, Create.cs).</summary>
    internal static BookingEvent NewEvent(Booking booking, string kind, ClaimsPrincipal? actor, DateTimeOffset at, PhoneText? detail)
        => NewEvent(booking, kind, actor, at, null, detail?.Masked ?? "", detail?.Json);

    private static BookingEvent NewEvent(Booking booking, string kind, ClaimsPrincipal? actor, DateTimeOffset at,
        string? roomNumber, string detail, string? detailPhones)
    {
        var entry = new BookingEvent
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
            DetailPhones = detailPhones,
        };
        booking.UpdatedAt = at;
        booking.Version++;
        return entry;
    }
}
