namespace Encore.Web.Audit;

/// <summary>The append-only audit log and its page.</summary>
public sealed class AuditFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddAudit();
        builder.Services.AddMenuEntry(new MenuEntry("audit", "audit", "/audit", 170, Needs: Capability.ReadAudit));
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapAuditApi();
    }
}
