namespace Encore.Web.Data;

/// <summary>An append-only record of one write. Never updated or deleted (the database refuses it too).</summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; } = Ids.New();
    public Guid? VenueId { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? ActorId { get; set; }
    public string ActorBadge { get; set; } = "";
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public string EntityId { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("audit_entries");
        e.Property(x => x.ActorBadge).HasMaxLength(64);
        e.Property(x => x.Action).HasMaxLength(64);
        e.Property(x => x.EntityType).HasMaxLength(64);
        e.Property(x => x.EntityId).HasMaxLength(200);
        e.HasIndex(x => new { x.VenueId, x.At });
    }
}
