namespace Encore.Web.Data;

public sealed class Customer : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public required string Name { get; set; }
    public required string Phone { get; set; }
    public string Company { get; set; } = "";
    public string Title { get; set; } = "";
    public DateOnly? Birthday { get; set; }
    public string Notes { get; set; } = "";
    /// <summary>Comma-separated tags (e.g. 老客户, 商务).</summary>
    public string Tags { get; set; } = "";
    /// <summary>Songs, drinks, room type the guest likes.</summary>
    public string Preferences { get; set; } = "";
    /// <summary>How the customer came: filed, booking, import …</summary>
    public string Source { get; set; } = "";
    public string CreditFlags { get; set; } = "";
    /// <summary>The name in pinyin without tones ("wangwei") and its initials ("ww"), kept for search.</summary>
    public string Pinyin { get; set; } = "";
    public string Initials { get; set; } = "";
    /// <summary>diamond · gold · silver · "" — recomputed nightly from the house-rule window (VipPolicy).</summary>
    public string VipLevel { get; set; } = "";
    /// <summary>The exclusive manager (专属客服经理) of a top VIP, if one was named.</summary>
    public Guid? ExclusiveManagerId { get; set; }
    /// <summary>The manager the customer belongs to (客户归属): who filed them first, or who they were handed over to.</summary>
    public Guid OwnerId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the GM erased the guest's personal data at their request (GuestService/CustomerErasure.cs); null for a live file.</summary>
    public DateTimeOffset? ErasedAt { get; set; }
}

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> e)
    {
        e.ToTable("customers");
        e.Property(x => x.Name).HasMaxLength(50);
        // 40: an erased file's phone is a placeholder made from its id (GuestService/CustomerErasure.cs), unique like a phone.
        e.Property(x => x.Phone).HasMaxLength(40);
        e.Property(x => x.Company).HasMaxLength(100);
        e.Property(x => x.Title).HasMaxLength(50);
        e.Property(x => x.Notes).HasMaxLength(2000);
        e.Property(x => x.Tags).HasMaxLength(200);
        e.Property(x => x.Preferences).HasMaxLength(500);
        e.Property(x => x.Source).HasMaxLength(50);
        e.Property(x => x.CreditFlags).HasMaxLength(100);
        e.Property(x => x.Pinyin).HasMaxLength(200);
        e.Property(x => x.Initials).HasMaxLength(50);
        e.Property(x => x.VipLevel).HasMaxLength(16);
        e.HasIndex(x => new { x.VenueId, x.Initials });
        // A new file is compared with the files of the same name (duplicate flags, at every booking of a new phone); a
        // venue-wide search reads this index alone, as it carries every column the search reads (migration 0038; on
        // PostgreSQL as INCLUDE columns). The schema is the hand-written migrations': these lines describe it.
        e.HasIndex(x => new { x.VenueId, x.Name, x.ErasedAt, x.Phone, x.Initials, x.Pinyin, x.Company, x.OwnerId, x.Id }, "IX_customers_VenueId_Name_Search");
        e.HasIndex(x => new { x.VenueId, x.Phone }).IsUnique();
        // The month's new files per manager are a range of it (migration 0037).
        e.HasIndex(x => new { x.OwnerId, x.CreatedAt });
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The owner's (or a floor manager's) consent that another manager may book or serve a customer.</summary>
public sealed class CustomerConsent : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid GranteeId { get; set; }
    public Guid GrantedById { get; set; }
    public string Reason { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

internal sealed class CustomerConsentConfiguration : IEntityTypeConfiguration<CustomerConsent>
{
    public void Configure(EntityTypeBuilder<CustomerConsent> e)
    {
        e.ToTable("customer_consents");
        e.Property(x => x.Reason).HasMaxLength(200);
        e.HasIndex(x => new { x.CustomerId, x.GranteeId }).IsUnique();
        e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A customer handed from one manager to another (交接), with who decided and why.</summary>
public sealed class CustomerHandover : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid FromId { get; set; }
    public Guid ToId { get; set; }
    public Guid ById { get; set; }
    public string Reason { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

internal sealed class CustomerHandoverConfiguration : IEntityTypeConfiguration<CustomerHandover>
{
    public void Configure(EntityTypeBuilder<CustomerHandover> e)
    {
        e.ToTable("customer_handovers");
        e.Property(x => x.Reason).HasMaxLength(200);
        e.HasIndex(x => x.CustomerId);
        e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A possible duplicate of another file, flagged for a floor manager; never merged silently.</summary>
public sealed class CustomerFlag : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid OtherCustomerId { get; set; }
    public string Reason { get; set; } = "";
    public CustomerFlagStatus Status { get; set; } = CustomerFlagStatus.Open;
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class CustomerFlagConfiguration : IEntityTypeConfiguration<CustomerFlag>
{
    public void Configure(EntityTypeBuilder<CustomerFlag> e)
    {
        e.ToTable("customer_flags");
        e.Property(x => x.Reason).HasMaxLength(200);
        e.Property(x => x.Status).HasMaxLength(16);
        e.HasIndex(x => new { x.VenueId, x.Status });
        e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A return visit (回访) due for a customer: the day after a visit, after N days unseen, before a birthday.</summary>
public sealed class ReturnVisit : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid CustomerId { get; set; }
    /// <summary>The manager who owes the visit: the customer's owner when it was scheduled.</summary>
    public Guid OwnerId { get; set; }
    /// <summary>afterVisit · unseen · birthday · storedDrinksExpiring.</summary>
    public required string Reason { get; set; }
    public DateOnly DueDay { get; set; }
    public DateTimeOffset ScheduledAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string Channel { get; set; } = "";
    public string Outcome { get; set; } = "";
    /// <summary>1–5, as the guest said.</summary>
    public int? Satisfaction { get; set; }
}

internal sealed class ReturnVisitConfiguration : IEntityTypeConfiguration<ReturnVisit>
{
    public void Configure(EntityTypeBuilder<ReturnVisit> e)
    {
        e.ToTable("return_visits");
        e.Property(x => x.Reason).HasMaxLength(32);
        e.Property(x => x.Channel).HasMaxLength(16);
        e.Property(x => x.Outcome).HasMaxLength(500);
        e.HasIndex(x => new { x.CustomerId, x.Reason, x.DueDay }).IsUnique();
        e.HasIndex(x => new { x.OwnerId, x.DueDay });
        e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>One contact with a customer (call, WeChat, visit) for the daily 5–10 house rule.</summary>
public sealed class CustomerContact : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid StaffId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Channel { get; set; }
    public string Outcome { get; set; } = "";
}

internal sealed class CustomerContactConfiguration : IEntityTypeConfiguration<CustomerContact>
{
    public void Configure(EntityTypeBuilder<CustomerContact> e)
    {
        e.ToTable("customer_contacts");
        e.Property(x => x.Channel).HasMaxLength(16);
        e.Property(x => x.Outcome).HasMaxLength(500);
        e.HasIndex(x => new { x.StaffId, x.BusinessDay });
        e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}
