using System.Globalization;
using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Encore.Web.Tests.Reports;

/// <summary>
/// Issue 19: the daily business report (营业日报) and the monthly report. Every figure is checked against hand-written SQL
/// over the demo data (both providers: SQLite keeps money as integer fen and instants as Unix ms, PostgreSQL as numeric and
/// timestamptz), the frozen snapshot against a later bill correction, and the GM's budget against bad input and other roles.
/// The demo clock stands at 2026-11-20 18:00 (Shanghai): the nights up to the 19th are past and frozen by the demo.
/// </summary>
public sealed class ReportsTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Hand SQL: the rows of a query, with parameters written as each provider stores them.</summary>
    private Task<List<object?[]>> SqlAsync(string sql, params (string Name, object Value)[] parameters) => app.WithAsync(async db =>
    {
        var sqlite = db.IsSqlite;
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sqlite ? sql.Replace("GREATEST(", "MAX(").Replace("LEAST(", "MIN(") : sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = (value, sqlite) switch
            {
                (DateOnly d, true) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                (DateTimeOffset t, true) => t.ToUnixTimeMilliseconds(),
                (DateTimeOffset t, false) => t.ToUniversalTime(),
                _ => value,
            };
            command.Parameters.Add(p);
        }
        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    });

    private async Task<decimal> NumberAsync(string sql, params (string, object)[] parameters) =>
        (await SqlAsync(sql, parameters)).Single()[0] is { } v ? Convert.ToDecimal(v, CultureInfo.InvariantCulture) : 0m;

    /// <summary>A money sum: SQLite's is in fen.</summary>
    private async Task<decimal> MoneyAsync(string sql, params (string, object)[] parameters) =>
        await NumberAsync(sql, parameters) / (app.IsPostgres ? 1m : 100m);

    /// <summary>A money value read by hand SQL, in yuan: SQLite's is in fen.</summary>
    private decimal Yuan(object? value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture) / (app.IsPostgres ? 1m : 100m);

    private static decimal Dec(JsonElement e, string name) => e.GetProperty(name).GetDecimal();

    /// <summary>Venue main's id in hand SQL: the reports are main's GM's and floor's, and hangzhou's rows are of the same kinds.</summary>
    private const string Main = MainVenue.Sql;

    /// <summary>Room-hours sold: each session's time inside [from, to), by hand in SQL.</summary>
    private async Task<decimal> SoldHoursAsync(string where, DateTimeOffset from, DateTimeOffset to, params (string, object)[] parameters)
    {
        var span = app.IsPostgres
            ? "EXTRACT(EPOCH FROM (LEAST(COALESCE(s.\"ClosedAt\", @now), @to) - GREATEST(s.\"OpenedAt\", @from))) / 3600.0"
            : "(LEAST(COALESCE(s.\"ClosedAt\", @now), @to) - GREATEST(s.\"OpenedAt\", @from)) / 3600000.0";
        return await NumberAsync($"SELECT COALESCE(SUM(GREATEST(0, {span})), 0) FROM room_sessions s JOIN rooms r ON r.\"Id\" = s.\"RoomId\" WHERE s.\"VenueId\" = {Main} AND {where}",
            [.. parameters, ("from", from), ("to", to), ("now", to)]);
    }

    private static (DateTimeOffset Opens, DateTimeOffset Closes) Night(DateOnly day) =>
        (new DateTimeOffset(day.ToDateTime(new TimeOnly(19, 30)), TimeSpan.FromHours(8)), new DateTimeOffset(day.AddDays(1).ToDateTime(new TimeOnly(2, 0)), TimeSpan.FromHours(8)));

    [Fact]
    public async Task Every_figure_of_a_frozen_night_equals_hand_sql_over_the_demo()
    {
        var fm = await app.ClientFor("fm01");
        var day = new DateOnly(2026, 11, 19);
        var r = await OkAsync(await fm.GetAsync("/api/reports/daily?businessDay=2026-11-19"));
        Assert.Equal("2026-11-19", r.GetProperty("businessDay").GetString());
        Assert.True(r.GetProperty("frozen").GetBoolean());
        (string, object) d = ("d", day);
        const string Of = "FROM room_sessions s WHERE s.\"VenueId\" = " + Main + " AND s.\"BusinessDay\" = @d";

        Assert.Equal(await NumberAsync($"SELECT COUNT(DISTINCT s.\"RoomId\") {Of}", d), Dec(r, "rooms"));
        Assert.Equal(await NumberAsync($"SELECT COUNT(*) {Of}", d), Dec(r, "sessions"));
        Assert.True(Dec(r, "sessions") > 10, "the demo night has sessions");
        Assert.Equal(await MoneyAsync($"SELECT SUM(s.\"Spend\") {Of}", d), Dec(r, "spend"));
        Assert.Equal(await MoneyAsync($"SELECT SUM(s.\"RoomCharge\") {Of}", d), Dec(r, "roomCharges"));
        Assert.Equal(await MoneyAsync($"SELECT SUM(s.\"Discount\") {Of}", d), Dec(r, "discounts"));
        Assert.Equal(await MoneyAsync($"SELECT SUM(s.\"CompsValue\") {Of}", d), Dec(r, "comps"));
        Assert.Equal(await NumberAsync($"SELECT SUM(CASE WHEN s.\"WalkIn\" THEN 1 ELSE 0 END) {Of}", d), Dec(r, "walkIns"));
        Assert.Equal(await NumberAsync($"SELECT COUNT(s.\"BookingId\") {Of}", d), Dec(r, "bookedSessions"));
        Assert.Equal(await NumberAsync($"SELECT SUM(s.\"PartySize\") {Of}", d), Dec(r, "guests"));
        Assert.Equal(Math.Round(Dec(r, "spend") / Dec(r, "rooms"), 2), Dec(r, "spendPerRoom"));
        Assert.Equal(Math.Round(Dec(r, "spend") / Dec(r, "guests"), 2), Dec(r, "spendPerGuest"));
        Assert.Equal(Math.Round(Dec(r, "discounts") / Dec(r, "spend"), 4), Dec(r, "discountShare"));
        Assert.Equal(Math.Round(Dec(r, "comps") / Dec(r, "spend"), 4), Dec(r, "compShare"));

        var b = r.GetProperty("bookings");
        const string Bookings = "FROM bookings b WHERE b.\"VenueId\" = " + Main + " AND b.\"BusinessDay\" = @d";
        Assert.Equal(await NumberAsync($"SELECT COUNT(*) {Bookings}", d), Dec(b, "made"));
        Assert.Equal(await NumberAsync($"SELECT COUNT(*) {Bookings} AND b.\"ArrivedAt\" IS NOT NULL", d), Dec(b, "arrived"));
        Assert.Equal(await NumberAsync($"SELECT COUNT(*) {Bookings} AND b.\"Status\" = 'Lapsed'", d), Dec(b, "lapsed"));
        Assert.Equal(await NumberAsync($"SELECT COUNT(*) {Bookings} AND b.\"Status\" = 'Cancelled'", d), Dec(b, "cancelled"));
        Assert.Equal(await NumberAsync($"SELECT COUNT(DISTINCT b.\"Id\") FROM bookings b JOIN booking_events e ON e.\"BookingId\" = b.\"Id\" WHERE b.\"VenueId\" = {Main} AND b.\"BusinessDay\" = @d AND e.\"Kind\" = 'verificationFailed'", d),
            Dec(b, "cheating"));

        var a = r.GetProperty("attendance");
        const string Attendance = "FROM attendance_days WHERE \"VenueId\" = " + Main + " AND \"BusinessDay\" = @d";
        Assert.Equal(await NumberAsync($"SELECT COUNT(\"SignedInAt\") {Attendance}", d), Dec(a, "signedIn"));
        Assert.Equal(await NumberAsync($"SELECT SUM(CASE WHEN \"Late\" THEN 1 ELSE 0 END) {Attendance}", d), Dec(a, "late"));
        Assert.Equal(await NumberAsync($"SELECT SUM(CASE WHEN \"Absent\" THEN 1 ELSE 0 END) {Attendance}", d), Dec(a, "absent"));
        const string Fines = "FROM violations WHERE \"VenueId\" = " + Main + " AND \"BusinessDay\" = @d AND \"Status\" NOT IN ('dismissed', 'overturned')";
        Assert.Equal(await NumberAsync($"SELECT COUNT(*) {Fines}", d), Dec(r.GetProperty("fines"), "count"));
        Assert.Equal(await MoneyAsync($"SELECT COALESCE(SUM(\"Amount\"), 0) {Fines}", d), Dec(r.GetProperty("fines"), "amount"));
        Assert.Equal(await NumberAsync($"SELECT COUNT(*) FROM complaints WHERE \"VenueId\" = {Main} AND \"BusinessDay\" = @d", d), Dec(r, "complaints"));
        // VIP arrivals by the levels as they stand: tonight's live report (a frozen night keeps the levels of its freeze).
        var tonight = await OkAsync(await fm.GetAsync("/api/reports/daily?businessDay=2026-11-20"));
        Assert.False(tonight.GetProperty("frozen").GetBoolean());
        Assert.Equal(await NumberAsync($"SELECT COUNT(*) FROM room_sessions s JOIN bookings b ON b.\"Id\" = s.\"BookingId\" JOIN customers c ON c.\"Id\" = b.\"CustomerId\" WHERE s.\"VenueId\" = {Main} AND s.\"BusinessDay\" = @d AND c.\"VipLevel\" <> ''", ("d", new DateOnly(2026, 11, 20))),
            Dec(tonight, "vipArrivals"));

        // Occupancy: room-hours sold inside 19:30–02:00 ÷ (every room × 6.5 h), overall, by hour and by room type.
        var rooms = await NumberAsync($"SELECT COUNT(*) FROM rooms WHERE \"VenueId\" = {Main}");
        Assert.Equal(rooms, Dec(r, "roomsOpen"));
        var (opens, closes) = Night(day);
        var sold = await SoldHoursAsync("s.\"BusinessDay\" = @d", opens, closes, d);
        Assert.Equal(Math.Round(sold / (rooms * 6.5m), 4), Dec(r, "occupancy"));
        Assert.True(Dec(r, "occupancy") > 0);
        var hours = r.GetProperty("byHour").EnumerateArray().ToList();
        Assert.Equal(7, hours.Count);
        Assert.Equal("19:30", hours[0].GetProperty("hour").GetString());
        for (var i = 0; i < hours.Count; i++)
        {
            var from = opens.AddHours(i);
            var to = from.AddHours(1) < closes ? from.AddHours(1) : closes;
            var slot = await SoldHoursAsync("s.\"BusinessDay\" = @d", from, to, d);
            Assert.Equal(Math.Round(slot / (rooms * (decimal)(to - from).TotalHours), 4), Dec(hours[i], "occupancy"));
        }
        foreach (var t in r.GetProperty("byRoomType").EnumerateArray())
        {
            var type = t.GetProperty("roomType").GetString()!;
            (string, object) k = ("t", char.ToUpperInvariant(type[0]) + type[1..]);
            var typeRooms = await NumberAsync($"SELECT COUNT(*) FROM rooms WHERE \"VenueId\" = {Main} AND \"Type\" = @t", k);
            Assert.Equal(typeRooms, Dec(t, "roomsOpen"));
            Assert.Equal(await NumberAsync($"SELECT COUNT(*) FROM room_sessions s JOIN rooms r ON r.\"Id\" = s.\"RoomId\" WHERE s.\"VenueId\" = {Main} AND s.\"BusinessDay\" = @d AND r.\"Type\" = @t", d, k), Dec(t, "sessions"));
            Assert.Equal(await MoneyAsync($"SELECT COALESCE(SUM(s.\"Spend\"), 0) FROM room_sessions s JOIN rooms r ON r.\"Id\" = s.\"RoomId\" WHERE s.\"VenueId\" = {Main} AND s.\"BusinessDay\" = @d AND r.\"Type\" = @t", d, k), Dec(t, "spend"));
            var typeSold = await SoldHoursAsync("s.\"BusinessDay\" = @d AND r.\"Type\" = @t", opens, closes, d, k);
            Assert.Equal(Math.Round(typeSold / (typeRooms * 6.5m), 4), Dec(t, "occupancy"));
        }

        // By manager: the credited manager's sessions, rooms and spend.
        var byHand = (await SqlAsync($"SELECT u.\"UserName\", COUNT(*), COUNT(DISTINCT s.\"RoomId\"), SUM(s.\"Spend\"), SUM(s.\"PartySize\") FROM room_sessions s JOIN \"AspNetUsers\" u ON u.\"Id\" = s.\"CreditedToId\" WHERE s.\"VenueId\" = {Main} AND s.\"BusinessDay\" = @d GROUP BY u.\"UserName\"", d))
            .ToDictionary(x => (string)x[0]!, x => x);
        var managers = r.GetProperty("byManager").EnumerateArray().Where(m => m.GetProperty("badge").GetString() != "").ToList();
        Assert.Equal(byHand.Keys.Order(), managers.Select(m => m.GetProperty("badge").GetString()!).Order());
        foreach (var m in managers)
        {
            var row = byHand[m.GetProperty("badge").GetString()!];
            Assert.Equal(Convert.ToInt32(row[1], CultureInfo.InvariantCulture), m.GetProperty("sessions").GetInt32());
            Assert.Equal(Convert.ToInt32(row[2], CultureInfo.InvariantCulture), m.GetProperty("rooms").GetInt32());
            Assert.Equal(Yuan(row[3]), Dec(m, "spend"));
            Assert.Equal(Convert.ToInt32(row[4], CultureInfo.InvariantCulture), m.GetProperty("guests").GetInt32());
        }

        // Against the same weekday last week and the month's budget prorated over November's 30 days.
        var lastWeek = r.GetProperty("lastWeek");
        Assert.Equal("2026-11-12", lastWeek.GetProperty("businessDay").GetString());
        Assert.Equal(await MoneyAsync($"SELECT SUM(s.\"Spend\") FROM room_sessions s WHERE s.\"VenueId\" = {Main} AND s.\"BusinessDay\" = @d", ("d", new DateOnly(2026, 11, 12))), Dec(lastWeek, "spend"));
        var budget = await MoneyAsync($"SELECT \"Spend\" FROM report_budgets WHERE \"VenueId\" = {Main} AND \"Month\" = '2026-11'");
        Assert.Equal(Math.Round(budget / 30, 2), Dec(r.GetProperty("budget"), "spend"));
    }

    [Fact]
    public async Task Every_figure_of_the_monthly_report_equals_hand_sql_over_the_demo()
    {
        var gm = await app.ClientFor("gm01");
        // October: the demo's nights from the 21st on, all closed.
        var m = await OkAsync(await gm.GetAsync("/api/reports/monthly?month=2026-10"));
        var (first, last) = (new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31));
        Assert.Equal("2026-10-31", m.GetProperty("through").GetString());
        (string, object) f = ("f", first), l = ("l", last);
        const string Of = "FROM room_sessions s WHERE s.\"VenueId\" = " + Main + " AND s.\"BusinessDay\" >= @f AND s.\"BusinessDay\" <= @l";
        Assert.Equal(await MoneyAsync($"SELECT SUM(s.\"Spend\") {Of}", f, l), Dec(m, "spend"));
        Assert.True(Dec(m, "spend") > 0);
        Assert.Equal(await NumberAsync($"SELECT COUNT(*) {Of}", f, l), Dec(m, "sessions"));
        Assert.Equal(await NumberAsync($"SELECT COUNT(*) FROM (SELECT DISTINCT s.\"BusinessDay\", s.\"RoomId\" {Of}) x", f, l), Dec(m, "rooms"));
        Assert.Equal(await MoneyAsync($"SELECT SUM(s.\"Discount\") {Of}", f, l), Dec(m, "discounts"));
        Assert.Equal(await MoneyAsync($"SELECT SUM(s.\"CompsValue\") {Of}", f, l), Dec(m, "comps"));
        Assert.Equal(await NumberAsync($"SELECT SUM(s.\"PartySize\") {Of}", f, l), Dec(m, "guests"));
        Assert.Equal(await NumberAsync($"SELECT SUM(CASE WHEN s.\"WalkIn\" THEN 1 ELSE 0 END) {Of}", f, l), Dec(m, "walkIns"));
        Assert.Equal(await NumberAsync($"SELECT COUNT(*) FROM bookings b WHERE b.\"VenueId\" = {Main} AND b.\"BusinessDay\" >= @f AND b.\"BusinessDay\" <= @l", f, l), Dec(m.GetProperty("bookings"), "made"));
        Assert.Equal(await NumberAsync($"SELECT COUNT(*) FROM complaints WHERE \"VenueId\" = {Main} AND \"BusinessDay\" >= @f AND \"BusinessDay\" <= @l", f, l), Dec(m, "complaints"));
        Assert.Equal(await MoneyAsync($"SELECT COALESCE(SUM(\"Amount\"), 0) FROM violations WHERE \"VenueId\" = {Main} AND \"BusinessDay\" >= @f AND \"BusinessDay\" <= @l AND \"Status\" NOT IN ('dismissed', 'overturned')", f, l),
            Dec(m.GetProperty("fines"), "amount"));

        // Occupancy of the month: every night's room-hours sold ÷ every night's room-hours open.
        var rooms = await NumberAsync($"SELECT COUNT(*) FROM rooms WHERE \"VenueId\" = {Main}");
        var sold = 0m;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var (opens, closes) = Night(day);
            sold += await SoldHoursAsync("s.\"BusinessDay\" = @d", opens, closes, ("d", day));
        }
        Assert.Equal(Math.Round(sold / (rooms * 6.5m * 31), 4), Dec(m, "occupancy"), 3);

        // By day: one row a day, each night's spend.
        var days = m.GetProperty("byDay").EnumerateArray().ToList();
        Assert.Equal(31, days.Count);
        var perDay = (await SqlAsync($"SELECT s.\"BusinessDay\", SUM(s.\"Spend\") {Of} GROUP BY s.\"BusinessDay\"", f, l))
            .ToDictionary(x => x[0] is DateOnly dd ? dd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : x[0] is DateTime dt ? dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : (string)x[0]!,
                x => Yuan(x[1]));
        foreach (var row in days) Assert.Equal(perDay.GetValueOrDefault(row.GetProperty("businessDay").GetString()!), Dec(row, "spend"));

        // By manager, with the targets of the month and their attainment.
        var targets = (await SqlAsync($"SELECT u.\"UserName\", t.\"Spend\" FROM monthly_targets t JOIN \"AspNetUsers\" u ON u.\"Id\" = t.\"StaffId\" WHERE t.\"VenueId\" = {Main} AND t.\"Month\" = '2026-10' AND t.\"Spend\" IS NOT NULL"))
            .ToDictionary(x => (string)x[0]!, x => Yuan(x[1]));
        var spendOf = (await SqlAsync($"SELECT u.\"UserName\", SUM(s.\"Spend\") FROM room_sessions s JOIN \"AspNetUsers\" u ON u.\"Id\" = s.\"CreditedToId\" WHERE s.\"VenueId\" = {Main} AND s.\"BusinessDay\" >= @f AND s.\"BusinessDay\" <= @l GROUP BY u.\"UserName\"", f, l))
            .ToDictionary(x => (string)x[0]!, x => Yuan(x[1]));
        foreach (var row in m.GetProperty("byManager").EnumerateArray().Where(x => x.GetProperty("badge").GetString() != ""))
        {
            var badge = row.GetProperty("badge").GetString()!;
            Assert.Equal(spendOf.GetValueOrDefault(badge), Dec(row, "spend"));
            if (targets.TryGetValue(badge, out var target) && target > 0)
                Assert.Equal(Math.Round(spendOf.GetValueOrDefault(badge) / target, 4), Dec(row, "spendAttainment"));
        }

        // Customers: new files of the month, visitors, and those whose 30 unseen days ran out in the month.
        var c = m.GetProperty("customers");
        var (from, to) = (new DateTimeOffset(2026, 10, 1, 6, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(await NumberAsync($"SELECT COUNT(*) FROM customers WHERE \"VenueId\" = {Main} AND \"CreatedAt\" >= @a AND \"CreatedAt\" < @b", ("a", from), ("b", to)), Dec(c, "new"));
        Assert.Equal(await NumberAsync($"SELECT COUNT(DISTINCT b.\"CustomerId\") FROM room_sessions s JOIN bookings b ON b.\"Id\" = s.\"BookingId\" WHERE s.\"VenueId\" = {Main} AND s.\"BusinessDay\" >= @f AND s.\"BusinessDay\" <= @l", f, l),
            Dec(c, "active"));
        Assert.Equal(await NumberAsync($"SELECT COUNT(*) FROM (SELECT b.\"CustomerId\", MAX(s.\"BusinessDay\") AS last FROM room_sessions s JOIN bookings b ON b.\"Id\" = s.\"BookingId\" WHERE s.\"VenueId\" = {Main} AND b.\"CustomerId\" IS NOT NULL AND s.\"BusinessDay\" <= @l GROUP BY b.\"CustomerId\") x WHERE x.last >= @a AND x.last <= @b",
            l, ("a", first.AddDays(-30)), ("b", last.AddDays(-30))), Dec(c, "churned"));

        // The budget of the month against the month's spend.
        var budget = await MoneyAsync($"SELECT \"Spend\" FROM report_budgets WHERE \"VenueId\" = {Main} AND \"Month\" = '2026-10'");
        Assert.Equal(budget, Dec(m.GetProperty("budget"), "spend"));
        Assert.Equal(Math.Round(Dec(m, "spend") / budget, 4), Dec(m.GetProperty("budget"), "spendAttainment"));
    }

    [Fact]
    public async Task A_bill_corrected_after_the_freeze_leaves_the_snapshot_and_shows_as_an_amendment()
    {
        var gm = await app.ClientFor("gm01");
        var cashier = await app.ClientFor("c01");
        const string Day = "2026-11-18";
        var before = await OkAsync(await gm.GetAsync($"/api/reports/daily?businessDay={Day}"));
        Assert.True(before.GetProperty("frozen").GetBoolean());
        var spend = Dec(before, "spend");
        var session = await app.WithAsync(db => db.RoomSessions.OfMain(db).Where(s => s.BusinessDay == new DateOnly(2026, 11, 18) && s.ClosedAt != null)
            .OrderBy(s => s.OpenedAt).Select(s => new { s.Id, s.Spend }).FirstAsync());
        var corrected = await cashier.PutAsJsonAsync($"/api/sessions/{session.Id}/spend", new { spend = session.Spend + 100m });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);

        var after = await OkAsync(await gm.GetAsync($"/api/reports/daily?businessDay={Day}"));
        Assert.Equal(spend, Dec(after, "spend"));
        var amendment = after.GetProperty("amendments").EnumerateArray().Single(a => a.GetProperty("figure").GetString() == "spend");
        Assert.Equal(spend, Dec(amendment, "before"));
        Assert.Equal(spend + 100m, Dec(amendment, "after"));
        Assert.Equal("c01", amendment.GetProperty("who").GetString());
        Assert.Contains("session.spend", amendment.GetProperty("why").GetString());
        // Read again: recorded once, not once a read.
        var again = await OkAsync(await gm.GetAsync($"/api/reports/daily?businessDay={Day}"));
        Assert.Single(again.GetProperty("amendments").EnumerateArray(), a => a.GetProperty("figure").GetString() == "spend");
        // The file lists it too.
        var csv = await gm.GetAsync($"/api/reports/daily?businessDay={Day}&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("session.spend", text);
        Assert.Contains("营业日报", text);
    }

    [Fact]
    public async Task The_demo_amended_a_frozen_night_three_days_back()
    {
        var gm = await app.ClientFor("gm01");
        var r = await OkAsync(await gm.GetAsync("/api/reports/daily?businessDay=2026-11-17"));
        var a = r.GetProperty("amendments").EnumerateArray().Single(x => x.GetProperty("figure").GetString() == "spend");
        Assert.Equal(380m, Dec(a, "after") - Dec(a, "before"));
        Assert.Equal("c01", a.GetProperty("who").GetString());
        Assert.Equal(Dec(a, "before"), Dec(r, "spend"));
    }

    [Fact]
    public async Task The_budget_is_the_GMs_refused_to_others_and_to_bad_input_naming_the_field()
    {
        var gm = await app.ClientFor("gm01");
        var put = await gm.PutAsJsonAsync("/api/reports/budget/2026-12", new { spend = 1_200_000m, rooms = 900, guests = 5000 });
        var view = await OkAsync(put);
        Assert.Equal("2026-12", view.GetProperty("month").GetString());
        Assert.Equal("gm01", view.GetProperty("setBy").GetString());
        var got = await OkAsync(await gm.GetAsync("/api/reports/budget/2026-12"));
        Assert.Equal(1_200_000m, Dec(got, "spend"));
        Assert.Equal(900, got.GetProperty("rooms").GetInt32());

        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { spend = -1m, rooms = 1 }, "spend"), (new { rooms = 1 }, "spend"), (new { spend = 1m, rooms = -5 }, "rooms"),
                     (new { spend = 1m }, "rooms"), (new { spend = 1m, rooms = 1, guests = -1 }, "guests"),
                 })
        {
            var refused = await gm.PutAsJsonAsync("/api/reports/budget/2026-12", body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains($"\"{field}\"", await refused.Content.ReadAsStringAsync());
        }
        var badMonth = await gm.PutAsJsonAsync("/api/reports/budget/2026-13", new { spend = 1m, rooms = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
        Assert.Contains("\"month\"", await badMonth.Content.ReadAsStringAsync());
        var badDay = await gm.GetAsync("/api/reports/daily?businessDay=2026-11-31");
        Assert.Equal(HttpStatusCode.BadRequest, badDay.StatusCode);
        Assert.Contains("\"businessDay\"", await badDay.Content.ReadAsStringAsync());
        var badFormat = await gm.GetAsync("/api/reports/daily?businessDay=2026-11-19&format=doc");
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.Contains("\"format\"", await badFormat.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await gm.GetAsync("/api/reports/budget/2030-01")).StatusCode);

        var manager = await app.ClientFor("m01");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/reports/daily?businessDay=2026-11-19")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/reports/monthly?month=2026-11")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PutAsJsonAsync("/api/reports/budget/2026-12", new { spend = 1m, rooms = 1 })).StatusCode);
        var floor = await app.ClientFor("fm01");
        Assert.Equal(HttpStatusCode.Forbidden, (await floor.PutAsJsonAsync("/api/reports/budget/2026-12", new { spend = 1m, rooms = 1 })).StatusCode);
        Assert.Equal(1_200_000m, Dec(await OkAsync(await floor.GetAsync("/api/reports/budget/2026-12")), "spend"));
    }
}

/// <summary>The freeze at the cut-off, on the simulated clock: tonight is live, and frozen once the next business day begins.</summary>
public sealed class ReportsFreezeTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task Tonight_is_live_until_the_cut_off_then_frozen()
    {
        var gm = await app.ClientFor("gm01");
        var live = await gm.GetFromJsonAsync<JsonElement>("/api/reports/daily?businessDay=2026-11-20");
        Assert.False(live.GetProperty("frozen").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await gm.PutAsJsonAsync("/api/clock", new { now = "2026-11-21T06:05:00+08:00" })).StatusCode);
        var frozen = await gm.GetFromJsonAsync<JsonElement>("/api/reports/daily?businessDay=2026-11-20");
        Assert.True(frozen.GetProperty("frozen").GetBoolean());
        Assert.True(await app.WithAsync(db => db.ReportSnapshots.OfMain(db).AnyAsync(s => s.BusinessDay == new DateOnly(2026, 11, 20))));
        // The home page shows the night just ended to the GM.
        var home = await gm.GetStringAsync("/");
        Assert.Contains("data-testid=\"last-night\"", home);
    }
}
