namespace Encore.Web.Staff;

/// <summary>Staff accounts and the directory other features ask about people.</summary>
public sealed class StaffFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddStaff();
        builder.Services.AddFeatureData<StaffDemo>();
        builder.Services.AddMenuEntry(new MenuEntry("staff", "staff", "/staff", 150, Needs: Capability.ManageStaff));
        builder.Services.AddMenuEntry(new MenuEntry("loginDelays", "login-delays", "/staff/login-delays", 151, Needs: Capability.UnlockLogins));
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapStaffApi();
        app.MapDepartmentsApi();
    }
}
