using Encore.Web.Customers;
using Encore.Web.Staff;
using Encore.Web.Bookings;
using Encore.Web.Discipline;
using Encore.Web.Rotation;

namespace Encore.Web.Attendance;

public sealed record SignInInput(string? Badge);

public sealed record CallInInput(string? Reason);

public sealed record SignOutResult(DateOnly BusinessDay, DateTimeOffset SignedOutAt, bool Absent);

public sealed record CallInResult(DateOnly BusinessDay, DateTimeOffset CalledInAt);

public sealed record LeaveMark(LeaveKind Kind, LeaveStatus Status);

/// <summary>GET /api/attendance: one person's night as the floor follows it.</summary>
public sealed record AttendanceLine(string Badge, string Name, string Department, DateOnly BusinessDay, DateTimeOffset? SignedInAt, DateTimeOffset? SignedOutAt,
    bool CalledIn, bool Late, bool NoPay, bool BookingSuspended, bool PerformanceCancelled, bool Absent, bool SignedInByOther, string Note, LeaveMark? Leave);

/// <summary>GET /api/attendance/today: the caller's own night.</summary>
public sealed record MyAttendance(DateOnly BusinessDay, DateTimeOffset? SignedInAt, DateTimeOffset? SignedOutAt, DateTimeOffset? CalledInAt, bool Late, bool NoPay,
    bool BookingSuspended, bool PerformanceCancelled, bool Absent, DateTimeOffset SignInBy);

public sealed record SignInResult(DateOnly BusinessDay, bool Late, DateTimeOffset SignedInAt, bool CalledIn, bool NoPay, bool BookingSuspended, bool PerformanceCancelled);

