namespace Encore.Web.Data;

/// <summary>Who a partner is: the hotels, travel agencies and drivers that bring guests (SPEC.md "Market development").</summary>
public enum PartnerKind { Hotel, TravelAgency, Driver, Other }

/// <summary>
/// A partner (合作伙伴) that brings guests for a commission on their spend. A booking names the partner who brought its
/// guest (<see cref="Booking.PartnerId"/>); the commission is the partner's own rate, or the house rule
/// <c>accounts.partnerCommissionRate</c> when it has none, on what those guests paid in the month (Accounts/Partners.cs).
/// The spend stays the booker's performance: a partner is paid for the guest, not credited with the room.
/// </summary>
public sealed class Partner : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public required string Name { get; set; }
    public PartnerKind Kind { get; set; }
    /// <summary>The partner's own rate (0.08 = 8%); null follows the house rule in force.</summary>
    public decimal? CommissionRate { get; set; }
    public string ContactName { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Note { get; set; } = "";
    /// <summary>A partner no longer working with the venue: kept for its past statements, offered on no new booking.</summary>
    public bool Active { get; set; } = true;
    public Guid CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Bumped on every change: two edits at once cannot both win.</summary>
    public int Version { get; set; }
}

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> e)
    {
        e.ToTable("partners");
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.ContactName).HasMaxLength(50);
        e.Property(x => x.Phone).HasMaxLength(40);
        e.Property(x => x.Note).HasMaxLength(500);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.VenueId, x.Name });
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
    }
}
