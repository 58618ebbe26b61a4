namespace Encore.Web.Discipline;

/// <summary>Violations and fines, leave and pings, monthly statements, and the sweep that applies them.</summary>
public sealed class DisciplineFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<DisciplineSweeper>();
        builder.Services.AddFeatureData<ViolationCatalogueData>();
        builder.Services.AddMenuEntry(new MenuEntry("fines", "fines", "/fines", 100));
        builder.Services.AddMenuEntry(new MenuEntry("statements", "statements", "/statements", 110));
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapViolationsApi();
        app.MapLeaveAndPingsApi();
        app.MapStatementsApi();
    }
}
