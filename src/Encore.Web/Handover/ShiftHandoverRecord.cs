namespace Encore.Web.Data;

/// <summary>
/// A shift handover (交接班, SPEC.md "Diary, meetings, checklists, shift handover"): written by the outgoing shift with
/// what the next must know — the matters Encore pre-filled at that moment (<see cref="Snapshot"/>: open complaints,
/// items kept, out-of-service rooms, unfinished meeting actions, the closing round) and the writer's own notes and open
/// matters — then read and acknowledged by the incoming shift (who, when). Several a business day are allowed (a desk
/// shift and a night shift).
/// </summary>
public sealed class ShiftHandover : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public Guid WrittenById { get; set; }
    public DateTimeOffset WrittenAt { get; set; }
    public string Notes { get; set; } = "";
    /// <summary>The writer's open matters, as a JSON list of strings.</summary>
    public string OpenMatters { get; set; } = "[]";
    /// <summary>What Encore knew when it was written (JSON of Handover.HandoverFacts).</summary>
    public string Snapshot { get; set; } = "{}";
    public Guid? AcknowledgedById { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    /// <summary>Bumped on acknowledgement: two at once, one wins.</summary>
    public int Version { get; set; }
}

internal sealed class ShiftHandoverConfiguration : IEntityTypeConfiguration<ShiftHandover>
{
    public void Configure(EntityTypeBuilder<ShiftHandover> e)
    {
        e.ToTable("shift_handovers");
        e.Property(x => x.Notes).HasMaxLength(2000);
        e.Property(x => x.OpenMatters).HasMaxLength(8000);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.VenueId, x.BusinessDay });
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.WrittenById).OnDelete(DeleteBehavior.Restrict);
    }
}
