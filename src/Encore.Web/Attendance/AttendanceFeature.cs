namespace Encore.Web.Attendance;

/// <summary>Attendance: signing in and out, and the floor's sheet.</summary>
public sealed class AttendanceFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddMenuEntry(new MenuEntry("attendance", "attendance", "/attendance", 60, LeadsFor: Capability.EarnOnCard));
        builder.Services.AddMenuEntry(new MenuEntry("attendanceFloor", "attendance-floor", "/attendance/floor", 65, Needs: Capability.SeeAttendance, LeadsFor: Capability.SeeAttendance));
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapAttendanceApi();
    }
}
