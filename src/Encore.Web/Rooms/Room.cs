namespace Encore.Web.Data;

public sealed class Room : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public required string Number { get; set; }
    public RoomType Type { get; set; }
    public int Capacity { get; set; }
    public decimal MinimumSpend { get; set; }
    public string Area { get; set; } = "";
    public RoomState State { get; set; } = RoomState.Free;
    /// <summary>When the room entered its state: cleaning ends a house-rule number of minutes after it.</summary>
    public DateTimeOffset? StateSince { get; set; }
    /// <summary>Why the room is out of service (维修), shown on the board.</summary>
    public string StateNote { get; set; } = "";
    /// <summary>Bumped on every change of state, so two screens changing one room at once cannot both win.</summary>
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> e)
    {
        e.ToTable("rooms");
        e.Property(x => x.Number).HasMaxLength(16);
        e.Property(x => x.Area).HasMaxLength(50);
        e.Property(x => x.StateNote).HasMaxLength(200);
        e.HasIndex(x => new { x.VenueId, x.Number }).IsUnique();
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// A room held by a booking or a session from <see cref="From"/> until <see cref="ReleasedAt"/>. The database
/// keeps at most one unreleased claim per room (a partial unique index on both providers) and, on PostgreSQL,
/// an exclusion constraint makes two claims' periods on one room impossible to overlap.
/// </summary>
public sealed class RoomClaim : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid RoomId { get; set; }
    public Guid? BookingId { get; set; }
    public Guid? SessionId { get; set; }
    public DateTimeOffset From { get; set; }
    public DateTimeOffset? ReleasedAt { get; set; }
}

internal sealed class RoomClaimConfiguration : IEntityTypeConfiguration<RoomClaim>
{
    public void Configure(EntityTypeBuilder<RoomClaim> e)
    {
        e.ToTable("room_claims");
        // The database, not the code, decides that a room is held once: see the migrations for the
        // PostgreSQL exclusion constraint that also forbids overlapping periods.
        e.HasIndex(x => x.RoomId).IsUnique().HasFilter("\"ReleasedAt\" IS NULL").HasDatabaseName("UX_room_claims_active_room");
        e.HasIndex(x => x.BookingId).IsUnique().HasFilter("\"ReleasedAt\" IS NULL").HasDatabaseName("UX_room_claims_active_booking");
        e.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Booking>().WithMany().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A room in use (开房) from opening to closing, credited to one manager.</summary>
public sealed class RoomSession : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid RoomId { get; set; }
    public Guid? BookingId { get; set; }
    public bool WalkIn { get; set; }
    public int PartySize { get; set; }
    /// <summary>The manager credited with the session's spend; null for a walk-in nobody was given.</summary>
    public Guid? CreditedToId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public Guid OpenedById { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public Guid? ClosedById { get; set; }
    /// <summary>The room charge part of the bill (房费), included in <see cref="Spend"/>.</summary>
    public decimal RoomCharge { get; set; }
    public decimal Spend { get; set; }
    public decimal Discount { get; set; }
    public decimal CompsValue { get; set; }
    public Guid? ApprovalId { get; set; }
    /// <summary>The comps given, as JSON [{ "item", "value" }].</summary>
    public string Comps { get; set; } = "[]";
    /// <summary>The corporate account the bill was charged to (挂账: spend − discount on the account's statement); null: paid at the bill.</summary>
    public Guid? ChargedAccountId { get; set; }
}

internal sealed class RoomSessionConfiguration : IEntityTypeConfiguration<RoomSession>
{
    public void Configure(EntityTypeBuilder<RoomSession> e)
    {
        e.ToTable("room_sessions");
        e.Property(x => x.Comps).HasMaxLength(4000);
        e.HasIndex(x => new { x.VenueId, x.BusinessDay });
        e.HasIndex(x => x.RoomId);
        e.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Booking>().WithMany().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Account>().WithMany().HasForeignKey(x => x.ChargedAccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
