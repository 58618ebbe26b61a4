namespace Encore.Web.Data;

internal sealed class VenueConfiguration : IEntityTypeConfiguration<Venue>
{
    public void Configure(EntityTypeBuilder<Venue> e)
    {
        e.ToTable("venues");
        e.Property(x => x.Name).HasMaxLength(100);
    }
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> e)
    {
        e.Property(x => x.Name).HasMaxLength(50);
        e.Property(x => x.Department).HasMaxLength(50);
        e.Ignore(x => x.Badge);
        e.HasIndex(x => x.VenueId);
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
    }
}
