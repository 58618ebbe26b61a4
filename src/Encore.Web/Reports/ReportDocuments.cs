namespace Encore.Web.Reports;

/// <summary>The daily and monthly reports as <see cref="ReportDocument"/>s for their files, in the reader's language.</summary>
public static class ReportDocuments
{
    internal static string T(string key, params object[] args)
    {
        var text = Texts.Get(key, CultureInfo.CurrentUICulture);
        return args.Length == 0 ? text : string.Format(CultureInfo.CurrentCulture, text, args);
    }

    private static ReportColumn Col(string key, ReportCell cell = ReportCell.Text) => new(T("reports." + key), cell);

    private static string Who(string badge, string name) => badge == "" ? T("reports.unassigned") : $"{name} ({badge})";

    private static string RoomType(string code) => T("roomType." + code);

    /// <summary>The daily summary's rows in order: counts, occupancy as a share, money, then counts again.</summary>
    private static readonly ReportCell[] SummaryCells =
    [
        ReportCell.Count, ReportCell.Count, ReportCell.Count, ReportCell.Percent, ReportCell.Money, ReportCell.Money, ReportCell.Money,
        ReportCell.Money, ReportCell.Money, ReportCell.Money, ReportCell.Count, ReportCell.Count, ReportCell.Count, ReportCell.Count,
    ];

    public static ReportDocument Daily(DailyView d)
    {
        List<IReadOnlyList<object?>> summary =
        [
            [T("reports.rooms"), d.Rooms, d.LastWeek.Rooms, d.Budget?.Rooms],
            [T("reports.sessions"), d.Sessions, d.LastWeek.Sessions, null],
            [T("reports.guests"), d.Guests, d.LastWeek.Guests, d.Budget?.Guests],
            [T("reports.occupancy"), d.Occupancy, d.LastWeek.Occupancy, null],
            [T("reports.spend"), d.Spend, d.LastWeek.Spend, d.Budget?.Spend],
            [T("reports.roomCharges"), d.RoomCharges, null, null],
            [T("reports.discounts"), d.Discounts, null, null],
            [T("reports.comps"), d.Comps, null, null],
            [T("reports.spendPerRoom"), d.SpendPerRoom, null, null],
            [T("reports.spendPerGuest"), d.SpendPerGuest, null, null],
            [T("reports.walkIns"), d.WalkIns, null, null],
            [T("reports.bookedSessions"), d.BookedSessions, null, null],
            [T("reports.vipArrivals"), d.VipArrivals, null, null],
            [T("reports.complaints"), d.Complaints, null, null],
        ];
        var sections = new List<ReportSection>
        {
            new("Summary", T("reports.summary"), [Col("figure"), Col("tonight", ReportCell.Number), Col("lastWeek", ReportCell.Number), Col("budget", ReportCell.Number)],
                summary, Note: T("reports.shares", Pct(d.DiscountShare), Pct(d.CompShare)), RowCells: SummaryCells),
            new("Bookings", T("reports.bookings"), [Col("made", ReportCell.Count), Col("arrived", ReportCell.Count), Col("lapsed", ReportCell.Count),
                Col("cancelled", ReportCell.Count), Col("cheating", ReportCell.Count)],
                [[d.Bookings.Made, d.Bookings.Arrived, d.Bookings.Lapsed, d.Bookings.Cancelled, d.Bookings.Cheating]]),
            Managers(d.ByManager.Select(m => (m, (decimal?)null, (decimal?)null)).ToList(), false),
            new("RoomTypes", T("reports.byRoomType"), [Col("roomType"), Col("roomsOpen", ReportCell.Count), Col("rooms", ReportCell.Count), Col("sessions", ReportCell.Count),
                Col("spend", ReportCell.Money), Col("occupancy", ReportCell.Percent)],
                [.. d.ByRoomType.Select(t => (IReadOnlyList<object?>)[RoomType(t.RoomType), t.RoomsOpen, t.Rooms, t.Sessions, t.Spend, t.Occupancy])],
                [new ReportChart(T("reports.spendByRoomType"), ReportChartKind.Bar, [.. d.ByRoomType.Select(t => RoomType(t.RoomType))],
                    [new ReportSeries(T("reports.spend"), [.. d.ByRoomType.Select(t => (double)t.Spend)])])]),
            new("Hours", T("reports.byHour"), [Col("hour"), Col("occupancy", ReportCell.Percent)],
                [.. d.ByHour.Select(h => (IReadOnlyList<object?>)[h.Hour, h.Occupancy])],
                [new ReportChart(T("reports.occupancyByHour"), ReportChartKind.Bar, [.. d.ByHour.Select(h => h.Hour)],
                    [new ReportSeries(T("reports.occupancy"), [.. d.ByHour.Select(h => (double)h.Occupancy)])], Percent: true)],
                T("reports.occupancyNote")),
            new("Staff", T("reports.staff"), [Col("signedIn", ReportCell.Count), Col("late", ReportCell.Count), Col("absent", ReportCell.Count),
                Col("fines", ReportCell.Count), Col("fineAmount", ReportCell.Money)],
                [[d.Attendance.SignedIn, d.Attendance.Late, d.Attendance.Absent, d.Fines.Count, d.Fines.Amount]]),
        };
        if (d.Amendments.Count > 0) sections.Add(Amendments(d.Amendments));
        return new ReportDocument(T("reports.dailyTitle"), T(d.Frozen ? "reports.subtitleFrozen" : "reports.subtitleLive", d.BusinessDay), sections,
            T("reports.signature"), "daily-" + d.BusinessDay);
    }

