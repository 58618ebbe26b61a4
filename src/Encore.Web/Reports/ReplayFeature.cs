namespace Encore.Web.Reports;

/// <summary>The board of a past night replayed minute by minute (issue 19): its API, page and menu entry.</summary>
public sealed class ReplayFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder) =>
        builder.Services.AddMenuEntry(new MenuEntry("boardReplay", "board-replay", "/board/replay", 67, Needs: Capability.ReplayBoard));

    public static void Map(IEndpointRouteBuilder app) => app.MapReplayApi();
}
