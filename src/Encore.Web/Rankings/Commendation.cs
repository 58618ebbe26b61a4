namespace Encore.Web.Data;

/// <summary>
/// A commendation (表扬) of a member of staff for a business day, given by the floor, the GM or the person's department
/// head, with the reason; it adds ranking points in its month (<see cref="Domain.RankingRules.PointsPerCommendation"/>).
/// Never deleted: a mistaken one is withdrawn with a reason and stops counting.
/// </summary>
public sealed class Commendation : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid StaffId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public required string Reason { get; set; }
    public Guid GivenById { get; set; }
    public DateTimeOffset GivenAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public Guid? WithdrawnById { get; set; }
    public string WithdrawReason { get; set; } = "";
    /// <summary>Bumped on every change: two withdrawals at once cannot both win.</summary>
    public int Version { get; set; }
}

internal sealed class CommendationConfiguration : IEntityTypeConfiguration<Commendation>
{
    public void Configure(EntityTypeBuilder<Commendation> e)
    {
        e.ToTable("commendations");
        e.Property(x => x.Reason).HasMaxLength(Rankings.CommendationsApi.ReasonMax);
        e.Property(x => x.WithdrawReason).HasMaxLength(Rankings.CommendationsApi.ReasonMax);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.VenueId, x.BusinessDay });
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.GivenById).OnDelete(DeleteBehavior.Restrict);
    }
}