/// <summary>
/// API.md "Attendance": sign-in (a manager joins tonight's rotation), call-in before the sign-in time, sign-out.
/// The rules are <see cref="AttendancePolicy"/>: late after a call-in → recorded only; late without one → a proposed fine, no pay, no
/// booking for the rest of the business day, the day's performance not counted; signing out before closing
/// without approved leave → absent (旷工). A floor manager may act on someone's behalf (recorded).
/// </summary>
public static class AttendanceApi
{
    public static void MapAttendanceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/attendance").WithTags("Attendance").RequireAuthorization();
        group.MapPost("/sign-in", SignInAsync).Answers<SignInResult>().WithName("SignIn");
        group.MapPost("/sign-out", SignOutAsync).Answers<SignOutResult>().WithName("SignOut");
        group.MapPost("/call-in", CallInAsync).Answers<CallInResult>().WithName("CallIn");
        // The floor's view of a night: everyone expected (customer managers and promoters) and how they stand.
        group.MapGet("/", async (HttpContext http, EncoreDb db, string? businessDay) =>
            {
                var at = await http.Caller().NowAsync();
                if (at.ParseDay("businessDay", businessDay, out var day) is { } refused) return refused;
                var people = await (from u in db.Users join ur in db.UserRoles on u.Id equals ur.UserId join r in db.Roles on ur.RoleId equals r.Id
                                    where u.VenueId == at.VenueId && u.IsActive && (r.Name == Roles.Manager || r.Name == Roles.Promoter)
                                    select new { u.Id, Badge = u.UserName!, u.Name, u.Department }).Distinct().ToListAsync();
                var days = await db.AttendanceDays.Where(d => d.VenueId == at.VenueId && d.BusinessDay == day).ToDictionaryAsync(d => d.StaffId);
                var start = BusinessDay.Start(day, at.Zone, at.Cutoff);
                var end = BusinessDay.End(day, at.Zone, at.Cutoff);
                var leave = await db.LeaveRequests.Where(l => l.VenueId == at.VenueId && l.From < end && l.To > start)
                    .Select(l => new { l.StaffId, l.Kind, l.Status }).ToListAsync();
                return Results.Ok(people.OrderBy(p => p.Badge, StringComparer.Ordinal).Select(p =>
                {
                    var d = days.GetValueOrDefault(p.Id);
                    // An approved leave speaks for the night before a pending one, and either before a rejected one.
                    var l = leave.Where(x => x.StaffId == p.Id).OrderBy(x => x.Status switch { LeaveStatus.Approved => 0, LeaveStatus.Pending => 1, _ => 2 }).FirstOrDefault();
                    return new AttendanceLine(p.Badge, p.Name, p.Department, day, at.Local(d?.SignedInAt), at.Local(d?.SignedOutAt),
                        d?.CalledInAt is not null, d?.Late ?? false, d?.NoPay ?? false, d?.BookingSuspended ?? false, d?.PerformanceCancelled ?? false,
                        d?.Absent ?? false, d?.SignedInById is not null, d is null ? "" : AttendanceDays.ReadNote(d), l is null ? null : new LeaveMark(l.Kind, l.Status));
                }));
            })
            .Requires(Capability.SeeAttendance)
            .Answers<List<AttendanceLine>>().WithName("ListAttendance");
        group.MapGet("/today", async (HttpContext http, EncoreDb db) =>
            {
                var at = await http.Caller().NowAsync();
                var me = http.User.StaffId();
                var day = await db.AttendanceDays.AsNoTracking().SingleOrDefaultAsync(d => d.StaffId == me && d.BusinessDay == at.Today);
                return Results.Ok(new MyAttendance(at.Today, at.Local(day?.SignedInAt), at.Local(day?.SignedOutAt), at.Local(day?.CalledInAt),
                    day?.Late ?? false, day?.NoPay ?? false, day?.BookingSuspended ?? false, day?.PerformanceCancelled ?? false,
                    day?.Absent ?? false, at.Local(AttendancePolicy.SignInBy(at.Today, at.Rules))));
            })
            .Answers<MyAttendance>().WithName("GetMyAttendance");
    }

    private static async Task<IResult> CallInAsync(CallInInput input, HttpContext http, EncoreDb db)
    {
        var v = new Validator().Text("reason", input.Reason, 200);
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        var me = http.User.StaffId();
        var by = AttendancePolicy.SignInBy(at.Today, at.Rules);
        if (at.Now > by) return Problems.Rule(409, "attendance.callInTooLate", at.Local(by).ToString("HH:mm", CultureInfo.InvariantCulture));
        AuditScope.Name(http, "attendance.callIn");
        await using var tx = await db.BeginWriteAsync();
        var day = await AttendanceDays.RowAsync(db, at.VenueId, me, at.Today);
        if (day.SignedInAt is not null) return Problems.Rule(409, "attendance.alreadySignedIn");
        day.CalledInAt = at.Now;
        day.CallInReason = input.Reason!.Trim();
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Results.Ok(new CallInResult(at.Today, at.Local(at.Now)));
    }

    private static async Task<IResult> SignInAsync(SignInInput? input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var at = await http.Caller().NowAsync();
        var user = http.User;
        var staff = await WhoAsync(input?.Badge, http, db, at.VenueId);
        if (staff.Problem is { } problem) return problem;
        var (staffId, roles) = (staff.Id!.Value, staff.Roles!);

        AuditScope.Name(http, "attendance.signIn");
        await using var tx = await db.BeginWriteAsync();
        var day = await AttendanceDays.RowAsync(db, at.VenueId, staffId, at.Today);
        if (day.SignedInAt is null)
        {
            var consequence = AttendancePolicy.Lateness(at.Today, at.Now, day.CalledInAt is not null, at.Rules);
            day.SignedInAt = at.Now;
            day.Late = consequence.Late;
            day.NoPay |= consequence.NoPay;
            day.BookingSuspended |= consequence.BookingSuspended;
            day.PerformanceCancelled |= consequence.PerformanceCancelled;
            day.SignedInById = staffId == user.StaffId() ? null : user.StaffId();
            if (consequence.Late)
            {
                var local = at.Local(at.Now).ToString("HH:mm", CultureInfo.InvariantCulture);
                AttendanceDays.Note(day, PhoneText.Say(consequence.BookingSuspended ? "attendance.note.lateNoCallIn" : "attendance.note.lateCalledIn", local));
            }
            // Only lateness without reason (无故迟到) is fined: after a call-in the lateness is recorded (above), not fined.
            if (consequence.Fined)
            {
                var evidence = PhoneText.Say("fines.evidence.late", at.HourMinute(at.Now), at.HourMinute(AttendancePolicy.SignInBy(at.Today, at.Rules)),
                    PhoneText.Say("fines.evidence.late.noCallIn"));
                var charges = await Fines.RaiseAsync(db, Fines.Incident.BySystem(at.VenueId, staffId, SystemViolation.Late.Code(), at.Rules.Attendance.LateFineMin, at.Today, at.Now,
                    evidence), at.Rules);
                board.ViolationsChanged(at.VenueId, charges.Select(c => c.Id).ToList());
            }
        }
        else day.SignedOutAt = null; // back after signing out: the day goes on
        if (roles.Contains(Roles.Manager))
            await RotationQueue.JoinAsync(db, at, at.Today, staffId, user.StaffId());
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        board.RotationChanged(at.VenueId);
        return Results.Ok(new SignInResult(day.BusinessDay, day.Late, at.Local(day.SignedInAt!.Value), day.CalledInAt is not null,
            day.NoPay, day.BookingSuspended, day.PerformanceCancelled));
    }

    private static async Task<IResult> SignOutAsync(SignInInput? input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var at = await http.Caller().NowAsync();
        var staff = await WhoAsync(input?.Badge, http, db, at.VenueId);
        if (staff.Problem is { } problem) return problem;
        var staffId = staff.Id!.Value;

        AuditScope.Name(http, "attendance.signOut");
        await using var tx = await db.BeginWriteAsync();
        var day = await db.AttendanceDays.SingleOrDefaultAsync(d => d.StaffId == staffId && d.BusinessDay == at.Today && d.SignedInAt != null);
        if (day is null) return Problems.Rule(409, "attendance.notSignedIn");
        day.SignedOutAt = at.Now;
        var early = AttendancePolicy.LeftEarly(at.Today, at.Now, at.Rules);
        var onLeave = await db.LeaveRequests.AnyAsync(l => l.StaffId == staffId && l.Status == LeaveStatus.Approved && l.From <= at.Now && l.To >= at.Now);
        if (early && !onLeave && !day.Absent)
        {
            day.Absent = true;
            var charges = await Fines.RaiseAsync(db, Fines.Incident.BySystem(at.VenueId, staffId, SystemViolation.Absent.Code(), at.Rules.Attendance.AbsentFineMin, at.Today, at.Now,
                PhoneText.Say("fines.evidence.leftEarly", at.HourMinute(at.Now), at.HourMinute(AttendancePolicy.Closing(at.Today, at.Rules)))), at.Rules);
            board.ViolationsChanged(at.VenueId, charges.Select(c => c.Id).ToList());
        }
        await RotationQueue.LeaveAsync(db, at.VenueId, at.Today, staffId, at.Now, http.User.StaffId(), early && !onLeave ? "leftEarly" : "signedOut");
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        board.RotationChanged(at.VenueId);
        return Results.Ok(new SignOutResult(day.BusinessDay, at.Local(at.Now), day.Absent));
    }

    public sealed record Who(Guid? Id, List<string>? Roles, IResult? Problem);

    /// <summary>The caller, or (for a floor manager or the GM) the badge they act for.</summary>
    public static async Task<Who> WhoAsync(string? badge, HttpContext http, EncoreDb db, Guid venue)
    {
        var user = http.User;
        Guid id;
        if (string.IsNullOrWhiteSpace(badge) || badge.Trim() == user.Badge()) id = user.StaffId();
        else
        {
            if (!user.Can(Capability.Discipline))
                return new Who(null, null, Problems.Rule(403, "attendance.onlyFloorOnBehalf"));
            var found = await db.StaffIdAsync(venue, badge, activeOnly: true);
            if (found is null) return new Who(null, null, Problems.Validation("badge", "unknown"));
            id = found.Value;
        }
        var roles = await db.RolesOfAsync(id);
        return new Who(id, roles, null);
    }
}
