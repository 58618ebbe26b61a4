namespace Encore.Web.Complaints;

/// <summary>Complaints (SPEC.md "Complaints"): intake, handling, deadlines on the working calendar, escalation, fines and statistics.</summary>
public sealed class ComplaintsFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<ComplaintSweeper>();
        builder.Services.AddFeatureData<ComplaintsDemo>();
        builder.Services.AddMenuEntry(new MenuEntry("complaints", "complaints", "/complaints", 105));
        builder.Services.AddSingleton<GuestLinks>();
        builder.Services.AddSingleton<GuestAddressWindow>();
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapComplaintsApi();
        app.MapWorkingCalendarApi();
        app.MapGuestApi();
    }
}
