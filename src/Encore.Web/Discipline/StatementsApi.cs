using System.Text;
using Encore.Web.Bookings;

namespace Encore.Web.Discipline;

public sealed record StatementDay(DateOnly BusinessDay, DateTimeOffset? SignedInAt, DateTimeOffset? SignedOutAt, bool Late, bool CalledIn,
    bool NoPay, bool BookingSuspended, bool PerformanceCancelled, bool Absent, string Note);

/// <summary>A confirmed suspension's first and last business days (house rule attendance.suspensionDays).</summary>
public sealed record SuspensionPeriod(Guid ViolationId, DateOnly From, DateOnly To);

public sealed record Statement(string Badge, string Name, string Month, IReadOnlyList<StatementDay> Days, IReadOnlyList<LeaveView> Leave,
    IReadOnlyList<ViolationView> Violations, int DaysSignedIn, int LateDays, int AbsentDays, int NoPayDays, decimal FinesDue,
    decimal FinesUnderAppeal, int Appeals, int Suspensions, IReadOnlyList<SuspensionPeriod> SuspensionPeriods);

/// <summary>
/// A person's monthly statement (SPEC.md "Violations and fines"): attendance, leave, fines, appeals and suspensions,
/// as JSON, as CSV (UTF-8 with BOM, so Excel shows the Chinese), and as the printable page /statements.
/// Fines due are the confirmed and upheld charges; overturned ones are listed but not owed.
/// </summary>
public static class StatementsApi
{
    public static void MapStatementsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/statements").WithTags("Violations").RequireAuthorization();
        group.MapGet("/{badge}", async (string badge, string? month, HttpContext http, EncoreDb db) =>
            {
                var built = await BuildAsync(http, db, badge, month);
                return built.Statement is { } s ? Results.Ok(s) : built.Problem!;
            })
            .Answers<Statement>().WithName("GetStatement");
        group.MapGet("/{badge}/csv", async (string badge, string? month, HttpContext http, EncoreDb db) =>
            {
                var built = await BuildAsync(http, db, badge, month);
                if (built.Statement is not { } s) return built.Problem!;
                return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv(s, CultureInfo.CurrentUICulture))).ToArray(), "text/csv; charset=utf-8",
                    $"statement-{s.Badge}-{s.Month}.csv");
            })
            .AnswersFile("text/csv").WithName("GetStatementCsv");
    }

    public sealed record Built(Statement? Statement, IResult? Problem);

    public static async Task<Built> BuildAsync(HttpContext http, EncoreDb db, string badge, string? month)
    {
        var at = await http.Caller().NowAsync();
        var user = http.User;
        if (Ranges.ParseMonth("month", month, out var first, new DateOnly(at.Today.Year, at.Today.Month, 1)) is { } refused) return new(null, refused);
        var normalized = badge.Trim().ToUpperInvariant();
        var person = await db.Users.Where(u => u.VenueId == at.VenueId && u.NormalizedUserName == normalized)
            .Select(u => new { u.Id, Badge = u.UserName!, u.Name, u.Department }).SingleOrDefaultAsync();
        if (person is null) return new(null, Problems.Rule(404, "staff.notFound", badge));
        var mine = person.Id == user.StaffId();
        var allowed = mine || user.Can(Capability.SeeAllStatements)
                      || (user.Can(Capability.SeeDepartment) && await db.Users.AnyAsync(u => u.Id == user.StaffId() && u.Department == person.Department));
        if (!allowed) return new(null, Problems.Rule(403, "statement.notYours"));

        var next = first.AddMonths(1);
        var days = (await db.AttendanceDays.Where(d => d.StaffId == person.Id && d.BusinessDay >= first && d.BusinessDay < next).OrderBy(d => d.BusinessDay).ToListAsync())
            .Select(d => new StatementDay(d.BusinessDay, at.Local(d.SignedInAt), at.Local(d.SignedOutAt), d.Late, d.CalledInAt is not null,
                d.NoPay, d.BookingSuspended, d.PerformanceCancelled, d.Absent, Attendance.AttendanceDays.ReadNote(d))).ToList();
        var start = Domain.BusinessDay.Start(first, at.Zone, at.Cutoff);
        var end = Domain.BusinessDay.Start(next, at.Zone, at.Cutoff);
        var leave = await LeaveAndPingsApi.LeaveViewsAsync(db, db.LeaveRequests.Where(l => l.StaffId == person.Id && l.From < end && l.To > start), at);
        var violations = await ViolationsApi.ViewsAsync(db, db.Violations.Where(v => v.StaffId == person.Id && v.BusinessDay >= first && v.BusinessDay < next), at, http);
        // The suspensions in force on any day of the month, with their dates (one confirmed last month may run into this one).
        var suspended = (await Suspensions.OverlappingAsync(db, at.VenueId, first, next.AddDays(-1), at.Rules, person.Id))
            .Select(p => new SuspensionPeriod(p.ViolationId, p.From, p.To)).ToList();
        var statement = new Statement(person.Badge, person.Name, first.ToString("yyyy-MM", CultureInfo.InvariantCulture), days, leave, violations,
            days.Count(d => d.SignedInAt is not null), days.Count(d => d.Late), days.Count(d => d.Absent), days.Count(d => d.NoPay),
            violations.Where(v => ViolationTransitions.Stands(v.Status)).Sum(v => v.Fine),
            violations.Where(v => v.Status == ViolationStatus.Appealed).Sum(v => v.Fine),
            violations.Count(v => v.AppealedAt is not null),
            violations.Count(v => v.Type == SystemViolation.Suspension.Code() && v.Status is ViolationStatus.Proposed or ViolationStatus.Confirmed or ViolationStatus.Upheld),
            suspended);
        return new(statement, null);
    }

    /// <summary>
    /// The statement as a spreadsheet for people (API.md fixes no columns for it): headers, section names, yes/no
    /// (是/否) and the words for statuses in the reader's language (the request's: the cookie the pages set, or
    /// Accept-Language / ?culture= for an API client), amounts as plain numbers, times as the venue's clock.
    /// </summary>
    public static string Csv(Statement s, CultureInfo culture)
    {
        var csv = new StringBuilder();
        string T(string key) => Texts.Get(key, culture);
        string YesNo(bool value) => T(value ? "csv.yes" : "csv.no");
        static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        static string? Time(DateTimeOffset? t) => t?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        void Row(params object?[] cells) => Platform.Csv.Row(csv, cells);
        Row(T("statement.title"), s.Badge, s.Name, s.Month);
        Row(T("statement.days"), T("statement.night"), T("statement.signedIn"), T("statement.signedOut"), T("attendance.late"), T("statement.calledIn"),
            T("statement.noPay"), T("statement.bookingSuspended"), T("statement.performanceCancelled"), T("attendance.absent"), T("statement.note"));
        foreach (var d in s.Days)
            Row(T("statement.days"), Day(d.BusinessDay), Time(d.SignedInAt), Time(d.SignedOutAt), YesNo(d.Late), YesNo(d.CalledIn), YesNo(d.NoPay),
                YesNo(d.BookingSuspended), YesNo(d.PerformanceCancelled), YesNo(d.Absent), d.Note);
        Row(T("statement.leave"), T("leave.kind"), T("leave.from"), T("leave.to"), T("statement.status"), T("leave.reason"), T("statement.backAt"));
        foreach (var l in s.Leave)
            Row(T("statement.leave"), T("leave.kind." + l.Kind.Code()), Time(l.From), Time(l.To), T("leave.status." + l.Status.Code()), l.Reason, Time(l.BackAt));
        Row(T("statement.violations"), T("statement.night"), T("statement.type"), T("statement.fine"), T("statement.chargedAs"), T("statement.status"),
            T("fines.evidence"), T("statement.appeal"), T("statement.decision"));
        foreach (var v in s.Violations)
            Row(T("statement.violations"), Day(v.BusinessDay), v.TypeName, v.Fine, T("fines.chargedAs." + v.ChargedAs), T("fines.status." + v.Status.Code()),
                v.Evidence, v.AppealReason, v.Decision);
        Row(T("statement.suspended"), T("statement.suspendedFrom"), T("statement.suspendedTo"));
        foreach (var p in s.SuspensionPeriods)
            Row(T("statement.suspended"), Day(p.From), Day(p.To));
        Row(T("statement.total"), T("statement.finesDue"), s.FinesDue, T("statement.finesUnderAppeal"), s.FinesUnderAppeal, T("statement.lateDays"), s.LateDays,
            T("statement.absentDays"), s.AbsentDays, T("statement.noPayDays"), s.NoPayDays);
        return csv.ToString();
    }
}
