namespace Encore.Web.Diary;

public sealed record WorkReportInput(string? Summary, string? Plan);

/// <summary>The period's figures, measured from the bills, customer files, contacts, complaints, fines and diaries.</summary>
public sealed record WorkReportFigures(decimal Spend, int Rooms, int NewCustomers, int Contacts, int Complaints, int Fines, decimal FinesAmount,
    int DiariesOwed, int DiariesSubmitted, int DiariesLate, decimal? TargetSpend, int? TargetRooms);

/// <summary>A night's feedback and events as the manager wrote them in the diary.</summary>
public sealed record DiaryNote(DateOnly BusinessDay, string Feedback, string Events);

public sealed record WorkReportView(ReportPeriod Period, DateOnly Start, DateOnly End, string Badge, string Name, string Department,
    WorkReportFigures Figures, List<DiaryNote> DiaryNotes, string Summary, string Plan, bool Submitted, DateTimeOffset? SubmittedAt,
    bool Mine, List<DiaryCommentView> Comments);

public sealed record WorkReportSummary(string Badge, string Name, string Department, ReportPeriod Period, DateOnly Start, bool Submitted,
    DateTimeOffset? SubmittedAt, int Comments);

/// <summary>
/// SPEC.md "Weekly work report per manager, pre-filled from diaries and figures, commented by the department head"
/// (周报, and the monthly 月报). A week runs Monday to Sunday (given by its Monday), a month by "2026-11". The
/// figures are measured each time it is read until the manager submits it; then it is frozen like a diary. Who may
/// read and comment is the diary's rule (<see cref="DiaryReaders"/>). The page prints it (Diary/Pages/Report).
/// </summary>
public static class WorkReportsApi
{
    public static void MapWorkReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/work-reports").WithTags("Diary").RequireAuthorization().Requires(Capability.OpenDiaries);
        group.MapGet("/", ListAsync).Answers<List<WorkReportSummary>>().WithName("ListWorkReports");
        group.MapGet("/{period}/{start}", GetAsync).Answers<WorkReportView>().WithName("GetWorkReport");
        group.MapPut("/{period}/{start}", SaveAsync).Requires(Capability.KeepDiary).Answers<WorkReportView>().WithName("SaveWorkReport");
        group.MapPost("/{period}/{start}/submit", SubmitAsync).Requires(Capability.KeepDiary).Answers<WorkReportView>().WithName("SubmitWorkReport");
        group.MapPost("/{period}/{start}/comments", CommentAsync).Answers<WorkReportView>(StatusCodes.Status201Created).WithName("CommentWorkReport");
    }

    private sealed record Span(ReportPeriod Period, DateOnly Start, DateOnly End);

    /// <summary>"week" with its Monday, or "month" with "2026-11"; not a period that has not begun.</summary>
    private static IResult? ParsePeriod(VenueNow at, string? period, string? start, out Span span)
    {
        span = default!;
        var v = new Validator();
        DateOnly? first = null;
        ReportPeriod kind = default;
        switch (period?.Trim())
        {
            case "week":
                kind = ReportPeriod.Week;
                first = v.Day("start", start);
                if (first is { } monday && monday.DayOfWeek != DayOfWeek.Monday) v.Add("start", "monday", Ranges.DayText(monday.AddDays(-(((int)monday.DayOfWeek + 6) % 7))));
                break;
            case "month":
                kind = ReportPeriod.Month;
                first = v.Month("start", start);
                break;
            default:
                v.Add("period", "oneOf", "week, month");
                break;
        }
        if (first is { } f && f > at.Today) v.Add("start", "notInFuture", Ranges.DayText(at.Today));
        if (!v.Ok) return v.ToResult();
        span = new Span(kind, first!.Value, kind == ReportPeriod.Week ? first.Value.AddDays(6) : first.Value.AddMonths(1).AddDays(-1));
        return null;
    }

    private static async Task<IResult> ListAsync(HttpContext http, EncoreDb db, string? period, string? start, string? badge)
    {
        var at = await http.Caller().NowAsync();
        var thisWeek = at.Today.AddDays(-(((int)at.Today.DayOfWeek + 6) % 7));
        if (ParsePeriod(at, period ?? "week", start ?? (period == "month" ? at.Today.ToString("yyyy-MM", CultureInfo.InvariantCulture) : Ranges.DayText(thisWeek)), out var span) is { } bad) return bad;
        var keepers = await DiaryReaders.KeepersInSightAsync(http, db, at.VenueId, badge);
        if (keepers.Problem is { } refused) return refused;
        var ids = keepers.People.Select(p => p.Id).ToList();
        var reports = await db.WorkReports.Where(r => ids.Contains(r.StaffId) && r.Period == span.Period && r.PeriodStart == span.Start)
            .Select(r => new { r.Id, r.StaffId, r.SubmittedAt, Comments = db.DiaryComments.Count(c => c.WorkReportId == r.Id) }).ToListAsync();
        return Results.Ok(keepers.People.Select(p =>
        {
            var r = reports.SingleOrDefault(x => x.StaffId == p.Id);
            return new WorkReportSummary(p.Badge, p.Name, p.Department, span.Period, span.Start, r?.SubmittedAt is not null, at.Local(r?.SubmittedAt), r?.Comments ?? 0);
        }).ToList());
    }

    private static async Task<IResult> GetAsync(string period, string start, HttpContext http, EncoreDb db, string? badge)
    {
        var at = await http.Caller().NowAsync();
        if (ParsePeriod(at, period, start, out var span) is { } bad) return bad;
        var who = await DiaryReaders.SubjectAsync(http, db, at.VenueId, badge);
        if (who.Problem is { } refused) return refused;
        return Results.Ok(await ViewAsync(db, http, at, who.Person!, span));
    }

    private static async Task<IResult> SaveAsync(string period, string start, WorkReportInput input, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        if (ParsePeriod(at, period, start, out var span) is { } bad) return bad;
        var v = new Validator().Text("summary", input.Summary, DiaryLimits.Text, required: false).Text("plan", input.Plan, DiaryLimits.Text, required: false);
        if (input.Summary is null && input.Plan is null) v.Add("summary", "requiredEither", "plan");
        if (!v.Ok) return v.ToResult();
        var me = await DiaryReaders.SubjectAsync(http, db, at.VenueId, null);
        if (me.Problem is { } refused) return refused;
        var report = await RowAsync(db, at, me.Person!.Id, span);
        if (report.SubmittedAt is { } submitted) return Problems.Rule(409, "workReport.submitted", at.Local(submitted).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        AuditScope.Name(http, "workReport.save");
        if (input.Summary is not null) report.Summary = input.Summary.Trim();
        if (input.Plan is not null) report.Plan = input.Plan.Trim();
        report.UpdatedAt = at.Now;
        report.Version++;
        await db.SaveChangesAsync();
        return Results.Ok(await ViewAsync(db, http, at, me.Person, span));
    }

    private static async Task<IResult> SubmitAsync(string period, string start, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        if (ParsePeriod(at, period, start, out var span) is { } bad) return bad;
        var me = await DiaryReaders.SubjectAsync(http, db, at.VenueId, null);
        if (me.Problem is { } refused) return refused;
        var report = await RowAsync(db, at, me.Person!.Id, span);
        if (report.SubmittedAt is { } submitted) return Problems.Rule(409, "workReport.submitted", at.Local(submitted).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        // A report says what the manager makes of the period: an empty summary is refused by name.
        if (string.IsNullOrWhiteSpace(report.Summary)) return Problems.Validation("summary", "required");
        AuditScope.Name(http, "workReport.submit");
        var (figures, notes) = await MeasureAsync(db, at, me.Person.Id, span);
        report.Snapshot = JsonSerializer.Serialize(new Frozen(figures, notes), EncoreJson.Options);
        report.SubmittedAt = at.Now;
        report.UpdatedAt = at.Now;
        report.Version++;
        await db.SaveChangesAsync();
        return Results.Ok(await ViewAsync(db, http, at, me.Person, span));
    }

    private static async Task<IResult> CommentAsync(string period, string start, DiaryCommentInput input, HttpContext http, EncoreDb db, string? badge)
    {
        var at = await http.Caller().NowAsync();
        if (ParsePeriod(at, period, start, out var span) is { } bad) return bad;
        var v = new Validator().Text("text", input.Text, DiaryLimits.Comment);
        if (string.IsNullOrWhiteSpace(badge)) v.Add("badge", "required");
        if (!v.Ok) return v.ToResult();
        var who = await DiaryReaders.SubjectAsync(http, db, at.VenueId, badge, commenting: true);
        if (who.Problem is { } refused) return refused;
        AuditScope.Name(http, "workReport.comment");
        var report = await RowAsync(db, at, who.Person!.Id, span);
        db.DiaryComments.Add(new DiaryComment { VenueId = at.VenueId, WorkReportId = report.Id, AuthorId = http.User.StaffId(), Text = input.Text!.Trim(), At = at.Now });
        await db.SaveChangesAsync();
        return Results.Created($"/api/work-reports/{EncoreJson.Camel(span.Period)}/{Ranges.DayText(span.Start)}?badge={Uri.EscapeDataString(who.Person.Badge)}",
            await ViewAsync(db, http, at, who.Person, span));
    }

    private static async Task<WorkReport> RowAsync(EncoreDb db, VenueNow at, Guid staffId, Span span)
    {
        var report = await db.WorkReports.SingleOrDefaultAsync(r => r.StaffId == staffId && r.Period == span.Period && r.PeriodStart == span.Start);
        if (report is not null) return report;
        report = new WorkReport { VenueId = at.VenueId, StaffId = staffId, Period = span.Period, PeriodStart = span.Start, UpdatedAt = at.Now };
        db.WorkReports.Add(report);
        return report;
    }

    private sealed record Frozen(WorkReportFigures Figures, List<DiaryNote> DiaryNotes);

    /// <summary>The period's figures for one manager, measured now (nights to come are not owed yet).</summary>
    private static async Task<(WorkReportFigures, List<DiaryNote>)> MeasureAsync(EncoreDb db, VenueNow at, Guid staffId, Span span)
    {
        var (first, last) = (span.Start, span.End);
        var from = BusinessDay.Start(first, at.Zone, at.Cutoff);
        var to = BusinessDay.End(last, at.Zone, at.Cutoff);
        var sessions = await db.RoomSessions.Where(s => s.CreditedToId == staffId && s.BusinessDay >= first && s.BusinessDay <= last && s.ClosedAt != null)
            .Select(s => s.Spend).ToListAsync();
        var newCustomers = await db.Customers.CountAsync(c => c.OwnerId == staffId && c.CreatedAt >= from && c.CreatedAt < to);
        var contacts = await db.CustomerContacts.CountAsync(c => c.StaffId == staffId && c.BusinessDay >= first && c.BusinessDay <= last);
        var complaints = await db.Complaints.CountAsync(c => c.VenueId == at.VenueId && c.BusinessDay >= first && c.BusinessDay <= last
                                                             && (c.ManagerId == staffId || db.ComplaintStaff.Any(s => s.ComplaintId == c.Id && s.StaffId == staffId)));
        // Fines charged in the period that have not been dismissed or overturned (proposed ones included: they stand until decided).
        var fines = await db.Violations.Where(v => v.StaffId == staffId && v.BusinessDay >= first && v.BusinessDay <= last
                                                   && v.Status != ViolationStatus.Dismissed && v.Status != ViolationStatus.Overturned)
            .Select(v => v.Amount).ToListAsync();
        var owed = await db.AttendanceDays.Where(d => d.StaffId == staffId && d.BusinessDay >= first && d.BusinessDay <= last && d.SignedInAt != null)
            .Select(d => d.BusinessDay).ToListAsync();
        var diaries = await db.DiaryEntries.Where(e => e.StaffId == staffId && e.BusinessDay >= first && e.BusinessDay <= last)
            .OrderBy(e => e.BusinessDay).ToListAsync();
        var submitted = diaries.Where(e => e.SubmittedAt is not null).ToList();
        var late = submitted.Count(e => DiaryPolicy.SubmittedLate(e.BusinessDay, e.SubmittedAt, at.Rules));
        decimal? targetSpend = null;
        int? targetRooms = null;
        if (span.Period == ReportPeriod.Month)
        {
            var month = first.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var target = await db.MonthlyTargets.SingleOrDefaultAsync(t => t.StaffId == staffId && t.Month == month);
            (targetSpend, targetRooms) = (target?.Spend ?? at.Rules.Performance.MonthlySpendTarget, target?.Rooms ?? at.Rules.Performance.MonthlyRoomsTarget);
        }
        var figures = new WorkReportFigures(sessions.Sum(), sessions.Count, newCustomers, contacts, complaints, fines.Count, fines.Sum(),
            owed.Count, submitted.Count, late, targetSpend, targetRooms);
        var notes = submitted.Where(e => e.Feedback != "" || e.Events != "").Select(e => new DiaryNote(e.BusinessDay, e.Feedback, e.Events)).ToList();
        return (figures, notes);
    }

    private static async Task<WorkReportView> ViewAsync(EncoreDb db, HttpContext http, VenueNow at, DiaryReaders.Person person, Span span)
    {
        var report = await db.WorkReports.AsNoTracking().SingleOrDefaultAsync(r => r.StaffId == person.Id && r.Period == span.Period && r.PeriodStart == span.Start);
        var (figures, notes) = report?.Snapshot is { } frozen
            ? JsonSerializer.Deserialize<Frozen>(frozen, EncoreJson.Options) is { } f ? (f.Figures, f.DiaryNotes) : default
            : await MeasureAsync(db, at, person.Id, span);
        var comments = report is null ? [] : await (from c in db.DiaryComments
                                                    join u in db.Users on c.AuthorId equals u.Id
                                                    where c.WorkReportId == report.Id
                                                    orderby c.At
                                                    select new { u.UserName, u.Name, c.Text, c.At }).ToListAsync();
        return new WorkReportView(span.Period, span.Start, span.End, person.Badge, person.Name, person.Department, figures, notes,
            report?.Summary ?? "", report?.Plan ?? "", report?.SubmittedAt is not null, at.Local(report?.SubmittedAt), person.Id == http.User.StaffId(),
            comments.Select(c => new DiaryCommentView(c.UserName!, c.Name, c.Text, at.Local(c.At))).ToList());
    }
}
