using Encore.Domain;

namespace Encore.Web.Data;

/// <summary>
/// A booking (订房). Never deleted: every change of state is also kept as a <see cref="BookingEvent"/>.
/// The guest's name and phone are copied from the customer file at booking time, as the host desk verifies
/// the guest against what the booker promised.
/// </summary>
public sealed class Booking : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public Guid? CustomerId { get; set; }
    public required string CustomerName { get; set; }
    public required string CustomerPhone { get; set; }
    public DateTimeOffset Arrival { get; set; }
    public int PartySize { get; set; }
    public RoomType? RoomType { get; set; }
    public string Note { get; set; } = "";
    /// <summary>The manager the booking credits (the booker), whoever typed it in.</summary>
    public Guid BookerId { get; set; }
    public string BookerDepartment { get; set; } = "";
    public Guid CreatedById { get; set; }
    public BookingStatus Status { get; set; } = BookingStatus.Booked;
    public required string ConfirmationCode { get; set; }
    public Guid? RoomId { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }
    /// <summary>When the hold runs out (or ran out, for a lapsed booking); null once the guest has arrived.</summary>
    public DateTimeOffset? HoldUntil { get; set; }
    public DateTimeOffset? ArrivedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public string CancelReason { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Bumped on every change: two desks (or a desk and the hold sweeper) changing one booking at once → 409.</summary>
    public int Version { get; set; }
}

/// <summary>One state change of a booking: who, when, what, and why when a rule was overridden.</summary>
public sealed class BookingEvent : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public Guid BookingId { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? ActorId { get; set; }
    public string ActorBadge { get; set; } = "";
    public required string Kind { get; set; }
    public BookingStatus Status { get; set; }
    public string? RoomNumber { get; set; }
    public string Detail { get; set; } = "";
}

/// <summary>
/// A room held by a booking or a session from <see cref="From"/> until <see cref="ReleasedAt"/>. The database
/// keeps at most one unreleased claim per room (a partial unique index on both providers) and, on PostgreSQL,
/// an exclusion constraint makes two claims' periods on one room impossible to overlap.
/// </summary>
public sealed class RoomClaim : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public Guid RoomId { get; set; }
    public Guid? BookingId { get; set; }
    public Guid? SessionId { get; set; }
    public DateTimeOffset From { get; set; }
    public DateTimeOffset? ReleasedAt { get; set; }
}

/// <summary>A room in use (开房) from opening to closing, credited to one manager.</summary>
public sealed class RoomSession : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public Guid RoomId { get; set; }
    public Guid? BookingId { get; set; }
    public bool WalkIn { get; set; }
    public int PartySize { get; set; }
    /// <summary>The manager credited with the session's spend; null for a walk-in nobody was given.</summary>
    public Guid? CreditedToId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public Guid OpenedById { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public Guid? ClosedById { get; set; }
    /// <summary>The room charge part of the bill (房费), included in <see cref="Spend"/>.</summary>
    public decimal RoomCharge { get; set; }
    public decimal Spend { get; set; }
    public decimal Discount { get; set; }
    public decimal CompsValue { get; set; }
    public Guid? ApprovalId { get; set; }
    /// <summary>The comps given, as JSON [{ "item", "value" }].</summary>
    public string Comps { get; set; } = "[]";
}

