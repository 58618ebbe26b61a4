namespace Encore.Web.Data;

/// <summary>
/// A guest's complaint (SPEC.md "Complaints"): who raised it and about what, its three time limits fixed when it was
/// made, the actions taken, and its resolution with the guest's satisfaction.
/// </summary>
public sealed class Complaint : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public ComplaintCategory Category { get; set; }
    public ComplaintSeverity Severity { get; set; }
    public ComplaintSource Source { get; set; }
    public string Description { get; set; } = "";
    public Guid? RoomId { get; set; }
    /// <summary>The room's session the complaint is about: the open one when it was made, or the guest link's.</summary>
    public Guid? SessionId { get; set; }
    public Guid? CustomerId { get; set; }
    public string GuestName { get; set; } = "";
    public string GuestPhone { get; set; } = "";
    /// <summary>
    /// The customer manager who answers for the guests of the room: the session's credited manager, else the
    /// customer's owner. Statistics by manager and the standings count the complaint against them.
    /// </summary>
    public Guid? ManagerId { get; set; }
    /// <summary>Null when the guest raised it through the room's link.</summary>
    public Guid? CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateOnly BusinessDay { get; set; }
    public DateTimeOffset AcknowledgeBy { get; set; }
    public DateTimeOffset SolutionBy { get; set; }
    public DateTimeOffset FinalBy { get; set; }
    public ComplaintStatus Status { get; set; } = ComplaintStatus.Open;
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public Guid? AcknowledgedById { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public Guid? ResolvedById { get; set; }
    public string Resolution { get; set; } = "";
    /// <summary>The guest's satisfaction with the resolution, 1–5.</summary>
    public int? Satisfaction { get; set; }
    /// <summary>The furthest the complaint was escalated, as the sweeper recorded it (the views compute the present level from the clock).</summary>
    public EscalationLevel Escalation { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public int Version { get; set; }

    public ComplaintDeadlines Deadlines => new(AcknowledgeBy, SolutionBy, FinalBy);
}

/// <summary>A member of staff the complaint names (the waiter, the manager, the host …).</summary>
public sealed class ComplaintStaff
{
    public Guid ComplaintId { get; set; }
    public Guid StaffId { get; set; }
}

/// <summary>What was done about a complaint: an apology, a comp, a discount, a re-service, or a follow-up note.</summary>
public sealed class ComplaintAction
{
    public Guid Id { get; set; } = Ids.New();
    public Guid ComplaintId { get; set; }
    public ComplaintActionKind Kind { get; set; }
    public string Note { get; set; } = "";
    /// <summary>The comp's or discount's value in yuan, when it has one.</summary>
    public decimal? Value { get; set; }
    /// <summary>The granted approval a comp beyond the giver's authority was given under.</summary>
    public Guid? ApprovalId { get; set; }
    public Guid ById { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>An exception to the weekly days off in the venue's working calendar: a holiday (not working) or a make-up working day.</summary>
public sealed class CalendarDay : IVenueOwned
{
    public Guid VenueId { get; set; }
    public DateOnly Day { get; set; }
    public bool Working { get; set; }
    public string Name { get; set; } = "";
}

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> e)
    {
        e.ToTable("complaints");
        e.Property(x => x.Description).HasMaxLength(2000);
        e.Property(x => x.GuestName).HasMaxLength(50);
        e.Property(x => x.GuestPhone).HasMaxLength(20);
        e.Property(x => x.Resolution).HasMaxLength(2000);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.Deadlines);
        e.HasIndex(x => new { x.VenueId, x.Status });
        e.HasIndex(x => new { x.VenueId, x.BusinessDay });
        e.HasIndex(x => x.CustomerId);
        e.HasIndex(x => x.SessionId);
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<RoomSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ComplaintStaffConfiguration : IEntityTypeConfiguration<ComplaintStaff>
{
    public void Configure(EntityTypeBuilder<ComplaintStaff> e)
    {
        e.ToTable("complaint_staff");
        e.HasKey(x => new { x.ComplaintId, x.StaffId });
        e.HasIndex(x => x.StaffId);
        e.HasOne<Complaint>().WithMany().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ComplaintActionConfiguration : IEntityTypeConfiguration<ComplaintAction>
{
    public void Configure(EntityTypeBuilder<ComplaintAction> e)
    {
        e.ToTable("complaint_actions");
        e.Property(x => x.Note).HasMaxLength(1000);
        e.HasIndex(x => x.ComplaintId);
        e.HasOne<Complaint>().WithMany().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> e)
    {
        e.ToTable("calendar_days");
        e.HasKey(x => new { x.VenueId, x.Day });
        e.Property(x => x.Name).HasMaxLength(50);
    }
}
