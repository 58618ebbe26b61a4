namespace Encore.Web.Data;

/// <summary>One version of a venue's house rules: the whole rule set as JSON, effective from an instant.</summary>
public sealed class HouseRuleVersion : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public DateTimeOffset EffectiveFrom { get; set; }
    public required string RulesJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedById { get; set; }
    public string Note { get; set; } = "";
}

internal sealed class HouseRuleVersionConfiguration : IEntityTypeConfiguration<HouseRuleVersion>
{
    public void Configure(EntityTypeBuilder<HouseRuleVersion> e)
    {
        e.ToTable("house_rule_versions");
        e.Property(x => x.Note).HasMaxLength(200);
        e.HasIndex(x => new { x.VenueId, x.EffectiveFrom });
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
    }
}
