namespace Encore.Web.Data;

/// <summary>A manager's place in one business day's walk-in rotation (轮房); the lowest position is next.</summary>
public sealed class RotationEntry : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public Guid StaffId { get; set; }
    public long Position { get; set; }
    public bool Busy { get; set; }
    public bool Left { get; set; }
    public int Version { get; set; }
}

internal sealed class RotationEntryConfiguration : IEntityTypeConfiguration<RotationEntry>
{
    public void Configure(EntityTypeBuilder<RotationEntry> e)
    {
        e.ToTable("rotation_entries");
        e.HasIndex(x => new { x.VenueId, x.BusinessDay, x.StaffId }).IsUnique();
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Every join, assignment and skip of the rotation, so a night can be replayed ("why did she get that room?").</summary>
public sealed class RotationEvent : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
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

internal sealed class RotationEventConfiguration : IEntityTypeConfiguration<RotationEvent>
{
    public void Configure(EntityTypeBuilder<RotationEvent> e)
    {
        e.ToTable("rotation_events");
        e.Property(x => x.Kind).HasMaxLength(32);
        e.Property(x => x.Reason).HasMaxLength(200);
        e.Property(x => x.RoomNumber).HasMaxLength(16);
        e.Property(x => x.Queue).HasMaxLength(2000);
        e.HasIndex(x => new { x.VenueId, x.BusinessDay, x.At });
    }
}
