namespace Encore.Web.Rooms;

/// <summary>Rooms and the desk's room moves: open, transfer, close, release, out of service.</summary>
public sealed class RoomsFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddFeatureData<RoomsDemo>();
        builder.Services.AddSingleton<BoardProjection>();
        builder.Services.AddSingleton<LargestRooms>();
        builder.Services.AddMenuEntry(new MenuEntry("rooms", "rooms", "/rooms", 140));
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapRoomsApi();
    }
}
