namespace Encore.Web.Data;

/// <summary>
/// A private link to a room session for its guests (SPEC.md "the guest's own voice"). The token itself is never
/// stored in clear: <see cref="TokenHash"/> (SHA-256) finds the link from the token a guest presents, and
/// <see cref="TokenSealed"/> holds the token encrypted with the app's Data Protection keys (kept on disk, outside
/// the database), so the desk gets the same link on each call while a copy of the database opens no link.
/// </summary>
public sealed class GuestLink : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid SessionId { get; set; }
    /// <summary>Lower-case hex SHA-256 of the token's UTF-8 bytes.</summary>
    public string TokenHash { get; set; } = "";
    public string TokenSealed { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A guest's rating of a room session through its link: every one is kept, and feeds the manager's satisfaction.</summary>
public sealed class GuestRating : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid SessionId { get; set; }
    public Guid LinkId { get; set; }
    /// <summary>1–5 stars.</summary>
    public int Rating { get; set; }
    public string Comment { get; set; } = "";
    /// <summary>The guest says a member of staff asked them for a tip.</summary>
    public bool TipSolicited { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The complaint the rating opened (a low rating or a tips report), if any.</summary>
    public Guid? ComplaintId { get; set; }
}

internal sealed class GuestLinkConfiguration : IEntityTypeConfiguration<GuestLink>
{
    public void Configure(EntityTypeBuilder<GuestLink> e)
    {
        e.ToTable("guest_links");
        e.Property(x => x.TokenHash).HasMaxLength(64);
        e.Property(x => x.TokenSealed).HasMaxLength(400);
        e.HasIndex(x => x.TokenHash).IsUnique();
        e.HasIndex(x => x.SessionId);
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<RoomSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GuestRatingConfiguration : IEntityTypeConfiguration<GuestRating>
{
    public void Configure(EntityTypeBuilder<GuestRating> e)
    {
        e.ToTable("guest_ratings");
        e.Property(x => x.Comment).HasMaxLength(500);
        e.HasIndex(x => new { x.LinkId, x.At });
        e.HasIndex(x => x.SessionId);
        e.HasIndex(x => x.ComplaintId);
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<RoomSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<GuestLink>().WithMany().HasForeignKey(x => x.LinkId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Complaint>().WithMany().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);
    }
}
