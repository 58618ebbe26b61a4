namespace Encore.Web.Data;

/// <summary>A leave request (请假), approved by a floor manager; a customer dinner (陪客户吃饭) also records the return.</summary>
public sealed class LeaveRequest : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid StaffId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public LeaveKind Kind { get; set; }
    public DateTimeOffset From { get; set; }
    public DateTimeOffset To { get; set; }
    public string Reason { get; set; } = "";
    public LeaveStatus Status { get; set; } = LeaveStatus.Pending;
    public Guid? DecidedById { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string DecisionNote { get; set; } = "";
    /// <summary>For a customer dinner: when they were back on the floor.</summary>
    public DateTimeOffset? BackAt { get; set; }
    /// <summary>Set once the nightly check has judged this leave (so it is judged once).</summary>
    public bool Settled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class LeaveRequestConfiguration : IEntityTypeConfiguration<LeaveRequest>
{
    public void Configure(EntityTypeBuilder<LeaveRequest> e)
    {
        e.ToTable("leave_requests");
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.DecisionNote).HasMaxLength(500);
        e.HasIndex(x => new { x.VenueId, x.BusinessDay });
        e.HasIndex(x => x.StaffId);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A superior's ping (查岗): answered within the house-rule minutes, or the person was off-post (离岗).</summary>
public sealed class Ping : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid StaffId { get; set; }
    public Guid SentById { get; set; }
    public DateOnly BusinessDay { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string Message { get; set; } = "";
    /// <summary>Set when the answer was late or never came; the off-post violation is raised then.</summary>
    public bool OffPost { get; set; }
    public int Version { get; set; }
}

internal sealed class PingConfiguration : IEntityTypeConfiguration<Ping>
{
    public void Configure(EntityTypeBuilder<Ping> e)
    {
        e.ToTable("pings");
        e.Property(x => x.Message).HasMaxLength(200);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.VenueId, x.BusinessDay });
        e.HasIndex(x => new { x.StaffId, x.AnsweredAt });
        e.HasIndex(x => new { x.OffPost, x.DueAt });
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}
