namespace Encore.Web.Data;

/// <summary>A found item (客遗物): kept for the house-rule days, then returned to a claimant or disposed of, each with who and when.</summary>
public sealed class LostItem : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid RoomId { get; set; }
    /// <summary>The room's number when the item was found (a room renumbered later keeps its history readable).</summary>
    public required string RoomNumber { get; set; }
    public required string Description { get; set; }
    /// <summary>Where the item is kept (a shelf, the safe, the lost-property box).</summary>
    public required string Storage { get; set; }
    public Guid FoundById { get; set; }
    public DateTimeOffset FoundAt { get; set; }
    /// <summary>The last business day it is kept; it may be disposed of only after this day.</summary>
    public DateOnly KeepUntil { get; set; }
    /// <summary>kept · returned · disposed.</summary>
    public string Status { get; set; } = "kept";
    public string ClaimantName { get; set; } = "";
    public string ClaimantPhone { get; set; } = "";
    public string Note { get; set; } = "";
    /// <summary>Who handed it over (to the claimant, or to disposal) and when.</summary>
    public Guid? ClosedById { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>Bumped on every change: two desks handing one item over at once cannot both win.</summary>
    public int Version { get; set; }
}

internal sealed class LostItemConfiguration : IEntityTypeConfiguration<LostItem>
{
    public void Configure(EntityTypeBuilder<LostItem> e)
    {
        e.ToTable("lost_items");
        e.Property(x => x.RoomNumber).HasMaxLength(16);
        e.Property(x => x.Description).HasMaxLength(500);
        e.Property(x => x.Storage).HasMaxLength(100);
        e.Property(x => x.Status).HasMaxLength(16);
        e.Property(x => x.ClaimantName).HasMaxLength(50);
        e.Property(x => x.ClaimantPhone).HasMaxLength(20);
        e.Property(x => x.Note).HasMaxLength(500);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.VenueId, x.Status, x.FoundAt });
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A guest's valuables at the desk (贵重物品寄存), handed back only against the receipt code the guest was given.</summary>
public sealed class Valuable : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public required string GuestName { get; set; }
    public required string GuestPhone { get; set; }
    public required string Description { get; set; }
    public string? RoomNumber { get; set; }
    /// <summary>The guest's key: never answered after the intake, never written to the audit log (AuditInterceptor.Secret).</summary>
    public required string ReceiptCode { get; set; }
    public Guid TakenById { get; set; }
    public DateTimeOffset TakenAt { get; set; }
    public Guid? ReturnedById { get; set; }
    public DateTimeOffset? ReturnedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class ValuableConfiguration : IEntityTypeConfiguration<Valuable>
{
    public void Configure(EntityTypeBuilder<Valuable> e)
    {
        e.ToTable("valuables");
        e.Property(x => x.GuestName).HasMaxLength(50);
        e.Property(x => x.GuestPhone).HasMaxLength(20);
        e.Property(x => x.Description).HasMaxLength(500);
        e.Property(x => x.RoomNumber).HasMaxLength(16);
        e.Property(x => x.ReceiptCode).HasMaxLength(16);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.VenueId, x.ReturnedAt });
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A guest's unfinished bottles (存酒), stored under the customer and their manager until they expire.</summary>
public sealed class StoredDrink : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid CustomerId { get; set; }
    /// <summary>The customer's owning manager when the bottles were stored (the reminder goes to whoever owns the file then).</summary>
    public Guid OwnerId { get; set; }
    public required string Item { get; set; }
    public int Quantity { get; set; }
    public int Remaining { get; set; }
    public Guid StoredById { get; set; }
    public DateTimeOffset StoredAt { get; set; }
    /// <summary>The last business day a withdrawal is allowed.</summary>
    public DateOnly ExpiresOn { get; set; }
    /// <summary>When the owner's "storedDrinksExpiring" return visit was scheduled: once per stored bottle.</summary>
    public DateTimeOffset? ReminderScheduledAt { get; set; }
    /// <summary>Bumped on every withdrawal: two withdrawals at once never take more than remains.</summary>
    public int Version { get; set; }
}

internal sealed class StoredDrinkConfiguration : IEntityTypeConfiguration<StoredDrink>
{
    public void Configure(EntityTypeBuilder<StoredDrink> e)
    {
        e.ToTable("stored_drinks", t => t.HasCheckConstraint("CK_stored_drinks_remaining", "\"Remaining\" >= 0 AND \"Remaining\" <= \"Quantity\""));
        e.Property(x => x.Item).HasMaxLength(100);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => x.CustomerId);
        e.HasIndex(x => new { x.VenueId, x.ExpiresOn });
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>One withdrawal from a stored bottle: how many, by whom, when, and what remained.</summary>
public sealed class StoredDrinkWithdrawal : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid StoredDrinkId { get; set; }
    public int Quantity { get; set; }
    public int Remaining { get; set; }
    public Guid ById { get; set; }
    public DateTimeOffset At { get; set; }
}

internal sealed class StoredDrinkWithdrawalConfiguration : IEntityTypeConfiguration<StoredDrinkWithdrawal>
{
    public void Configure(EntityTypeBuilder<StoredDrinkWithdrawal> e)
    {
        e.ToTable("stored_drink_withdrawals");
        e.HasIndex(x => x.StoredDrinkId);
        e.HasOne<StoredDrink>().WithMany().HasForeignKey(x => x.StoredDrinkId).OnDelete(DeleteBehavior.Restrict);
    }
}
