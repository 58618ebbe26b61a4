namespace Encore.Web.Data;

/// <summary>A comp (赠送) the venue offers: fruit plate, snacks, tickets, drinks …</summary>
public sealed class CatalogueItem : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public required string Name { get; set; }
    public string Category { get; set; } = "";
    public decimal Price { get; set; }
    public bool Active { get; set; } = true;
}

internal sealed class CatalogueItemConfiguration : IEntityTypeConfiguration<CatalogueItem>
{
    public void Configure(EntityTypeBuilder<CatalogueItem> e)
    {
        e.ToTable("catalogue_items");
        e.Property(x => x.Name).HasMaxLength(50);
        e.Property(x => x.Category).HasMaxLength(50);
        e.HasIndex(x => new { x.VenueId, x.Name }).IsUnique();
    }
}
