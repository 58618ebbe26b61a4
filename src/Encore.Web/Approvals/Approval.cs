namespace Encore.Web.Data;

/// <summary>A request to give a discount or comps beyond the credited manager's authority, and its answer.</summary>
public sealed class Approval : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
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

internal sealed class ApprovalConfiguration : IEntityTypeConfiguration<Approval>
{
    public void Configure(EntityTypeBuilder<Approval> e)
    {
        e.ToTable("approvals");
        e.Property(x => x.Comps).HasMaxLength(4000);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.DecisionNote).HasMaxLength(500);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.VenueId, x.Status });
        e.HasIndex(x => x.SessionId);
        e.HasOne<RoomSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
    }
}
