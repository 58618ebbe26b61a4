using Encore.Domain;
using Encore.Web.Audit;
using Encore.Web.Bookings;
using Encore.Web.Data;
using Encore.Web.Platform;
using Encore.Web.Rotation;
using Microsoft.EntityFrameworkCore;

namespace Encore.Web.Attendance;

public sealed record SignInInput(string? Badge);

public sealed record SignInResult(DateOnly BusinessDay, bool Late, DateTimeOffset SignedInAt);

/// <summary>
/// API.md "Attendance", sign-in and sign-out: what the rotation needs (a signed-in manager joins tonight's
/// queue at the back; signing out leaves it). Lateness is against the house-rule sign-in time; its fines,
/// leave and pings are the attendance issue's. A floor manager may sign someone in on their behalf (recorded).
/// </summary>
public static class AttendanceApi
{
    public static void MapAttendanceApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/attendance").WithTags("Attendance").RequireAuthorization();
        group.MapPost("/sign-in", SignInAsync).WithName("SignIn");
        group.MapPost("/sign-out", SignOutAsync).WithName("SignOut");
    }

    private static async Task<IResult> SignInAsync(SignInInput? input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var at = await Desk.NowAsync(http);
        var user = http.User;
        var staff = await WhoAsync(input?.Badge, http, db, at.VenueId);
        if (staff.Problem is { } problem) return problem;
        var (staffId, roles) = (staff.Id!.Value, staff.Roles!);

        AuditScope.Name(http, "attendance.signIn");
        await using var tx = await db.BeginWriteAsync();
        var day = await db.AttendanceDays.SingleOrDefaultAsync(d => d.StaffId == staffId && d.BusinessDay == at.Today);
        if (day is null)
        {
            var local = TimeOnly.FromDateTime(at.Local(at.Now).DateTime);
            day = new AttendanceDay
            {
                VenueId = at.VenueId, StaffId = staffId, BusinessDay = at.Today, SignedInAt = at.Now,
                Late = BusinessDay.SinceCutoff(local, at.Cutoff) > BusinessDay.SinceCutoff(at.Rules.Attendance.SignInBy, at.Cutoff),
                SignedInById = staffId == user.StaffId() ? null : user.StaffId(),
            };
            db.AttendanceDays.Add(day);
        }
        else day.SignedOutAt = null; // back after signing out: the day goes on
        if (roles.Contains(Roles.Manager))
            await RotationQueue.JoinAsync(db, at.VenueId, at.Today, staffId, at.Now, user.StaffId());
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        board.RotationChanged(at.VenueId);
        return Results.Ok(new SignInResult(day.BusinessDay, day.Late, at.Local(day.SignedInAt)));
    }

    private static async Task<IResult> SignOutAsync(SignInInput? input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var at = await Desk.NowAsync(http);
        var staff = await WhoAsync(input?.Badge, http, db, at.VenueId);
        if (staff.Problem is { } problem) return problem;
        var staffId = staff.Id!.Value;

        AuditScope.Name(http, "attendance.signOut");
        await using var tx = await db.BeginWriteAsync();
        var day = await db.AttendanceDays.SingleOrDefaultAsync(d => d.StaffId == staffId && d.BusinessDay == at.Today);
        if (day is null) return Problems.Rule(409, "attendance.notSignedIn");
        day.SignedOutAt = at.Now;
        await RotationQueue.LeaveAsync(db, at.VenueId, at.Today, staffId, at.Now, http.User.StaffId(), "signedOut");
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        board.RotationChanged(at.VenueId);
        return Results.Ok(new { businessDay = day.BusinessDay, signedOutAt = at.Local(at.Now) });
    }

    private sealed record Who(Guid? Id, List<string>? Roles, IResult? Problem);

    /// <summary>The caller, or (for a floor manager or the GM) the badge they act for.</summary>
    private static async Task<Who> WhoAsync(string? badge, HttpContext http, EncoreDb db, Guid venue)
    {
        var user = http.User;
        Guid id;
        if (string.IsNullOrWhiteSpace(badge) || badge.Trim() == user.Badge()) id = user.StaffId();
        else
        {
            if (!user.IsInRole(Roles.FloorManager) && !user.IsInRole(Roles.Gm))
                return new Who(null, null, Problems.Rule(403, "attendance.onlyFloorOnBehalf"));
            var normalized = badge.Trim().ToUpperInvariant();
            var found = await db.Users.Where(u => u.VenueId == venue && u.NormalizedUserName == normalized && u.IsActive).Select(u => (Guid?)u.Id).SingleOrDefaultAsync();
            if (found is null) return new Who(null, null, Problems.Validation("badge", "unknown"));
            id = found.Value;
        }
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id select r.Name!).ToListAsync();
        return new Who(id, roles, null);
    }
}
