namespace Encore.Web.Performance;

/// <summary>Performance cards, disputes, targets and the standings.</summary>
public sealed class PerformanceFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => new StandingsSettings(sp.GetRequiredService<EncoreSettings>().StandingsByRows));
        builder.Services.AddMenuEntry(new MenuEntry("card", "card", "/performance/card", 80, Needs: Capability.EarnOnCard));
        builder.Services.AddMenuEntry(new MenuEntry("performance", "performance", "/performance", 90));
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPerformanceApi();
    }
}
