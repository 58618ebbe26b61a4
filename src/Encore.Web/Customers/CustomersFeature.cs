namespace Encore.Web.Customers;

/// <summary>Customer files, their import and export, return visits, and the sweep that schedules visits and VIP levels.</summary>
public sealed class CustomersFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<CustomerSweeper>();
        // Real time, never the training clock: see PhoneProbeGuard.
        builder.Services.AddSingleton(sp => new PhoneProbeGuard(TimeProvider.System,
            sp.GetService<StackExchange.Redis.IConnectionMultiplexer>()?.GetDatabase()));
        builder.Services.AddFeatureData<CustomersDemo>();
        builder.Services.AddMenuEntry(new MenuEntry("customers", "customers", "/customers", 30, Needs: Capability.SeeCustomers));
        builder.Services.AddMenuEntry(new MenuEntry("returnVisits", "return-visits", "/customers/return-visits", 35, Needs: Capability.SeeCustomers));
        builder.Services.AddMenuEntry(new MenuEntry("customerHandover", "customer-handover", "/customers/handover", 40, Needs: Capability.ManageAllCustomers));
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapCustomerImportExport();
        app.MapCustomersApi();
        app.MapReturnVisitsApi();
    }
}
