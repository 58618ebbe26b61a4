namespace Encore.Web.Data;

/// <summary>
/// The GM's budget for one month of the venue (营业预算): the spend and the rooms the month should make. The daily
/// report compares a night with the budget prorated evenly over the month's days (budget ÷ days in the month).
/// </summary>
public sealed class ReportBudget : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    /// <summary>"2026-11".</summary>
    public required string Month { get; set; }
    public decimal Spend { get; set; }
    public int Rooms { get; set; }
    public int Guests { get; set; }
    public Guid SetById { get; set; }
    public DateTimeOffset SetAt { get; set; }
    public int Version { get; set; }
}

internal sealed class ReportBudgetConfiguration : IEntityTypeConfiguration<ReportBudget>
{
    public void Configure(EntityTypeBuilder<ReportBudget> e)
    {
        e.ToTable("report_budgets");
        e.Property(x => x.Month).HasMaxLength(7);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.VenueId, x.Month }).IsUnique();
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.SetById).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// A business day's report as it stood when it was frozen (Reports/Snapshots.cs): the figures as JSON, never
/// rewritten. <see cref="CheckedAt"/> is when the day was last compared with its recomputation; the audit entries
/// after it are the corrections not yet looked at.
/// </summary>
public sealed class ReportSnapshot : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public required string Figures { get; set; }
    public DateTimeOffset FrozenAt { get; set; }
    public DateTimeOffset CheckedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class ReportSnapshotConfiguration : IEntityTypeConfiguration<ReportSnapshot>
{
    public void Configure(EntityTypeBuilder<ReportSnapshot> e)
    {
        e.ToTable("report_snapshots");
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.VenueId, x.BusinessDay }).IsUnique();
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// One figure of a frozen day changed by a later correction: the figure, its value before and after, when the
/// correction was written, who wrote it and why (the audit actions of the correcting writes, e.g. "session.spend").
/// </summary>
public sealed class ReportAmendment : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public required string Figure { get; set; }
    public decimal Before { get; set; }
    public decimal After { get; set; }
    /// <summary>The last correcting write's instant.</summary>
    public DateTimeOffset ChangedAt { get; set; }
    /// <summary>When the difference was found (the read or sweep that compared).</summary>
    public DateTimeOffset FoundAt { get; set; }
    /// <summary>The badges of the correcting writes, comma-separated.</summary>
    public string Who { get; set; } = "";
    /// <summary>The audit actions of the correcting writes, comma-separated.</summary>
    public string Why { get; set; } = "";
}

internal sealed class ReportAmendmentConfiguration : IEntityTypeConfiguration<ReportAmendment>
{
    public void Configure(EntityTypeBuilder<ReportAmendment> e)
    {
        e.ToTable("report_amendments");
        e.Property(x => x.Figure).HasMaxLength(100);
        e.Property(x => x.Who).HasMaxLength(200);
        e.Property(x => x.Why).HasMaxLength(200);
        e.HasIndex(x => new { x.VenueId, x.BusinessDay });
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
    }
}