    /// <summary>The monthly summary's rows in order: spend, then counts and the occupancy, money, counts, the fines' amount.</summary>
    private static readonly ReportCell[] MonthSummaryCells =
    [
        ReportCell.Money, ReportCell.Count, ReportCell.Count, ReportCell.Count, ReportCell.Percent, ReportCell.Money, ReportCell.Money,
        ReportCell.Count, ReportCell.Count, ReportCell.Count, ReportCell.Count, ReportCell.Count, ReportCell.Count, ReportCell.Count, ReportCell.Money,
    ];

    public static ReportDocument Monthly(MonthlyView m)
    {
        var sections = new List<ReportSection>
        {
            new("Summary", T("reports.summary"), [Col("figure"), Col("month", ReportCell.Number), Col("budget", ReportCell.Number), Col("attainment", ReportCell.Percent)],
            [
                [T("reports.spend"), m.Spend, m.Budget?.Spend, m.Budget?.SpendAttainment],
                [T("reports.rooms"), m.Rooms, m.Budget?.Rooms, m.Budget?.RoomsAttainment],
                [T("reports.guests"), m.Guests, m.Budget?.Guests, m.Budget?.GuestsAttainment],
                [T("reports.sessions"), m.Sessions, null, null],
                [T("reports.occupancy"), m.Occupancy, null, null],
                [T("reports.discounts"), m.Discounts, null, null],
                [T("reports.comps"), m.Comps, null, null],
                [T("reports.walkIns"), m.WalkIns, null, null],
                [T("reports.bookingsMade"), m.Bookings.Made, null, null],
                [T("reports.cheating"), m.Bookings.Cheating, null, null],
                [T("reports.newCustomers"), m.Customers.New, null, null],
                [T("reports.activeCustomers"), m.Customers.Active, null, null],
                [T("reports.churned"), m.Customers.Churned, null, null],
                [T("reports.complaints"), m.Complaints, null, null],
                [T("reports.fineAmount"), m.Fines.Amount, null, null],
            ], Note: T("reports.churnNote", m.Customers.UnseenDays), RowCells: MonthSummaryCells),
            new("Days", T("reports.byDay"), [Col("day"), Col("rooms", ReportCell.Count), Col("sessions", ReportCell.Count), Col("occupancy", ReportCell.Percent),
                Col("spend", ReportCell.Money), Col("budget", ReportCell.Money), Col("complaints", ReportCell.Count), Col("fineAmount", ReportCell.Money)],
                [.. m.ByDay.Select(d => (IReadOnlyList<object?>)[d.BusinessDay, d.Rooms, d.Sessions, d.Occupancy, d.Spend, d.BudgetSpend, d.Complaints, d.Fines])],
                [new ReportChart(T("reports.spendByDay"), ReportChartKind.Line, [.. m.ByDay.Select(d => d.BusinessDay[5..])],
                    [new ReportSeries(T("reports.spend"), [.. m.ByDay.Select(d => (double)d.Spend)])])]),
            Managers(m.ByManager.Select(r => (new ManagerFigures(r.Badge, r.Name, r.Rooms, r.Sessions, r.Guests, r.Spend, r.Discounts, r.Comps, r.WalkIns),
                r.TargetSpend, r.SpendAttainment)).ToList(), true),
        };
        if (m.Amendments.Count > 0) sections.Add(Amendments(m.Amendments));
        return new ReportDocument(T("reports.monthlyTitle"), T("reports.subtitleMonth", m.Month, m.Through), sections, T("reports.signature"), "monthly-" + m.Month);
    }

    private static ReportSection Managers(List<(ManagerFigures M, decimal? Target, decimal? Attainment)> rows, bool targets)
    {
        List<ReportColumn> columns = [Col("manager"), Col("rooms", ReportCell.Count), Col("sessions", ReportCell.Count), Col("guests", ReportCell.Count),
            Col("spend", ReportCell.Money), Col("discounts", ReportCell.Money), Col("comps", ReportCell.Money), Col("walkIns", ReportCell.Count)];
        if (targets) columns.AddRange([Col("target", ReportCell.Money), Col("attainment", ReportCell.Percent)]);
        return new ReportSection("Managers", T("reports.byManager"), columns,
            [.. rows.Select(r =>
            {
                List<object?> row = [Who(r.M.Badge, r.M.Name), r.M.Rooms, r.M.Sessions, r.M.Guests, r.M.Spend, r.M.Discounts, r.M.Comps, r.M.WalkIns];
                if (targets) row.AddRange([r.Target, r.Attainment]);
                return (IReadOnlyList<object?>)row;
            })],
            [new ReportChart(T("reports.spendByManager"), ReportChartKind.Bar, [.. rows.Take(15).Select(r => Who(r.M.Badge, r.M.Name))],
                [new ReportSeries(T("reports.spend"), [.. rows.Take(15).Select(r => (double)r.M.Spend)])])]);
    }

    private static ReportSection Amendments(List<AmendmentView> amendments) =>
        new("Amendments", T("reports.amendments"), [Col("figure"), Col("before", ReportCell.Number), Col("after", ReportCell.Number), Col("changedAt", ReportCell.DateTime),
            Col("who"), Col("why")],
            [.. amendments.Select(a => (IReadOnlyList<object?>)[a.Figure, a.Before, a.After, a.ChangedAt, a.Who, a.Why])], Note: T("reports.amendmentsNote"));

    private static string Pct(decimal share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
