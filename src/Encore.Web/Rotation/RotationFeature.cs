namespace Encore.Web.Rotation;

/// <summary>The walk-in rotation.</summary>
public sealed class RotationFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddMenuEntry(new MenuEntry("rotation", "rotation", "/rotation", 55, Needs: Capability.SeeRotationHistory));
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapRotationApi();
    }
}
