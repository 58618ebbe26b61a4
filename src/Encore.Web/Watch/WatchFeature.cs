namespace Encore.Web.Watch;

/// <summary>
/// The floor manager's watch over the night and the week ahead: who is under the daily contact minimum and the
/// month's new-customer quota (SPEC.md "Customer files and return visits"), and the coming seven business days'
/// bookings and VIP arrivals. Reads only: it keeps no data of its own.
/// </summary>
public sealed class WatchFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder) =>
        builder.Services.AddMenuEntry(new MenuEntry("oversight", "oversight", "/oversight", 66, Needs: Capability.WatchContacts));

    public static void Map(IEndpointRouteBuilder app) => app.MapWatchApi();
}
