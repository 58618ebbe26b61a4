namespace Encore.Web.Chain;

/// <summary>The chain (issue 21, SPEC.md "Chain"): venues, regional managers, staff moves and the chain summary.</summary>
public sealed class ChainFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddMenuEntry(new MenuEntry("chain", "chain", "/chain", 5, Needs: Capability.SeeChain));
    }

    public static void Map(IEndpointRouteBuilder app) => app.MapChainApi();
}
