namespace Encore.Web.Data;

/// <summary>
/// A member of staff's attendance for one business day: the call-in (报备) before it, the sign-in and sign-out,
/// and what the night cost them under SPEC.md "Attendance and leave".
/// </summary>
public sealed class AttendanceDay : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid StaffId { get; set; }
    public DateOnly BusinessDay { get; set; }
    /// <summary>Null until the person signs in (a call-in or an absence comes first).</summary>
    public DateTimeOffset? SignedInAt { get; set; }
    public bool Late { get; set; }
    /// <summary>Set when a floor manager signed in on the person's behalf.</summary>
    public Guid? SignedInById { get; set; }
    public DateTimeOffset? SignedOutAt { get; set; }
    /// <summary>Called in before the sign-in time that they would be late (报备).</summary>
    public DateTimeOffset? CalledInAt { get; set; }
    public string CallInReason { get; set; } = "";
    public bool NoPay { get; set; }
    /// <summary>No booking for the rest of the business day (403 naming the reason).</summary>
    public bool BookingSuspended { get; set; }
    /// <summary>The day's performance does not count.</summary>
    public bool PerformanceCancelled { get; set; }
    /// <summary>Absent (旷工) for the day.</summary>
    public bool Absent { get; set; }
    /// <summary>Written by the system, in Chinese: <see cref="NoteText"/> holds it to read in each reader's language.</summary>
    public string Note { get; set; } = "";
    /// <summary>The note as a message (JSON of <see cref="Customers.PhoneText"/>), or null for a note written before these were kept.</summary>
    public string? NoteText { get; set; }
}

internal sealed class AttendanceDayConfiguration : IEntityTypeConfiguration<AttendanceDay>
{
    public void Configure(EntityTypeBuilder<AttendanceDay> e)
    {
        e.ToTable("attendance_days");
        e.Property(x => x.CallInReason).HasMaxLength(200);
        e.Property(x => x.Note).HasMaxLength(500);
        e.HasIndex(x => new { x.StaffId, x.BusinessDay }).IsUnique();
        e.HasIndex(x => new { x.VenueId, x.BusinessDay });
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}
