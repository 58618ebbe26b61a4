namespace Encore.Web.Bookings;

/// <summary>Bookings and their hold rules (the hold sweeper).</summary>
public sealed class BookingsFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<HoldSweeper>();
        builder.Services.AddFeatureData<BookingsDemo>();
        builder.Services.AddMenuEntry(new MenuEntry("bookings", "bookings", "/bookings", 10, Needs: Capability.Book, LeadsFor: Capability.KeepCustomers));
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapBookingsApi();
        app.MapQuotasApi();
    }
}