/// <summary>
/// A violation charged to a member of staff (SPEC.md "Violations and fines"). The bookings feature raises
/// cheating on a failed arrival verification; the discipline feature owns the catalogue and appeals.
/// </summary>
public sealed class Violation : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public Guid StaffId { get; set; }
    public required string Kind { get; set; }
    public decimal Amount { get; set; }
    public DateOnly BusinessDay { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Null when the system raised it.</summary>
    public Guid? RaisedById { get; set; }
    public Guid? BookingId { get; set; }
    public string Evidence { get; set; } = "";
    /// <summary>Proposed when the system raised it (awaiting a floor manager); see <see cref="ViolationTransitions"/>.</summary>
    public ViolationStatus Status { get; set; } = ViolationStatus.Proposed;
    /// <summary>The charges of one incident share this id (a shared split, a promoter's manager).</summary>
    public Guid IncidentId { get; set; }
    /// <summary>offender · floorManager · departmentHead · promoterManager: why this person pays.</summary>
    public string ChargedAs { get; set; } = "offender";
    /// <summary>The incident's whole fine; <see cref="Amount"/> is this person's part of it.</summary>
    public decimal IncidentFine { get; set; }
    public decimal? Tip { get; set; }
    /// <summary>The type's escalation has run out: the person is proposed for dismissal.</summary>
    public bool Dismissal { get; set; }
    public string Reason { get; set; } = "";
    public string? PhotoPath { get; set; }
    public string AppealReason { get; set; } = "";
    public DateTimeOffset? AppealedAt { get; set; }
    public Guid? DecidedById { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string Decision { get; set; } = "";
    public int Version { get; set; }
}

/// <summary>A remembered answer to a request sent with an Idempotency-Key, replayed when the same request repeats.</summary>
public sealed class IdempotentRequest
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ActorId { get; set; }
    public required string Key { get; set; }
    public required string Fingerprint { get; set; }
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Body { get; set; }
    public string? Location { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A member of staff's attendance for one business day: the call-in (报备) before it, the sign-in and sign-out,
/// and what the night cost them under SPEC.md "Attendance and leave".
/// </summary>
public sealed class AttendanceDay : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public Guid StaffId { get; set; }
    public DateOnly BusinessDay { get; set; }
    /// <summary>Null until the person signs in (a call-in or an absence comes first).</summary>
    public DateTimeOffset? SignedInAt { get; set; }
    public bool Late { get; set; }
    /// <summary>Set when a floor manager signed in on the person's behalf.</summary>
    public Guid? SignedInById { get; set; }
    public DateTimeOffset? SignedOutAt { get; set; }
    /// <summary>Called in before the sign-in time that they would be late (报备).</summary>
    public DateTimeOffset? CalledInAt { get; set; }
    public string CallInReason { get; set; } = "";
    public bool NoPay { get; set; }
    /// <summary>No booking for the rest of the business day (403 naming the reason).</summary>
    public bool BookingSuspended { get; set; }
    /// <summary>The day's performance does not count.</summary>
    public bool PerformanceCancelled { get; set; }
    /// <summary>Absent (旷工) for the day.</summary>
    public bool Absent { get; set; }
    public string Note { get; set; } = "";
}

/// <summary>A manager's place in one business day's walk-in rotation (轮房); the lowest position is next.</summary>
public sealed class RotationEntry : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public Guid StaffId { get; set; }
    public long Position { get; set; }
    public bool Busy { get; set; }
    public bool Left { get; set; }
    public int Version { get; set; }
}

/// <summary>Every join, assignment and skip of the rotation, so a night can be replayed ("why did she get that room?").</summary>
public sealed class RotationEvent : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Kind { get; set; }
    public Guid StaffId { get; set; }
    public string Reason { get; set; } = "";
    public string? RoomNumber { get; set; }
    public Guid? SessionId { get; set; }
    public Guid? ActorId { get; set; }
    /// <summary>The queue as it stood, badges in order, when a walk-in was given.</summary>
    public string Queue { get; set; } = "";
}

/// <summary>A comp (赠送) the venue offers: fruit plate, snacks, tickets, drinks …</summary>
public sealed class CatalogueItem : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public required string Name { get; set; }
    public string Category { get; set; } = "";
    public decimal Price { get; set; }
    public bool Active { get; set; } = true;
}

/// <summary>A request to give a discount or comps beyond the credited manager's authority, and its answer.</summary>
public sealed class Approval : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public Guid RoomId { get; set; }
    public Guid SessionId { get; set; }
    public Guid RequestedById { get; set; }
    public decimal ExpectedSpend { get; set; }
    public decimal Discount { get; set; }
    public string Comps { get; set; } = "[]";
    public decimal CompsValue { get; set; }
    public string Reason { get; set; } = "";
    public ApprovalStatus Status { get; set; } = ApprovalStatus.Pending;
    public Guid? DecidedById { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string DecisionNote { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A manager's signature under their performance card (业绩卡) for one business day.</summary>
public sealed class PerformanceCard : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public Guid StaffId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public DateTimeOffset SignedAt { get; set; }
    /// <summary>What the card showed when signed: spend and rooms.</summary>
    public decimal SignedSpend { get; set; }
    public int SignedRooms { get; set; }
}

/// <summary>A manager's dispute of one line (a session) of a card, decided by a floor manager.</summary>
public sealed class CardDispute : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public Guid StaffId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public Guid SessionId { get; set; }
    public string Reason { get; set; } = "";
    public DisputeStatus Status { get; set; } = DisputeStatus.Open;
    public Guid? DecidedById { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string Decision { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A person's own monthly target, overriding the house-rule default.</summary>
public sealed class MonthlyTarget : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public Guid StaffId { get; set; }
    /// <summary>yyyy-MM.</summary>
    public required string Month { get; set; }
    public decimal? Spend { get; set; }
    public int? Rooms { get; set; }
}
