namespace Encore.Web.Data;

public enum BookingStatus { Booked, Assigned, Arrived, Lapsed, Cancelled, Completed }

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
    /// <summary>When the hold runs out; null once the booking no longer holds anything.</summary>
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
    public decimal Spend { get; set; }
    public decimal Discount { get; set; }
    public decimal CompsValue { get; set; }
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
    public string Status { get; set; } = "open";
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
