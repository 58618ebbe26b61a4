namespace Encore.Web.Discipline;

/// <summary>Every venue starts with SPEC.md's violation catalogue, which its GM then edits.</summary>
public sealed class ViolationCatalogueData : IFeatureData
{
    public int Order => 60;

    public Task EnsureDefaultsAsync(EncoreDb db, Guid venueId) => ViolationCatalogue.EnsureDefaultsAsync(db, venueId);
}
