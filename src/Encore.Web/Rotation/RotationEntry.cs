namespace Encore.Web.Data;

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
