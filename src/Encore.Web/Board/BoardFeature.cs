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
        var signalR = builder.Services.AddSignalR().AddJsonProtocol(o => EncoreJson.Configure(o.PayloadSerializerOptions));
        // Several instances (issue 21, ENCORE_REDIS): a change made through one reaches the board clients of every one.
        if (EncoreSettings.From(builder.Configuration, builder.Environment).Redis is { } redis) AddRedisBackplane(signalR, redis);
        builder.Services.AddMenuEntry(new MenuEntry("board", "board", "/board", 20, LeadsFor: Capability.WorkDesk));
    }

    // A method of its own, so an installation without Redis does not load the backplane's packages (Platform/PlatformSetup.cs AddRedis).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void AddRedisBackplane(Microsoft.AspNetCore.SignalR.ISignalRServerBuilder signalR, string redis) =>
        signalR.AddStackExchangeRedis(o =>
        {
            o.Configuration = Instances.RedisOptions(redis);
            o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("encore-board");
        });

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapHub<BoardHub>("/hubs/board");
    }
}
