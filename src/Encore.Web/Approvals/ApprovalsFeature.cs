namespace Encore.Web.Approvals;

/// <summary>Discount and comp approvals.</summary>
public sealed class ApprovalsFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddMenuEntry(new MenuEntry("approvals", "approvals", "/approvals", 70, LeadsFor: Capability.DecideApprovals));
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapApprovalsApi();
    }
}
