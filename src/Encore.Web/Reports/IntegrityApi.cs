namespace Encore.Web.Reports;

/// <summary>
/// API.md "Reports": <c>GET /api/reports/integrity?month=</c> (JSON, or <c>?format=xlsx|pdf|csv</c>) and
/// <c>GET /api/reports/integrity/{badge}?month=</c>, the bookings behind one booker's figures. The floor manager and
/// the GM read every booker; a manager or promoter reads only their own row (the figures are about them, and other
/// bookers' are not theirs to compare): the list holds their row alone, another badge is 403.
/// </summary>
public static class IntegrityApi
{
    public static void MapIntegrityApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports/integrity").WithTags("Reports").RequireAuthorization().Requires(Capability.SeeIntegrity);
        group.MapGet("/", GetAsync).Answers<IntegrityView>().AnswersReportFiles().WithName("GetIntegrityReport");
        group.MapGet("/{badge}", BookingsAsync).Answers<IntegrityBookingsView>().WithName("GetIntegrityBookings");
    }

    private static async Task<IResult> GetAsync(HttpContext http, EncoreDb db, string? month, string? format)
    {
        var at = await http.Caller().NowAsync();
        if (Ranges.ParseMonth("month", month, out var first, Ranges.FirstOfMonth(at.Today)) is { } refused) return refused;
        if (!ReportFiles.TryParse(format, out var file, out var badFormat)) return badFormat!;
        var view = await ReadAsync(db, at, http.User, first);
        return file is { } f ? ReportFiles.Answer(Document(view), f) : Results.Ok(view);
    }

    private static async Task<IResult> BookingsAsync(HttpContext http, EncoreDb db, string badge, string? month)
    {
        var at = await http.Caller().NowAsync();
        if (Ranges.ParseMonth("month", month, out var first, Ranges.FirstOfMonth(at.Today)) is { } refused) return refused;
        var (view, refusal) = await BehindAsync(db, at, http.User, badge, first);
        return refusal ?? Results.Ok(view);
    }

    /// <summary>The month's rows the reader may see: everyone's for the floor and the GM, otherwise their own.</summary>
    public static async Task<IntegrityView> ReadAsync(EncoreDb db, VenueNow at, ClaimsPrincipal user, DateOnly first)
    {
        Guid? only = user.Can(Capability.SeeEveryonesIntegrity) ? null : user.StaffId();
        var rules = at.Rules.Integrity;
        return new IntegrityView(MonthText(first), rules, IntegrityReport.Rows(await IntegrityReport.LoadAsync(db, at.VenueId, first, only), rules));
    }

    /// <summary>One booker's bookings of the month with what each counts in, or the refusal (404 unknown or none, 403 another's).</summary>
    public static async Task<(IntegrityBookingsView? View, IResult? Refusal)> BehindAsync(EncoreDb db, VenueNow at, ClaimsPrincipal user, string badge, DateOnly first)
    {
        var staff = await db.Users.Where(u => u.VenueId == at.VenueId && u.UserName == badge.Trim()).Select(u => new { u.Id, Badge = u.UserName!, u.Name })
            .SingleOrDefaultAsync();
        if (staff is null) return (null, Problems.Rule(404, "integrity.unknownBooker", badge));
        if (staff.Id != user.StaffId() && !user.Can(Capability.SeeEveryonesIntegrity)) return (null, Problems.Rule(403, "integrity.onlyOwn"));
        var rules = at.Rules.Integrity;
        var items = await IntegrityReport.LoadAsync(db, at.VenueId, first, staff.Id);
        if (items.Count == 0) return (null, Problems.Rule(404, "integrity.noBookings", staff.Badge, MonthText(first)));
        var bookings = items.OrderBy(i => i.Arrival).Select(i => IntegrityReport.Booking(i, rules) with
        {
            Arrival = at.Local(i.Arrival), CreatedAt = at.Local(i.CreatedAt),
        }).ToList();
        return (new IntegrityBookingsView(MonthText(first), staff.Badge, staff.Name, IntegrityReport.Row(items, rules), bookings), null);
    }

    private static string MonthText(DateOnly first) => first.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The report as its files see it: one section of bookers, the thresholds in its note.</summary>
    public static ReportDocument Document(IntegrityView view)
    {
        var culture = CultureInfo.CurrentUICulture;
        string T(string key) => Texts.Get(key, culture);
        string[] figures = ["bookings", "arrived", "lapsed", "cancelled", "lateCancelled", "mismatches", "grabbed", "openedEarly"];
        List<ReportColumn> columns =
        [
            new(T("integrity.col.badge")), new(T("integrity.col.name")), new(T("integrity.col.department")),
            .. figures.Select(f => new ReportColumn(T($"integrity.col.{f}"), ReportCell.Count)),
            new(T("integrity.col.lapseRate"), ReportCell.Percent), new(T("integrity.col.lateCancelRate"), ReportCell.Percent),
            new(T("integrity.col.flags")),
        ];
        var rows = view.Bookers.Select(r => (IReadOnlyList<object?>)
        [
            r.Badge, r.Name, r.Department, r.Bookings, r.Arrived, r.Lapsed, r.Cancelled, r.LateCancelled, r.Mismatches, r.Grabbed, r.OpenedEarly,
            r.LapseRate, r.LateCancelRate, string.Join(", ", r.Flags.Select(f => T($"integrity.flag.{f.Kind}"))),
        ]).ToList();
        var t = view.Thresholds;
        var note = string.Format(culture, T("integrity.note"), t.LapseRateMax.ToString("P0", culture), t.LateCancelRateMax.ToString("P0", culture),
            t.LateCancelMinutes, t.MismatchesMax, t.OutOfTurnMax, t.GrabMinutes, t.MinBookings);
        return new ReportDocument(T("integrity.title"), view.Month,
            [new ReportSection("Integrity", T("integrity.bookers"), columns, rows, Note: note)], FileName: $"integrity-{view.Month}");
    }
}
