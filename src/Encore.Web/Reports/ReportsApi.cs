namespace Encore.Web.Reports;

/// <summary>A night against another (the same weekday a week before).</summary>
public sealed record DayComparison(string BusinessDay, int Rooms, int Sessions, decimal Occupancy, decimal Spend, int Guests);

/// <summary>The month's budget prorated to one night (÷ the month's days), and the night's share of it.</summary>
public sealed record BudgetDay(string Month, decimal Spend, decimal Rooms, decimal Guests, decimal SpendAttainment, decimal RoomsAttainment);

/// <summary>GET /api/reports/daily: API.md's fields first, then the rest of the 营业日报.</summary>
public sealed record DailyView(
    string BusinessDay, int Rooms, int Sessions, decimal Occupancy, decimal Spend, decimal Discounts, decimal Comps, int WalkIns,
    BookingFigures Bookings, List<ManagerFigures> ByManager, List<RoomTypeFigures> ByRoomType,
    bool Frozen, DateTimeOffset? FrozenAt, decimal RoomCharges, decimal DiscountShare, decimal CompShare, int BookedSessions, int Guests,
    decimal SpendPerRoom, decimal SpendPerGuest, List<HourFigures> ByHour, AttendanceFigures Attendance, FineFigures Fines, int VipArrivals,
    int Complaints, int RoomsOpen, double RoomHoursSold, double RoomHoursOpen, DayComparison LastWeek, BudgetDay? Budget, List<AmendmentView> Amendments);

public sealed record MonthDayRow(string BusinessDay, int Rooms, int Sessions, decimal Occupancy, decimal Spend, decimal Discounts, decimal Comps, int Guests,
    int WalkIns, int Complaints, decimal Fines, decimal? BudgetSpend);

public sealed record MonthManagerRow(string Badge, string Name, int Rooms, int Sessions, int Guests, decimal Spend, decimal Discounts, decimal Comps, int WalkIns,
    decimal? TargetSpend, int? TargetRooms, decimal? SpendAttainment, decimal? RoomsAttainment);

/// <summary>
/// Customers of the month: new (files created in the month), active (visited: a session of a booking naming them), churned
/// (their last visit lies <c>unseenDays</c> back — house rule customers.returnVisitUnseenDays, the sweeper's "unseen" — and that
/// day fell in the month up to the day read).
/// </summary>
public sealed record CustomerGrowth(int New, int Active, int Churned, int UnseenDays);

public sealed record BudgetMonth(decimal Spend, int Rooms, int Guests, decimal SpendAttainment, decimal RoomsAttainment, decimal GuestsAttainment,
    decimal SpendToDate, decimal SpendToDateAttainment);

/// <summary>GET /api/reports/monthly: the month (through the day read, tonight live) from the current data.</summary>
public sealed record MonthlyView(
    string Month, string Through, int Rooms, int Sessions, decimal Occupancy, decimal Spend, decimal Discounts, decimal Comps, int WalkIns,
    BookingFigures Bookings, List<MonthManagerRow> ByManager, List<MonthDayRow> ByDay, decimal RoomCharges, int Guests, decimal SpendPerRoom,
    decimal SpendPerGuest, CustomerGrowth Customers, int Complaints, FineFigures Fines, int VipArrivals, BudgetMonth? Budget, List<AmendmentView> Amendments);

public sealed record BudgetInput(decimal? Spend, int? Rooms, int? Guests);

public sealed record BudgetView(string Month, decimal Spend, int Rooms, int Guests, string SetBy, DateTimeOffset SetAt);

/// <summary>
/// API.md "Reports": the daily business report (营业日报) for a business day, the monthly report, and the GM's monthly
/// budget they are read against. The daily figures come from <see cref="DailyFigures"/>, frozen by <see cref="Snapshots"/>.
/// </summary>
public static class ReportsApi
{
    public const decimal BudgetSpendMax = 1_000_000_000m;
    public const int BudgetCountMax = 1_000_000;

