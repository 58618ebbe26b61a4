namespace Encore.Web.Rankings;

/// <summary>The month's rankings (best and worst managers, points), commendations and the yearly star manager.</summary>
public sealed class RankingsFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddFeatureData<RankingsDemo>();
        builder.Services.AddMenuEntry(new MenuEntry("rankings", "rankings", "/rankings", 64));
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapRankingsApi();
        app.MapCommendationsApi();
    }
}
