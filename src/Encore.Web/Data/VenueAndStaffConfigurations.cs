namespace Encore.Web.Data;

internal sealed class VenueConfiguration : IEntityTypeConfiguration<Venue>
{
    public void Configure(EntityTypeBuilder<Venue> e)
    {
        e.ToTable("venues");
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Code).HasMaxLength(32);
        e.Property(x => x.Region).HasMaxLength(50);
        e.HasIndex(x => x.Code).IsUnique().HasDatabaseName("UX_venues_Code");
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
        // Badges are unique within a venue (issue 21), not across the installation as Identity's own index had them.
        e.HasIndex(x => x.NormalizedUserName).HasDatabaseName("UserNameIndex").IsUnique(false);
        e.HasIndex(x => new { x.VenueId, x.NormalizedUserName }).IsUnique().HasDatabaseName("UX_AspNetUsers_VenueId_NormalizedUserName");
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
    }
}
