namespace Encore.Web.Data;

/// <summary>A manager's signature under their performance card (业绩卡) for one business day.</summary>
public sealed class PerformanceCard : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid StaffId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public DateTimeOffset SignedAt { get; set; }
    /// <summary>What the card showed when signed: spend and rooms.</summary>
    public decimal SignedSpend { get; set; }
    public int SignedRooms { get; set; }
}

internal sealed class PerformanceCardConfiguration : IEntityTypeConfiguration<PerformanceCard>
{
    public void Configure(EntityTypeBuilder<PerformanceCard> e)
    {
        e.ToTable("performance_cards");
        e.HasIndex(x => new { x.StaffId, x.BusinessDay }).IsUnique();
        e.HasIndex(x => new { x.VenueId, x.BusinessDay });
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A manager's dispute of one line (a session) of a card, decided by a floor manager.</summary>
public sealed class CardDispute : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
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

internal sealed class CardDisputeConfiguration : IEntityTypeConfiguration<CardDispute>
{
    public void Configure(EntityTypeBuilder<CardDispute> e)
    {
        e.ToTable("card_disputes");
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.Status).HasMaxLength(16);
        e.Property(x => x.Decision).HasMaxLength(500);
        e.HasIndex(x => new { x.VenueId, x.Status });
        e.HasOne<RoomSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A person's own monthly target, overriding the house-rule default.</summary>
public sealed class MonthlyTarget : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid StaffId { get; set; }
    /// <summary>yyyy-MM.</summary>
    public required string Month { get; set; }
    public decimal? Spend { get; set; }
    public int? Rooms { get; set; }
}

internal sealed class MonthlyTargetConfiguration : IEntityTypeConfiguration<MonthlyTarget>
{
    public void Configure(EntityTypeBuilder<MonthlyTarget> e)
    {
        e.ToTable("monthly_targets");
        e.Property(x => x.Month).HasMaxLength(7);
        e.HasIndex(x => new { x.StaffId, x.Month }).IsUnique();
    }
}
