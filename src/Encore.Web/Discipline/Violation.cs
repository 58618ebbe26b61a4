namespace Encore.Web.Data;

/// <summary>
/// A violation charged to a member of staff (SPEC.md "Violations and fines"). The bookings feature raises
/// cheating on a failed arrival verification; the discipline feature owns the catalogue and appeals.
/// </summary>
public sealed class Violation : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid StaffId { get; set; }
    public required string Kind { get; set; }
    public decimal Amount { get; set; }
    public DateOnly BusinessDay { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Null when the system raised it.</summary>
    public Guid? RaisedById { get; set; }
    public Guid? BookingId { get; set; }
    /// <summary>Masked when the system wrote it: a phone named here is kept in full only in <see cref="EvidencePhones"/>.</summary>
    public string Evidence { get; set; } = "";
    /// <summary>System evidence in parts with its phones apart (JSON of <see cref="Customers.PhoneText"/>), when it names any.</summary>
    public string? EvidencePhones { get; set; }
    /// <summary>Proposed when the system raised it (awaiting a floor manager); see <see cref="ViolationTransitions"/>.</summary>
    public ViolationStatus Status { get; set; } = ViolationStatus.Proposed;
    /// <summary>
    /// The business day the charge came to stand: raised confirmed by hand, confirmed by the floor, or upheld on an
    /// appeal made while still proposed. Null while proposed (or dismissed). A suspension runs from this day.
    /// </summary>
    public DateOnly? ConfirmedDay { get; set; }
    /// <summary>The charges of one incident share this id (a shared split, a promoter's manager).</summary>
    public Guid IncidentId { get; set; }
    /// <summary>The complaint the fine was proposed from (POST /api/complaints/{id}/fine), if any.</summary>
    public Guid? ComplaintId { get; set; }
    /// <summary>offender · floorManager · departmentHead · promoterManager: why this person pays.</summary>
    public string ChargedAs { get; set; } = "offender";
    /// <summary>The incident's whole fine; <see cref="Amount"/> is this person's part of it.</summary>
    public decimal IncidentFine { get; set; }
    public decimal? Tip { get; set; }
    /// <summary>The type's escalation has run out: the person is proposed for dismissal.</summary>
    public bool Dismissal { get; set; }
    public string Reason { get; set; } = "";
    public string? PhotoPath { get; set; }
    public string AppealReason { get; set; } = "";
    public DateTimeOffset? AppealedAt { get; set; }
    public Guid? DecidedById { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string Decision { get; set; } = "";
    public int Version { get; set; }
}

internal sealed class ViolationConfiguration : IEntityTypeConfiguration<Violation>
{
    public void Configure(EntityTypeBuilder<Violation> e)
    {
        e.ToTable("violations");
        e.Property(x => x.Kind).HasMaxLength(32);
        e.Property(x => x.Evidence).HasMaxLength(2000);
        e.Property(x => x.Status).HasMaxLength(16);
        e.Property(x => x.ChargedAs).HasMaxLength(32);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.PhotoPath).HasMaxLength(200);
        e.Property(x => x.AppealReason).HasMaxLength(1000);
        e.Property(x => x.Decision).HasMaxLength(1000);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => x.IncidentId);
        e.HasIndex(x => x.ComplaintId);
        e.HasIndex(x => new { x.VenueId, x.BusinessDay });
        e.HasIndex(x => x.StaffId);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A type in the venue's violation catalogue (SPEC.md "Violations and fines"), editable by the GM.</summary>
public sealed class ViolationType : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public decimal FineMin { get; set; }
    /// <summary>Null: no upper limit ("≥300").</summary>
    public decimal? FineMax { get; set; }
    /// <summary>The fine is the tip times the nth multiplier (the tips rule of the house rules).</summary>
    public bool TipBased { get; set; }
    /// <summary>Dismissal may follow (serious cases); recorded as a proposal.</summary>
    public bool MayDismiss { get; set; }
    public bool Active { get; set; } = true;
}

internal sealed class ViolationTypeConfiguration : IEntityTypeConfiguration<ViolationType>
{
    public void Configure(EntityTypeBuilder<ViolationType> e)
    {
        e.ToTable("violation_types");
        e.Property(x => x.Code).HasMaxLength(32);
        e.Property(x => x.Name).HasMaxLength(100);
        e.HasIndex(x => new { x.VenueId, x.Code }).IsUnique();
    }
}
