namespace Encore.Web.Data;

/// <summary>
/// A customer manager's work diary (工作日记) for one business day: what they add (customers' feedback, special
/// events) and, once submitted, what Encore pre-filled it with at that moment (<see cref="Snapshot"/>), so a bill
/// corrected later does not silently change a diary already handed in. A row exists once the manager wrote in it or
/// someone commented; a night without a row is an empty diary.
/// </summary>
public sealed class DiaryEntry : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid StaffId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public string Feedback { get; set; } = "";
    public string Events { get; set; } = "";
    public DateTimeOffset? SubmittedAt { get; set; }
    /// <summary>The pre-filled facts as submitted (JSON of <see cref="DiaryFacts"/>); null while a draft.</summary>
    public string? Snapshot { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Bumped on every change: an edit racing the submission loses and is told so.</summary>
    public int Version { get; set; }
}

internal sealed class DiaryEntryConfiguration : IEntityTypeConfiguration<DiaryEntry>
{
    public void Configure(EntityTypeBuilder<DiaryEntry> e)
    {
        e.ToTable("diary_entries");
        e.Property(x => x.Feedback).HasMaxLength(DiaryLimits.Text);
        e.Property(x => x.Events).HasMaxLength(DiaryLimits.Text);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.StaffId, x.BusinessDay }).IsUnique();
        e.HasIndex(x => new { x.VenueId, x.BusinessDay });
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The period of a manager's work report (周报 / 月报).</summary>
public enum ReportPeriod { Week, Month }

/// <summary>
/// A manager's weekly or monthly work report: figures pre-filled from the period's diaries and bills, and the
/// manager's own summary and plan for the next period; frozen like a diary when submitted.
/// </summary>
public sealed class WorkReport : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid StaffId { get; set; }
    public ReportPeriod Period { get; set; }
    /// <summary>The Monday of the week, or the first day of the month.</summary>
    public DateOnly PeriodStart { get; set; }
    public string Summary { get; set; } = "";
    public string Plan { get; set; } = "";
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? Snapshot { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class WorkReportConfiguration : IEntityTypeConfiguration<WorkReport>
{
    public void Configure(EntityTypeBuilder<WorkReport> e)
    {
        e.ToTable("work_reports");
        e.Property(x => x.Summary).HasMaxLength(DiaryLimits.Text);
        e.Property(x => x.Plan).HasMaxLength(DiaryLimits.Text);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.StaffId, x.Period, x.PeriodStart }).IsUnique();
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A superior's comment on a diary or a work report (exactly one of the two).</summary>
public sealed class DiaryComment : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid? DiaryEntryId { get; set; }
    public Guid? WorkReportId { get; set; }
    public Guid AuthorId { get; set; }
    public string Text { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

internal sealed class DiaryCommentConfiguration : IEntityTypeConfiguration<DiaryComment>
{
    public void Configure(EntityTypeBuilder<DiaryComment> e)
    {
        e.ToTable("diary_comments", t => t.HasCheckConstraint("CK_diary_comments_one_subject",
            "(\"DiaryEntryId\" IS NULL) <> (\"WorkReportId\" IS NULL)"));
        e.Property(x => x.Text).HasMaxLength(DiaryLimits.Comment);
        e.HasIndex(x => x.DiaryEntryId);
        e.HasIndex(x => x.WorkReportId);
        e.HasOne<DiaryEntry>().WithMany().HasForeignKey(x => x.DiaryEntryId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<WorkReport>().WithMany().HasForeignKey(x => x.WorkReportId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// Where the empty-diary rule starts counting for a venue: the business day the diary first existed there. Nights
/// before it were never owed a diary (the venue ran on paper), so an upgrade does not fine a month of history.
/// </summary>
public sealed class DiaryRuleStart
{
    public Guid VenueId { get; set; }
    public DateOnly FirstNight { get; set; }
}

internal sealed class DiaryRuleStartConfiguration : IEntityTypeConfiguration<DiaryRuleStart>
{
    public void Configure(EntityTypeBuilder<DiaryRuleStart> e)
    {
        e.ToTable("diary_rule_starts");
        e.HasKey(x => x.VenueId);
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
    }
}

public static class DiaryLimits
{
    public const int Text = 2000;
    public const int Comment = 1000;
}
