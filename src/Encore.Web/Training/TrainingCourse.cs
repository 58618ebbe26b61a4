namespace Encore.Web.Data;

/// <summary>
/// A course of the venue's annual training plan (SPEC.md "Appraisal (考核) and training (培训)"): what, how, when, who
/// trains and who must attend (badges and "role:…" entries, decided when read), and the test's pass mark. Attendance and
/// scores are rows of their own.
/// </summary>
public sealed class TrainingCourse : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public required string Title { get; set; }
    public string Content { get; set; } = "";
    /// <summary>How it is taught, as the planner writes it (课堂讲授, 现场演练, 视频…).</summary>
    public string Method { get; set; } = "";
    public DateTimeOffset StartsAt { get; set; }
    public int DurationMinutes { get; set; }
    public string Location { get; set; } = "";
    public Guid TrainerId { get; set; }
    /// <summary>JSON array of audience entries: badges ("m01") and roles ("role:manager").</summary>
    public string AudienceJson { get; set; } = "[]";
    public int PassMark { get; set; }
    /// <summary>Passing it gives back discount authority while the house rule training.authorityNeedsCourse is on.</summary>
    public bool DiscountAuthority { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public Guid? CancelledById { get; set; }
    public Guid CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Bumped on every change: two planners editing at once cannot both win.</summary>
    public int Version { get; set; }
}

/// <summary>One person's attendance at a course, once per person (marked again, it changes).</summary>
public sealed class TrainingAttendance : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid CourseId { get; set; }
    public Guid StaffId { get; set; }
    public bool Present { get; set; }
    public Guid MarkedById { get; set; }
    public DateTimeOffset MarkedAt { get; set; }
}

/// <summary>One attempt at a course's test: a retake is a new attempt (1, 2, …); the best counts (<see cref="Domain.TrainingPolicy.Best"/>).</summary>
public sealed class TrainingScore : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid CourseId { get; set; }
    public Guid StaffId { get; set; }
    public int Attempt { get; set; }
    public int Score { get; set; }
    /// <summary>Against the course's pass mark when entered (the pass mark cannot change once the course has started).</summary>
    public bool Passed { get; set; }
    public Guid ById { get; set; }
    public DateTimeOffset At { get; set; }
}

internal sealed class TrainingCourseConfiguration : IEntityTypeConfiguration<TrainingCourse>
{
    public void Configure(EntityTypeBuilder<TrainingCourse> e)
    {
        e.ToTable("training_courses");
        e.Property(x => x.Title).HasMaxLength(Training.TrainingApi.TitleMax);
        e.Property(x => x.Content).HasMaxLength(Training.TrainingApi.ContentMax);
        e.Property(x => x.Method).HasMaxLength(Training.TrainingApi.MethodMax);
        e.Property(x => x.Location).HasMaxLength(Training.TrainingApi.LocationMax);
        e.Property(x => x.AudienceJson).HasMaxLength(4000);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.VenueId, x.StartsAt });
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.TrainerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TrainingAttendanceConfiguration : IEntityTypeConfiguration<TrainingAttendance>
{
    public void Configure(EntityTypeBuilder<TrainingAttendance> e)
    {
        e.ToTable("training_attendance");
        // Once per person and course: a second mark changes the row; the index is the last word on a race.
        e.HasIndex(x => new { x.CourseId, x.StaffId }).IsUnique();
        e.HasOne<TrainingCourse>().WithMany().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TrainingScoreConfiguration : IEntityTypeConfiguration<TrainingScore>
{
    public void Configure(EntityTypeBuilder<TrainingScore> e)
    {
        e.ToTable("training_scores");
        // Attempts are numbered per person and course: two entries at once cannot both be attempt 2.
        e.HasIndex(x => new { x.CourseId, x.StaffId, x.Attempt }).IsUnique();
        e.HasIndex(x => x.StaffId);
        e.HasOne<TrainingCourse>().WithMany().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}
