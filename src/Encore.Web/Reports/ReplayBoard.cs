using Encore.Domain;
using CustomerRules = Encore.Web.Customers.CustomerRules;

namespace Encore.Web.Reports;

/// <summary>The booking holding a room at the minute replayed; the guest's phone masked, the status as its history had it then.</summary>
public sealed record ReplayBooking(string ConfirmationCode, string BookerBadge, string BookerName, string CustomerName, string CustomerPhone,
    BookingStatus? Status);

/// <summary>The session in the room at the minute replayed: the manager credited (null: a walk-in nobody was given) and when it opened.</summary>
public sealed record ReplaySession(string? CreditedBadge, string? CreditedName, DateTimeOffset OpenedAt, bool WalkIn);

/// <summary>
/// A room as it stood. <c>source</c> names what the state is read from: <c>roomClaims</c> (free, reserved, occupied:
/// the claims and sessions with their times), <c>checklists</c> (out of service from a room inspection's failed
/// item until it was marked fixed), <c>houseRule</c> (cleaning: the room was left by guests less than
/// <c>bookings.cleaningMinutes</c> before; when the desk released it earlier is not recorded).
/// </summary>
public sealed record ReplayRoom(string Number, RoomType Type, string Area, RoomState State, string Source, ReplayBooking? Booking, ReplaySession? Session);

public sealed record ReplayView(DateOnly BusinessDay, DateTimeOffset At, List<ReplayRoom> Rooms, List<string> NotReplayed);

/// <summary>
/// One change of the night: the room as it stood after it (<c>room</c>), from which state, what happened (<c>event</c>:
/// the booking history's kind, or opened / closed for a session, claimed / released for a claim, outOfService / fixed,
/// cleaningOver) and who did it (a badge; "system" for the hold sweeper; null when not recorded).
/// </summary>
public sealed record ReplayChange(DateTimeOffset At, string RoomNumber, RoomState From, RoomState To, string? Event, string? Who, string Source, ReplayRoom Room);

public sealed record ReplayChangesView(DateOnly BusinessDay, ReplayView Start, List<ReplayChange> Changes, List<string> NotReplayed);

/// <summary>
/// The room board of a past night rebuilt from what is recorded (issue 19: settle a dispute over a room): the room
/// claims (who held a room from when to when), the sessions (opened, closed, credited), the booking history and the
/// room inspections' out-of-service items. The state at an instant is what those rows say after every change
/// strictly before it; a minute replayed is its end (what the board showed once the minute's changes were made).
/// </summary>
public sealed class ReplayBoard
{
    private sealed record Claim(Guid RoomId, Guid? BookingId, Guid? SessionId, DateTimeOffset From, DateTimeOffset? ReleasedAt);
    private sealed record Session(Guid Id, Guid? CreditedToId, DateTimeOffset OpenedAt, Guid OpenedById, DateTimeOffset? ClosedAt, Guid? ClosedById, bool WalkIn);
    private sealed record Booking(Guid Id, string Code, Guid BookerId, string CustomerName, string CustomerPhone);
    private sealed record Event(Guid BookingId, DateTimeOffset At, string Kind, BookingStatus Status, string ActorBadge);
    private sealed record OutOfService(Guid RoomId, DateTimeOffset From, DateTimeOffset? To, Guid? FixedById);

    private readonly List<Room> rooms;
    private readonly ILookup<Guid, Claim> claims;
    private readonly Dictionary<Guid, Session> sessions;
    private readonly Dictionary<Guid, Booking> bookings;
    private readonly ILookup<Guid, Event> events;
    private readonly ILookup<Guid, OutOfService> outOfService;
    private readonly Dictionary<Guid, (string Badge, string Name)> staff;
    private readonly TimeSpan cleaning;
    private readonly VenueNow at;
    public DateOnly Day { get; }
    public DateTimeOffset Start { get; }
    public DateTimeOffset End { get; }

    /// <summary>The rules of the replay said in the reader's language: what is not recorded with its time.</summary>
    public static List<string> NotReplayed(VenueNow at)
    {
        var culture = CultureInfo.CurrentUICulture;
        return
        [
            string.Format(culture, Texts.Get("replay.limit.cleaning", culture), at.Rules.Bookings.CleaningMinutes),
            Texts.Get("replay.limit.outOfService", culture),
            Texts.Get("replay.limit.catalogue", culture),
        ];
    }

