namespace Encore.Web.Data;

/// <summary>
/// A booking (订房). Never deleted: every change of state is also kept as a <see cref="BookingEvent"/>.
/// The guest's name and phone are copied from the customer file at booking time, as the host desk verifies
/// the guest against what the booker promised.
/// </summary>
public sealed class Booking : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public Guid? CustomerId { get; set; }
    public required string CustomerName { get; set; }
    public required string CustomerPhone { get; set; }
    public DateTimeOffset Arrival { get; set; }
    public int PartySize { get; set; }
    public RoomType? RoomType { get; set; }
    public string Note { get; set; } = "";
    /// <summary>The manager the booking credits (the booker), whoever typed it in.</summary>
    public Guid BookerId { get; set; }
    public string BookerDepartment { get; set; } = "";
    public Guid CreatedById { get; set; }
    public BookingStatus Status { get; set; } = BookingStatus.Booked;
    public required string ConfirmationCode { get; set; }
    public Guid? RoomId { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }
    /// <summary>When the hold runs out (or ran out, for a lapsed booking); null once the guest has arrived.</summary>
    public DateTimeOffset? HoldUntil { get; set; }
    public DateTimeOffset? ArrivedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public string CancelReason { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>The corporate account (协议单位) the booking was made for: its contract's discount applies and the bill may be charged to it.</summary>
    public Guid? AccountId { get; set; }
    /// <summary>The partner (hotel, travel agency, driver) who brought the guest: owed a commission on the spend, which stays the booker's.</summary>
    public Guid? PartnerId { get; set; }
    /// <summary>
    /// The partner's commission rate when the booking was made (the partner's own, else the house rule then): a rate
    /// changed later applies to later bookings, so a month's commissions never change after the fact.
    /// </summary>
    public decimal? PartnerRate { get; set; }
    /// <summary>Bumped on every change: two desks (or a desk and the hold sweeper) changing one booking at once → 409.</summary>
    public int Version { get; set; }
}

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> e)
    {
        e.ToTable("bookings");
        e.Property(x => x.CustomerName).HasMaxLength(50);
        e.Property(x => x.CustomerPhone).HasMaxLength(20);
        e.Property(x => x.Note).HasMaxLength(500);
        e.Property(x => x.BookerDepartment).HasMaxLength(50);
        e.Property(x => x.ConfirmationCode).HasMaxLength(12);
        e.Property(x => x.CancelReason).HasMaxLength(200);
        e.HasIndex(x => new { x.VenueId, x.BusinessDay });
        e.HasIndex(x => new { x.VenueId, x.ConfirmationCode }).IsUnique();
        e.HasIndex(x => new { x.Status, x.HoldUntil });
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => x.BookerId);
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.BookerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Partner>().WithMany().HasForeignKey(x => x.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>One state change of a booking: who, when, what, and why when a rule was overridden.</summary>
public sealed class BookingEvent : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid BookingId { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? ActorId { get; set; }
    public string ActorBadge { get; set; } = "";
    public required string Kind { get; set; }
    public BookingStatus Status { get; set; }
    public string? RoomNumber { get; set; }
    /// <summary>Masked: a phone named here is kept in full only in <see cref="DetailPhones"/> (Customers/PhoneText.cs).</summary>
    public string Detail { get; set; } = "";
    /// <summary>The detail in parts with its phones apart (JSON of <see cref="Customers.PhoneText"/>), when it names any.</summary>
    public string? DetailPhones { get; set; }
}

internal sealed class BookingEventConfiguration : IEntityTypeConfiguration<BookingEvent>
{
    public void Configure(EntityTypeBuilder<BookingEvent> e)
    {
        e.ToTable("booking_events");
        e.Property(x => x.ActorBadge).HasMaxLength(64);
        e.Property(x => x.Kind).HasMaxLength(32);
        e.Property(x => x.RoomNumber).HasMaxLength(16);
        e.Property(x => x.Detail).HasMaxLength(1000);
        e.HasIndex(x => new { x.BookingId, x.At });
        e.HasOne<Booking>().WithMany().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.Restrict);
    }
}
