namespace Encore.Web.GuestService;

/// <summary>The guest-service register (lost property, valuables, stored drinks), the stored-drink reminders, and customer erasure.</summary>
public sealed class GuestServiceFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<GuestServiceSweeper>();
        builder.Services.AddFeatureData<GuestServiceDemo>();
        builder.Services.AddMenuEntry(new MenuEntry("guestService", "guest-service", "/guest-service", 25, Needs: Capability.KeepGuestRegister));
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapLostItemsApi();
        app.MapValuablesApi();
        app.MapStoredDrinksApi();
        app.MapCustomerErasure();
    }
}
