namespace Encore.Web.Handover;

/// <summary>The shift handover (交接班): written by the outgoing shift, acknowledged by the incoming one.</summary>
public sealed class HandoverFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddFeatureData<HandoverDemo>();
        builder.Services.AddMenuEntry(new MenuEntry("handover", "handover", "/handover", 27, Needs: Capability.HandOverShifts));
    }

    public static void Map(IEndpointRouteBuilder app) => app.MapHandoverApi();
}
