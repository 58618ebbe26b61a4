namespace Encore.Web.Data;

/// <summary>
/// One version of a role's KPI template (考核模板): the GM's save adds a version, never changes one; an appraisal keeps
/// the items of the version it was started with (<see cref="Appraisal.Items"/>), so a later edit never rescores it.
/// </summary>
public sealed class AppraisalTemplate : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    /// <summary>manager · departmentHead · floorManager · marketDevelopment (<see cref="Appraisals.AppraisalTemplates.Roles"/>).</summary>
    public required string Role { get; set; }
    public int Version { get; set; }
    /// <summary>The items as JSON [{ key, name, weight, source, scale }].</summary>
    public string Items { get; set; } = "[]";
    /// <summary>Who saved this version; null for the defaults Encore seeded.</summary>
    public Guid? SavedById { get; set; }
    public DateTimeOffset SavedAt { get; set; }
}

internal sealed class AppraisalTemplateConfiguration : IEntityTypeConfiguration<AppraisalTemplate>
{
    public void Configure(EntityTypeBuilder<AppraisalTemplate> e)
    {
        e.ToTable("appraisal_templates");
        e.Property(x => x.Role).HasMaxLength(32);
        e.Property(x => x.Items).HasMaxLength(8000);
        // Two GMs saving at once cannot both make version n+1: the index decides.
        e.HasIndex(x => new { x.VenueId, x.Role, x.Version }).IsUnique();
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// A person's appraisal (考核) of one period: the template's items as they were (with the measures Encore took when it
/// was started), the self and supervisor scores, each step of the flow with who and when (the timeline), and the
/// appeal. <see cref="Status"/> is the stored step (draft · self · supervisor · reviewed · published · appealed ·
/// final); a published one past its appeal window reads as final (<see cref="Domain.AppraisalFlow.Effective"/>).
/// </summary>
public sealed class Appraisal : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid StaffId { get; set; }
    /// <summary>The template role it was appraised under.</summary>
    public required string Role { get; set; }
    /// <summary>"2026-11", "2026-Q4" or "2026".</summary>
    public required string Period { get; set; }
    /// <summary>month · quarter · year.</summary>
    public required string PeriodKind { get; set; }
    public int TemplateVersion { get; set; }
    /// <summary>JSON of <see cref="Appraisals.AppraisalLine"/>: the template's items with each measured item's measure and score.</summary>
    public string Items { get; set; } = "[]";
    /// <summary>JSON { key: 0-100 } of the person's own scores; null before the self-assessment.</summary>
    public string? SelfScores { get; set; }
    public string SelfComment { get; set; } = "";
    public string? SupervisorScores { get; set; }
    public string SupervisorComment { get; set; } = "";
    /// <summary>The scores an upheld appeal set ({ key: 0-100 }), over the supervisor's and the measured ones.</summary>
    public string? AppealScores { get; set; }
    public string Status { get; set; } = "draft";
    /// <summary>Σ weight × score / 100 once every item has a score (after the supervisor's assessment).</summary>
    public decimal? Total { get; set; }
    public Guid CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SelfAt { get; set; }
    public Guid? SupervisorId { get; set; }
    public DateTimeOffset? SupervisorAt { get; set; }
    public Guid? ReviewedById { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public Guid? PublishedById { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? AppealedAt { get; set; }
    public string AppealReason { get; set; } = "";
    public Guid? DecidedById { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public bool? AppealUpheld { get; set; }
    public string DecisionComment { get; set; } = "";
    /// <summary>Bumped on every step: two steps racing each other cannot both be given.</summary>
    public int Version { get; set; }
}

internal sealed class AppraisalConfiguration : IEntityTypeConfiguration<Appraisal>
{
    public void Configure(EntityTypeBuilder<Appraisal> e)
    {
        e.ToTable("appraisals");
        e.Property(x => x.Role).HasMaxLength(32);
        e.Property(x => x.Period).HasMaxLength(8);
        e.Property(x => x.PeriodKind).HasMaxLength(8);
        e.Property(x => x.Items).HasMaxLength(16000);
        e.Property(x => x.SelfScores).HasMaxLength(4000);
        e.Property(x => x.SupervisorScores).HasMaxLength(4000);
        e.Property(x => x.AppealScores).HasMaxLength(4000);
        e.Property(x => x.SelfComment).HasMaxLength(Appraisals.AppraisalTemplates.CommentLength);
        e.Property(x => x.SupervisorComment).HasMaxLength(Appraisals.AppraisalTemplates.CommentLength);
        e.Property(x => x.AppealReason).HasMaxLength(Appraisals.AppraisalTemplates.CommentLength);
        e.Property(x => x.DecisionComment).HasMaxLength(Appraisals.AppraisalTemplates.CommentLength);
        e.Property(x => x.Status).HasMaxLength(16);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.StaffId, x.Period }).IsUnique();
        e.HasIndex(x => new { x.VenueId, x.Period });
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}
