namespace Encore.Web.Complaints;

/// <summary>Complaints (SPEC.md "Complaints"): intake, handling, deadlines on the working calendar, escalation, fines and statistics.</summary>
public sealed class ComplaintsFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<ComplaintSweeper>();
        builder.Services.AddFeatureData<ComplaintsDemo>();
        builder.Services.AddSingleton<GuestLinks>();
        builder.Services.AddSingleton<GuestAddressWindow>();
        // The menu entry comes with the page (/complaints).
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapComplaintsApi();
        app.MapWorkingCalendarApi();
        app.MapGuestApi();
    }
}
