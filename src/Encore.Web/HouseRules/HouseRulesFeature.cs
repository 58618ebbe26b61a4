namespace Encore.Web.HouseRules;

/// <summary>The house rules: versions, their store and the GM's page.</summary>
public sealed class HouseRulesFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddHouseRules();
        builder.Services.AddMenuEntry(new MenuEntry("houseRules", "house-rules", "/house-rules", 160));
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapHouseRulesApi();
    }
}
