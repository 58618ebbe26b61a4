namespace Encore.Web.Data;

/// <summary>
/// A meeting (SPEC.md "Daily work diary and meetings"): the 19:00 pre-shift meeting (班前会), the post-shift one
/// (班后会), a weekly or monthly one. Who is expected is decided when read (<see cref="Meetings.MeetingQueries"/>);
/// check-ins and actions are rows of their own.
/// </summary>
public sealed class Meeting : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    /// <summary>preShift · postShift · weekly · monthly.</summary>
    public required string Kind { get; set; }
    /// <summary>The business day the start falls in (a post-shift meeting at 02:30 belongs to the night before).</summary>
    public DateOnly BusinessDay { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    /// <summary>The chair's agenda as typed (the notices, for a pre-shift meeting); may be empty when <see cref="BriefJson"/> holds the pre-filled part.</summary>
    public string Agenda { get; set; } = "";
    /// <summary>
    /// The pre-shift brief as it stood when the meeting was called (JSON of <see cref="Meetings.PreShiftBrief"/>): tonight's
    /// bookings by manager and the month's targets to date. Kept as data, not prose, so each reader sees it in their own
    /// language and the figures stay numbers; kept as a snapshot, so the record shows what the meeting was told at 19:00,
    /// not what the night became.
    /// </summary>
    public string? BriefJson { get; set; }
    public Guid ChairId { get; set; }
    /// <summary>The chair's department when a department head called it (their team is expected); "" for the floor's and the GM's meetings.</summary>
    public string Department { get; set; } = "";
    /// <summary>Null until written.</summary>
    public string? Minutes { get; set; }
    public Guid? MinutesById { get; set; }
    public DateTimeOffset? MinutesAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Bumped on every change: two chairs writing the minutes at once cannot both win.</summary>
    public int Version { get; set; }
}

/// <summary>One person's check-in at a meeting, once; late after the start under <see cref="Domain.AttendancePolicy.LateAfter"/>.</summary>
public sealed class MeetingCheckIn : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid MeetingId { get; set; }
    public Guid StaffId { get; set; }
    public DateTimeOffset At { get; set; }
    public bool Late { get; set; }
}

/// <summary>An action from a meeting's minutes: what, whose, by when; open until its owner or the chair marks it done.</summary>
public sealed class MeetingAction : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid MeetingId { get; set; }
    public required string Text { get; set; }
    public Guid OwnerId { get; set; }
    public DateOnly Due { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public Guid? DoneById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> e)
    {
        e.ToTable("meetings");
        e.Property(x => x.Kind).HasMaxLength(16);
        e.Property(x => x.Agenda).HasMaxLength(Meetings.MeetingsApi.AgendaMax);
        e.Property(x => x.Department).HasMaxLength(50);
        e.Property(x => x.Minutes).HasMaxLength(Meetings.MeetingsApi.MinutesMax);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.VenueId, x.BusinessDay });
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.ChairId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MeetingCheckInConfiguration : IEntityTypeConfiguration<MeetingCheckIn>
{
    public void Configure(EntityTypeBuilder<MeetingCheckIn> e)
    {
        e.ToTable("meeting_check_ins");
        // Once per person and meeting: the handler answers 409 first, the index is the last word.
        e.HasIndex(x => new { x.MeetingId, x.StaffId }).IsUnique();
        e.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MeetingActionConfiguration : IEntityTypeConfiguration<MeetingAction>
{
    public void Configure(EntityTypeBuilder<MeetingAction> e)
    {
        e.ToTable("meeting_actions");
        e.Property(x => x.Text).HasMaxLength(Meetings.MeetingsApi.ActionTextMax);
        e.HasIndex(x => x.MeetingId);
        e.HasIndex(x => new { x.OwnerId, x.DoneAt });
        e.HasIndex(x => new { x.VenueId, x.DoneAt });
        e.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}
