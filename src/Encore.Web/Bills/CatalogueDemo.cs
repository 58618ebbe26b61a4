namespace Encore.Web.Bills;

/// <summary>The demo venue's catalogue of comps and extras.</summary>
public sealed class CatalogueDemo : IFeatureData
{
    public int Order => 30;

    public Task AddDemoAsync(DemoVenue demo)
    {
        demo.Db.CatalogueItems.AddRange(
            new[] { ("果盘", "水果", 88m), ("小吃拼盘", "小吃", 58m), ("爆米花", "小吃", 28m), ("门票", "门票", 100m), ("啤酒一打", "酒水", 360m), ("红酒", "酒水", 680m) }
                .Select(c => new CatalogueItem { VenueId = demo.Venue.Id, Name = c.Item1, Category = c.Item2, Price = c.Item3 }));
        return Task.CompletedTask;
    }
}
