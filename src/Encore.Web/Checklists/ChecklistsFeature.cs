namespace Encore.Web.Checklists;

/// <summary>Checklists: the GM's templates, room inspections and the closing round on the phone, the closing-round reminder.</summary>
public sealed class ChecklistsFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<ChecklistSweeper>();
        builder.Services.AddFeatureData<ChecklistsDemo>();
        builder.Services.AddMenuEntry(new MenuEntry("checklists", "checklists", "/checklists", 27, Needs: Capability.RunChecklists));
    }

    public static void Map(IEndpointRouteBuilder app) => app.MapChecklistsApi();
}
