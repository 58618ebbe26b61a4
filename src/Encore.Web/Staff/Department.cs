namespace Encore.Web.Data;

/// <summary>
/// One of the venue's departments (营销一部, 收银部 …), kept by the GM. A member of staff's department is one of these
/// names: staff keep the name as text (StaffMember.Department, which bookings, fines and the department head's views
/// compare), so a rename rewrites their rows in the same transaction. A retired department takes no new members;
/// the people still in it keep it until they are moved.
/// </summary>
public sealed class Department : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>
    /// The floor manager responsible for the department (issue 14), set by the GM: takes the floor manager's share of its
    /// people's shared fines and approves their leave. Null: nobody yet.
    /// </summary>
    public Guid? FloorManagerId { get; set; }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> e)
    {
        e.ToTable("departments");
        e.Property(x => x.Name).HasMaxLength(50);
        e.HasIndex(x => new { x.VenueId, x.Name }).IsUnique();
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.FloorManagerId).OnDelete(DeleteBehavior.Restrict);
    }
}
