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
