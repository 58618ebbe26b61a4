namespace Encore.Web.Chain;

/// <summary>A venue a regional manager oversees (the chain admin oversees all without rows).</summary>
public sealed class ChainAccess
{
    public Guid StaffId { get; set; }
    public Guid VenueId { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
}

/// <summary>A member of staff moved from one venue to another: their history stays where it was made, the move is kept here.</summary>
public sealed class StaffMove
{
    public Guid Id { get; set; } = Ids.New();
    public Guid StaffId { get; set; }
    public Guid FromVenueId { get; set; }
    public Guid ToVenueId { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? ById { get; set; }
    public string Note { get; set; } = "";
}

internal sealed class ChainAccessConfiguration : IEntityTypeConfiguration<ChainAccess>
{
    public void Configure(EntityTypeBuilder<ChainAccess> e)
    {
        e.ToTable("chain_access");
        e.HasKey(x => new { x.StaffId, x.VenueId });
        e.HasIndex(x => x.VenueId);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StaffMoveConfiguration : IEntityTypeConfiguration<StaffMove>
{
    public void Configure(EntityTypeBuilder<StaffMove> e)
    {
        e.ToTable("staff_moves");
        e.Property(x => x.Note).HasMaxLength(200);
        e.HasIndex(x => x.StaffId);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.FromVenueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.ToVenueId).OnDelete(DeleteBehavior.Restrict);
    }
}
