namespace Encore.Web.Staff;

/// <summary>Staff accounts and the directory other features ask about people.</summary>
public sealed class StaffFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddStaff();
        builder.Services.AddFeatureData<StaffDemo>();
        builder.Services.AddMenuEntry(new MenuEntry("staff", "staff", "/staff", 150, Needs: Capability.ManageStaff));
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapStaffApi();
    }
}
