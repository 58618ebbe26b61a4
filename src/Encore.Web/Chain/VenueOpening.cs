namespace Encore.Web.Chain;

/// <summary>
/// Opens a venue: the row, its house rules (its own zone and business-day cut-off) in effect from now, and what every
/// feature puts into a venue (the violation catalogue, the appraisal templates, …). One way for POST /api/venues and the
/// demo's second venue, so a demo venue is exactly what a chain admin would have opened.
/// </summary>
public static class VenueOpening
{
    public static async Task<Venue> OpenAsync(EncoreDb db, IEnumerable<IFeatureData> featureData, string code, string name, string region,
        Encore.Domain.HouseRules rules, Guid? openedBy, DateTimeOffset now)
    {
        var venue = new Venue { Code = code, Name = name, Region = region, CreatedAt = now };
        db.Venues.Add(venue);
        db.HouseRuleVersions.Add(new HouseRuleVersion
        {
            VenueId = venue.Id, EffectiveFrom = now, RulesJson = HouseRulesStore.Serialize(rules), CreatedAt = now,
            CreatedById = openedBy, Note = "venue.create",
        });
        await db.SaveChangesAsync();
        foreach (var data in featureData.OrderBy(d => d.Order)) await data.EnsureDefaultsAsync(db, venue.Id);
        return venue;
    }
}
