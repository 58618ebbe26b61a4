namespace Encore.Web.Reports;

/// <summary>The monthly integrity report per booker (issue 19): its API, page, menu entry and demo rows.</summary>
public sealed class IntegrityFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddFeatureData<IntegrityDemo>();
        builder.Services.AddMenuEntry(new MenuEntry("integrity", "integrity", "/reports/integrity", 66, Needs: Capability.SeeIntegrity));
    }

    public static void Map(IEndpointRouteBuilder app) => app.MapIntegrityApi();
}