    private ReplayBoard(VenueNow at, DateOnly day, List<Room> rooms, List<Claim> claims, List<Session> sessions, List<Booking> bookings,
        List<Event> events, List<OutOfService> outOfService, Dictionary<Guid, (string, string)> staff)
    {
        this.at = at;
        Day = day;
        Start = BusinessDay.Start(day, at.Zone, at.Cutoff);
        End = BusinessDay.End(day, at.Zone, at.Cutoff);
        this.rooms = rooms;
        this.claims = claims.ToLookup(c => c.RoomId);
        this.sessions = sessions.ToDictionary(s => s.Id);
        this.bookings = bookings.ToDictionary(b => b.Id);
        this.events = events.OrderBy(e => e.At).ToLookup(e => e.BookingId);
        this.outOfService = outOfService.ToLookup(o => o.RoomId);
        this.staff = staff;
        cleaning = TimeSpan.FromMinutes(at.Rules.Bookings.CleaningMinutes);
    }

    /// <summary>Reads the night's rows: claims that overlap it, their sessions and bookings, the bookings' history, the out-of-service items.</summary>
    public static async Task<ReplayBoard> LoadAsync(EncoreDb db, VenueNow at, DateOnly day)
    {
        var venue = at.VenueId;
        var (start, end) = (BusinessDay.Start(day, at.Zone, at.Cutoff), BusinessDay.End(day, at.Zone, at.Cutoff));
        var rooms = await db.Rooms.Where(r => r.VenueId == venue).OrderBy(r => r.Number).ToListAsync();
        // The claim that ended a cleaning-minutes window before the night is still read: its room may be in cleaning at the start.
        var early = start.AddMinutes(-at.Rules.Bookings.CleaningMinutes);
        var claims = await db.RoomClaims.Where(c => c.VenueId == venue && c.From < end && (c.ReleasedAt == null || c.ReleasedAt >= early))
            .Select(c => new Claim(c.RoomId, c.BookingId, c.SessionId, c.From, c.ReleasedAt)).ToListAsync();
        var sessionIds = claims.Where(c => c.SessionId != null).Select(c => c.SessionId!.Value).Distinct().ToList();
        var bookingIds = claims.Where(c => c.BookingId != null).Select(c => c.BookingId!.Value).Distinct().ToList();
        var sessions = await db.RoomSessions.Where(s => sessionIds.Contains(s.Id))
            .Select(s => new Session(s.Id, s.CreditedToId, s.OpenedAt, s.OpenedById, s.ClosedAt, s.ClosedById, s.WalkIn)).ToListAsync();
        var bookings = await db.Bookings.Where(b => bookingIds.Contains(b.Id))
            .Select(b => new Booking(b.Id, b.ConfirmationCode, b.BookerId, b.CustomerName, b.CustomerPhone)).ToListAsync();
        var events = await db.BookingEvents.Where(e => bookingIds.Contains(e.BookingId) && e.At < end)
            .Select(e => new Event(e.BookingId, e.At, e.Kind, e.Status, e.ActorBadge)).ToListAsync();
        var outOfService = await (from i in db.Set<ChecklistRunItem>()
                                  join r in db.Set<ChecklistRun>() on i.RunId equals r.Id
                                  where r.VenueId == venue && r.RoomId != null && i.OutOfServiceAt != null && i.OutOfServiceAt < end && (i.FixedAt == null || i.FixedAt >= start)
                                  select new OutOfService(r.RoomId!.Value, i.OutOfServiceAt!.Value, i.FixedAt, i.FixedById)).ToListAsync();
        var people = sessions.SelectMany(s => new[] { s.CreditedToId, s.OpenedById, s.ClosedById }).Concat(bookings.Select(b => (Guid?)b.BookerId))
            .Concat(outOfService.Select(o => o.FixedById)).Where(id => id != null).Select(id => id!.Value).Distinct().ToList();
        var staff = await db.Users.Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => (u.UserName!, u.Name));
        return new ReplayBoard(at, day, rooms, claims, sessions, bookings, events, outOfService, staff);
    }

    /// <summary>The board after every change strictly before <paramref name="t"/>.</summary>
    public List<ReplayRoom> At(DateTimeOffset t) => rooms.Select(r => RoomAt(r, t)).ToList();

    private ReplayRoom RoomAt(Room room, DateTimeOffset t)
    {
        var held = claims[room.Id].FirstOrDefault(c => c.From < t && (c.ReleasedAt is null || c.ReleasedAt >= t));
        if (held is not null)
        {
            var session = held.SessionId is { } s && sessions.TryGetValue(s, out var found) && found.OpenedAt < t ? found : null;
            var booking = held.BookingId is { } b && bookings.TryGetValue(b, out var hb) ? hb : null;
            return new ReplayRoom(room.Number, room.Type, room.Area, session is null ? RoomState.Reserved : RoomState.Occupied, "roomClaims",
                booking is null ? null : BookingAt(booking, t),
                session is null ? null : new ReplaySession(Badge(session.CreditedToId), NameOf(session.CreditedToId), at.Local(session.OpenedAt), session.WalkIn));
        }
        if (outOfService[room.Id].Any(o => o.From < t && (o.To is null || o.To >= t)))
            return new ReplayRoom(room.Number, room.Type, room.Area, RoomState.OutOfService, "checklists", null, null);
        var left = claims[room.Id].Where(c => c.SessionId != null && c.ReleasedAt < t).MaxBy(c => c.ReleasedAt);
        if (left is not null && t <= left.ReleasedAt + cleaning)
            return new ReplayRoom(room.Number, room.Type, room.Area, RoomState.Cleaning, "houseRule", null, null);
        return new ReplayRoom(room.Number, room.Type, room.Area, RoomState.Free, "roomClaims", null, null);
    }

    private ReplayBooking BookingAt(Booking b, DateTimeOffset t) =>
        new(b.Code, Badge(b.BookerId) ?? "", NameOf(b.BookerId) ?? "", b.CustomerName, CustomerRules.Mask(b.CustomerPhone),
            events[b.Id].LastOrDefault(e => e.At < t)?.Status);

    private string? Badge(Guid? id) => id is { } v && staff.TryGetValue(v, out var s) ? s.Badge : null;
    private string? NameOf(Guid? id) => id is { } v && staff.TryGetValue(v, out var s) ? s.Name : null;

    /// <summary>
    /// Every change of the night in order: each instant something was recorded (a claim taken or released, a session
    /// opened or closed, a booking's history, an inspection's item, a cleaning's end), the rooms whose state, booking
    /// or session differ just after it from just before it.
    /// </summary>
    public List<ReplayChange> Changes()
    {
        var tick = TimeSpan.FromTicks(1);
        var instants = new SortedSet<DateTimeOffset>();
        void Add(DateTimeOffset? instant) { if (instant is { } i && i >= Start && i < End) instants.Add(i); }
        foreach (var c in claims.SelectMany(g => g)) { Add(c.From); Add(c.ReleasedAt); if (c.SessionId != null) Add(c.ReleasedAt + cleaning); }
        foreach (var s in sessions.Values) { Add(s.OpenedAt); Add(s.ClosedAt); }
        foreach (var e in events.SelectMany(g => g)) Add(e.At);
        foreach (var o in outOfService.SelectMany(g => g)) { Add(o.From); Add(o.To); }

        var changes = new List<ReplayChange>();
        var before = At(Start + tick).ToDictionary(r => r.Number);
        foreach (var instant in instants)
        {
            foreach (var room in rooms)
            {
                var now = RoomAt(room, instant + tick);
                var was = before[room.Number];
                if (now == was) continue;
                var (what, who, source) = Cause(room, instant, was, now);
                changes.Add(new ReplayChange(at.Local(instant), room.Number, was.State, now.State, what, who, source, now));
                before[room.Number] = now;
            }
        }
        return changes;
    }

    /// <summary>What was recorded at the instant a room changed: the booking's history first (it names who), then the session, the inspection, the claim.</summary>
    private (string? What, string? Who, string Source) Cause(Room room, DateTimeOffset instant, ReplayRoom was, ReplayRoom now)
    {
        var code = now.Booking?.ConfirmationCode ?? was.Booking?.ConfirmationCode;
        var booking = code is null ? null : bookings.Values.FirstOrDefault(b => b.Code == code);
        if (booking is not null && events[booking.Id].LastOrDefault(e => e.At == instant) is { } e) return (e.Kind, e.ActorBadge, "bookingEvents");
        var roomSessions = claims[room.Id].Where(c => c.SessionId != null).Select(c => sessions.GetValueOrDefault(c.SessionId!.Value)).Where(s => s != null).ToList();
        if (roomSessions.FirstOrDefault(s => s!.OpenedAt == instant) is { } opened) return ("opened", Badge(opened.OpenedById), "roomSessions");
        if (roomSessions.FirstOrDefault(s => s!.ClosedAt == instant) is { } closed) return ("closed", Badge(closed.ClosedById), "roomSessions");
        if (now.Source == "checklists") return ("outOfService", null, "checklists");
        if (was.Source == "checklists") return ("fixed", Badge(outOfService[room.Id].FirstOrDefault(o => o.To == instant)?.FixedById), "checklists");
        if (was.State == RoomState.Cleaning && now.State == RoomState.Free) return ("cleaningOver", null, "houseRule");
        return (now.State == RoomState.Free || now.State == RoomState.Cleaning ? "released" : "claimed", null, "roomClaims");
    }

    public ReplayView View(DateTimeOffset t, DateTimeOffset shownAs) => new(Day, at.Local(shownAs), At(t), NotReplayed(at));
}