    public static void MapReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization();
        group.MapGet("/daily", DailyAsync).Requires(Capability.SeeReports).Answers<DailyView>().AnswersReportFiles().WithName("GetDailyReport");
        group.MapGet("/monthly", MonthlyAsync).Requires(Capability.SeeReports).Answers<MonthlyView>().AnswersReportFiles().WithName("GetMonthlyReport");
        group.MapGet("/budget/{month}", GetBudgetAsync).Requires(Capability.SeeReports).Answers<BudgetView>().WithName("GetBudget");
        group.MapPut("/budget/{month}", PutBudgetAsync).Requires(Capability.SetBudget).Answers<BudgetView>().WithName("SetBudget");
    }

    private static async Task<IResult> DailyAsync(HttpContext http, EncoreDb db, string? businessDay, string? format)
    {
        var at = await http.Caller().NowAsync();
        if (Ranges.ParseDay("businessDay", businessDay, out var day, at.Today.AddDays(-1)) is { } refused) return refused;
        if (!ReportFiles.TryParse(format, out var file, out var badFormat)) return badFormat!;
        var view = await DailyReportAsync(db, at, day);
        return file is { } f ? ReportFiles.Answer(ReportDocuments.Daily(view), f) : Results.Ok(view);
    }

    /// <summary>The daily report of a day, as the API, the page and the home page's headline read it.</summary>
    public static async Task<DailyView> DailyReportAsync(EncoreDb db, VenueNow at, DateOnly day)
    {
        var before = day.AddDays(-7);
        var (read, last) = await Snapshots.ReadAsync(db, at, day, before);
        var f = read.Figures;
        var budget = await BudgetOfAsync(db, at.VenueId, Ranges.FirstOfMonth(day));
        BudgetDay? perDay = null;
        if (budget is not null)
        {
            var days = DateTime.DaysInMonth(day.Year, day.Month);
            var (spend, rooms, guests) = (Math.Round(budget.Spend / days, 2), Math.Round((decimal)budget.Rooms / days, 2), Math.Round((decimal)budget.Guests / days, 2));
            perDay = new BudgetDay(budget.Month, spend, rooms, guests, DailyFigures.Share(f.Spend, spend), DailyFigures.Share(f.Rooms, rooms));
        }
        return new DailyView(Ranges.DayText(day), f.Rooms, f.Sessions, f.Occupancy, f.Spend, f.Discounts, f.Comps, f.WalkIns, f.Bookings, f.ByManager, f.ByRoomType,
            read.Frozen, read.FrozenAt, f.RoomCharges, f.DiscountShare, f.CompShare, f.BookedSessions, f.Guests, f.SpendPerRoom, f.SpendPerGuest, f.ByHour,
            f.Attendance, f.Fines, f.VipArrivals, f.Complaints, f.RoomsOpen, f.RoomHoursSold, f.RoomHoursOpen,
            new DayComparison(Ranges.DayText(before), last.Rooms, last.Sessions, last.Occupancy, last.Spend, last.Guests), perDay, read.Amendments);
    }

    /// <summary>The month reads from the read replica when there is one (ENCORE_DB_READ): it writes nothing, unlike the daily report's freeze.</summary>
    private static async Task<IResult> MonthlyAsync(HttpContext http, ReadDb reads, string? month, string? format)
    {
        var at = await http.Caller().NowAsync();
        if (Ranges.ParseMonth("month", month, out var first, Ranges.FirstOfMonth(at.Today)) is { } refused) return refused;
        if (!ReportFiles.TryParse(format, out var file, out var badFormat)) return badFormat!;
        if (first > at.Today) return Problems.Validation("month", "range", Ranges.FirstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture), at.Today.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        var view = await MonthlyReportAsync(reads.Db, at, first);
        return file is { } f ? ReportFiles.Answer(ReportDocuments.Monthly(view), f) : Results.Ok(view);
    }

    /// <summary>
    /// The month from its first day through its last, or through today for the running month, computed from the current
    /// data (the corrections included: the frozen nights stay as they were in the daily report, and the month lists their
    /// amendments).
    /// </summary>
    public static async Task<MonthlyView> MonthlyReportAsync(EncoreDb db, VenueNow at, DateOnly first)
    {
        var end = first.AddMonths(1).AddDays(-1);
        var through = end < at.Today ? end : at.Today;
        var range = await DailyFigures.OfDaysAsync(db, at.VenueId, first, through, at.Rules, at.Zone, at.Now);
        var days = range.Days;
        var monthText = first.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var budget = await BudgetOfAsync(db, at.VenueId, first);
        var daysInMonth = DateTime.DaysInMonth(first.Year, first.Month);
        var targets = await db.MonthlyTargets.AsNoTracking().Where(t => t.VenueId == at.VenueId && t.Month == monthText)
            .Join(db.Users, t => t.StaffId, u => u.Id, (t, u) => new { Badge = u.UserName!, u.Name, t.Spend, t.Rooms }).ToListAsync();
        var byManager = range.ByManager.Select(m => (m.Badge, m.Name, Figures: m)).ToList();
        foreach (var t in targets.Where(t => byManager.All(m => !m.Badge.Equals(t.Badge, StringComparison.OrdinalIgnoreCase))))
            byManager.Add((t.Badge, t.Name, new ManagerFigures(t.Badge, t.Name, 0, 0, 0, 0, 0, 0, 0)));
        var managers = byManager.Select(m =>
        {
            var t = targets.FirstOrDefault(x => x.Badge.Equals(m.Badge, StringComparison.OrdinalIgnoreCase));
            var f = m.Figures;
            return new MonthManagerRow(f.Badge, f.Name, f.Rooms, f.Sessions, f.Guests, f.Spend, f.Discounts, f.Comps, f.WalkIns, t?.Spend, t?.Rooms,
                t?.Spend is > 0 ? DailyFigures.Share(f.Spend, t.Spend.Value) : null, t?.Rooms is > 0 ? DailyFigures.Share(f.Rooms, t.Rooms.Value) : null);
        }).ToList();
        var (rooms, spend, guests) = (days.Sum(d => d.Rooms), days.Sum(d => d.Spend), days.Sum(d => d.Guests));
        BudgetMonth? budgetView = null;
        if (budget is not null)
        {
            var toDate = Math.Round(budget.Spend * days.Count / daysInMonth, 2);
            budgetView = new BudgetMonth(budget.Spend, budget.Rooms, budget.Guests, DailyFigures.Share(spend, budget.Spend), DailyFigures.Share(rooms, budget.Rooms),
                DailyFigures.Share(guests, budget.Guests), toDate, DailyFigures.Share(spend, toDate));
        }
        return new MonthlyView(monthText, Ranges.DayText(through), rooms, days.Sum(d => d.Sessions),
            DailyFigures.HoursShare(days.Sum(d => d.RoomHoursSold), days.Sum(d => d.RoomHoursOpen)), spend, days.Sum(d => d.Discounts), days.Sum(d => d.Comps),
            days.Sum(d => d.WalkIns), new BookingFigures(days.Sum(d => d.Bookings.Made), days.Sum(d => d.Bookings.Arrived), days.Sum(d => d.Bookings.Lapsed),
                days.Sum(d => d.Bookings.Cancelled), days.Sum(d => d.Bookings.Cheating)),
            managers,
            days.Select(d => new MonthDayRow(Ranges.DayText(d.BusinessDay), d.Rooms, d.Sessions, d.Occupancy, d.Spend, d.Discounts, d.Comps, d.Guests, d.WalkIns,
                d.Complaints, d.Fines.Amount, budget is null ? null : Math.Round(budget.Spend / daysInMonth, 2))).ToList(),
            days.Sum(d => d.RoomCharges), guests, DailyFigures.Per(spend, rooms), DailyFigures.Per(spend, guests),
            await CustomersAsync(db, at, first, through), days.Sum(d => d.Complaints), new FineFigures(days.Sum(d => d.Fines.Count), days.Sum(d => d.Fines.Amount)),
            days.Sum(d => d.VipArrivals), budgetView, await Snapshots.AmendmentsAsync(db, at, first, through));
    }

    /// <summary>See <see cref="CustomerGrowth"/>.</summary>
    private static async Task<CustomerGrowth> CustomersAsync(EncoreDb db, VenueNow at, DateOnly first, DateOnly through)
    {
        var unseen = at.Rules.Customers.ReturnVisitUnseenDays;
        var (from, to) = (BusinessDay.Start(first, at.Zone, at.Cutoff), BusinessDay.End(through, at.Zone, at.Cutoff));
        var created = await db.Customers.CountAsync(c => c.VenueId == at.VenueId && c.CreatedAt >= from && c.CreatedAt < to);
        var visits = db.RoomSessions.Where(s => s.VenueId == at.VenueId && s.BusinessDay <= through && s.BookingId != null)
            .Join(db.Bookings.Where(b => b.CustomerId != null), s => s.BookingId, b => b.Id, (s, b) => new { b.CustomerId, s.BusinessDay });
        var active = await visits.Where(v => v.BusinessDay >= first).Select(v => v.CustomerId).Distinct().CountAsync();
        var (lastFrom, lastTo) = (first.AddDays(-unseen), through.AddDays(-unseen));
        // The last visit in [lastFrom, lastTo] = a visit in that window and none after it (up to the day read): both reads
        // stay inside a range of days, on the sessions' (venue, business day) index, instead of grouping the whole history.
        var later = visits.Where(v => v.BusinessDay > lastTo).Select(v => v.CustomerId);
        var churned = await visits.Where(v => v.BusinessDay >= lastFrom && v.BusinessDay <= lastTo).Select(v => v.CustomerId).Distinct()
            .CountAsync(c => !later.Contains(c));
        return new CustomerGrowth(created, active, churned, unseen);
    }

    private static async Task<IResult> GetBudgetAsync(HttpContext http, EncoreDb db, string month)
    {
        if (Ranges.ParseMonth("month", month, out var first) is { } refused) return refused;
        var budget = await BudgetOfAsync(db, http.Caller().VenueId, first);
        return budget is null ? Problems.Rule(404, "report.noBudget", first.ToString("yyyy-MM", CultureInfo.InvariantCulture)) : Results.Ok(await ViewAsync(db, budget));
    }

    private static async Task<IResult> PutBudgetAsync(HttpContext http, EncoreDb db, string month, BudgetInput input)
    {
        var v = new Validator();
        var first = v.Month("month", month);
        v.Range("spend", input.Spend, 0, BudgetSpendMax).Range("rooms", input.Rooms, 0, BudgetCountMax).Range("guests", input.Guests, 0, BudgetCountMax, required: false);
        if (!v.Ok) return v.ToResult();
        AuditScope.Name(http, "report.budget");
        var caller = http.Caller();
        var at = await caller.NowAsync();
        var budget = await BudgetOfAsync(db, caller.VenueId, first!.Value, tracked: true);
        if (budget is null)
        {
            budget = new ReportBudget { VenueId = caller.VenueId, Month = first.Value.ToString("yyyy-MM", CultureInfo.InvariantCulture) };
            db.ReportBudgets.Add(budget);
        }
        else budget.Version++;
        (budget.Spend, budget.Rooms, budget.Guests, budget.SetById, budget.SetAt) = (input.Spend!.Value, input.Rooms!.Value, input.Guests ?? 0, caller.StaffId, at.Now);
        await db.SaveChangesAsync();
        return Results.Ok(await ViewAsync(db, budget));
    }

    private static async Task<BudgetView> ViewAsync(EncoreDb db, ReportBudget budget)
    {
        var by = await db.Users.Where(u => u.Id == budget.SetById).Select(u => u.UserName!).SingleAsync();
        return new BudgetView(budget.Month, budget.Spend, budget.Rooms, budget.Guests, by, budget.SetAt);
    }

    private static Task<ReportBudget?> BudgetOfAsync(EncoreDb db, Guid venueId, DateOnly first, bool tracked = false)
    {
        var month = first.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var query = db.ReportBudgets.Where(b => b.VenueId == venueId && b.Month == month);
        return (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync();
    }

}
