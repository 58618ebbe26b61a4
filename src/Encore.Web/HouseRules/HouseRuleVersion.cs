namespace Encore.Web.Data;

/// <summary>One version of a venue's house rules: the whole rule set as JSON, effective from an instant.</summary>
public sealed class HouseRuleVersion : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public DateTimeOffset EffectiveFrom { get; set; }
    public required string RulesJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedById { get; set; }
    public string Note { get; set; } = "";
}
