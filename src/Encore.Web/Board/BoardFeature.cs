namespace Encore.Web.Board;

/// <summary>The live channel (/hubs/board) every live page listens on, and the room board page.</summary>
public sealed class BoardFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BoardNotifier>();
        builder.Services.AddSingleton<LiveConnections>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BoardNotifier>());
        // The hub speaks the API's JSON (enums as camelCase strings), so a board reads roomChanged like GET /api/rooms.
        builder.Services.AddSignalR().AddJsonProtocol(o => EncoreJson.Configure(o.PayloadSerializerOptions));
        builder.Services.AddMenuEntry(new MenuEntry("board", "board", "/board", 20, LeadsFor: Capability.WorkDesk));
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapHub<BoardHub>("/hubs/board");
    }
}
