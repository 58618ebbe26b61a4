using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Encore.Bench;

/// <summary>
/// Issue 19 (--only=reports): GET /api/reports/daily for the last night of a 70-room venue's year of history and GET
/// /api/reports/monthly for its last complete month, each timed against a fair baseline: hand-written SQL that computes the
/// same figures, served as JSON by a bare Kestrel endpoint (no sign-in, one pooled connection), over the same loopback HTTP.
/// The hand SQL of the night: its totals, by manager, by room type, by hour, bookings, attendance, fines, complaints, VIP
/// arrivals and the same weekday a week before. Of the month: by day, by manager, bookings, attendance, fines, complaints,
/// VIP arrivals, customers new, active and churned, the managers' targets, the budget and the amendments. It assumes the
/// default house rules (opening 19:30 → 02:00, cut-off 06:00) in Asia/Shanghai (no daylight saving), as the bench's venue
/// has them. The daily report is read once before timing, so the timed calls read the frozen night (a snapshot, and the
/// audit check for corrections) as the GM's morning does. The history has no bookings, fines, complaints or events: both
/// sides still run those reads.
/// </summary>
public static class Reports
{
    private const string AdminPassword = "Bench-reports-1";
    private const int Warmups = 30;
    private const int Repeats = 100;

    /// <summary>The sessions of the nights $from ≤ day ≤ $to (SQLite's storage: money in fen, instants in Unix ms); night 0 opens at $opens and closes at $closes.</summary>
    private const string NightsSql = """
        SELECT s.BusinessDay, COUNT(*), COUNT(DISTINCT s.RoomId), SUM(s.PartySize), SUM(s.Spend), SUM(s.RoomCharge), SUM(s.Discount), SUM(s.CompsValue),
               SUM(s.WalkIn), SUM(s.BookingId IS NOT NULL),
               SUM(MAX(0, MIN(COALESCE(s.ClosedAt, $now), $closes + (julianday(s.BusinessDay) - julianday($from)) * 86400000)
                        - MAX(s.OpenedAt, $opens + (julianday(s.BusinessDay) - julianday($from)) * 86400000)))
        FROM room_sessions s WHERE s.VenueId = $venue AND s.BusinessDay >= $from AND s.BusinessDay <= $to GROUP BY s.BusinessDay;
        SELECT COALESCE(u.UserName, ''), COUNT(DISTINCT s.BusinessDay || s.RoomId), COUNT(*), SUM(s.PartySize), SUM(s.Spend), SUM(s.Discount), SUM(s.CompsValue), SUM(s.WalkIn)
        FROM room_sessions s LEFT JOIN AspNetUsers u ON u.Id = s.CreditedToId
        WHERE s.VenueId = $venue AND s.BusinessDay >= $from AND s.BusinessDay <= $to GROUP BY s.CreditedToId;
        SELECT b.BusinessDay, COUNT(*), COUNT(b.ArrivedAt), SUM(b.Status = 'Lapsed'), SUM(b.Status = 'Cancelled'),
               SUM(EXISTS (SELECT 1 FROM booking_events e WHERE e.BookingId = b.Id AND e.Kind = 'verificationFailed'))
        FROM bookings b WHERE b.VenueId = $venue AND b.BusinessDay >= $from AND b.BusinessDay <= $to GROUP BY b.BusinessDay;
        SELECT a.BusinessDay, COUNT(a.SignedInAt), SUM(a.Late), SUM(a.Absent) FROM attendance_days a
        WHERE a.VenueId = $venue AND a.BusinessDay >= $from AND a.BusinessDay <= $to GROUP BY a.BusinessDay;
        SELECT v.BusinessDay, COUNT(*), SUM(v.Amount) FROM violations v
        WHERE v.VenueId = $venue AND v.BusinessDay >= $from AND v.BusinessDay <= $to AND v.Status NOT IN ('dismissed', 'overturned') GROUP BY v.BusinessDay;
        SELECT c.BusinessDay, COUNT(*) FROM complaints c WHERE c.VenueId = $venue AND c.BusinessDay >= $from AND c.BusinessDay <= $to GROUP BY c.BusinessDay;
        SELECT s.BusinessDay, COUNT(*) FROM room_sessions s JOIN bookings b ON b.Id = s.BookingId JOIN customers c ON c.Id = b.CustomerId
        WHERE s.VenueId = $venue AND s.BusinessDay >= $from AND s.BusinessDay <= $to AND c.VipLevel <> '' GROUP BY s.BusinessDay;
        SELECT a.Figure, a.Before, a.After, a.Who, a.Why FROM report_amendments a
        WHERE a.VenueId = $venue AND a.BusinessDay >= $from AND a.BusinessDay <= $to ORDER BY a.FoundAt;
        """;

    /// <summary>The night's room types and hours, and the same weekday a week before ($lastWeek, opening at $opens − 7 days).</summary>
    private const string NightSql = NightsSql + """
        SELECT r.Type, COUNT(*), COALESCE(x.rooms, 0), COALESCE(x.sessions, 0), COALESCE(x.spend, 0), COALESCE(x.sold, 0)
        FROM rooms r LEFT JOIN (
            SELECT t.Type AS type, COUNT(DISTINCT s.RoomId) AS rooms, COUNT(*) AS sessions, SUM(s.Spend) AS spend,
                   SUM(MAX(0, MIN(COALESCE(s.ClosedAt, $now), $closes) - MAX(s.OpenedAt, $opens))) AS sold
            FROM room_sessions s JOIN rooms t ON t.Id = s.RoomId WHERE s.VenueId = $venue AND s.BusinessDay = $from GROUP BY t.Type) x ON x.type = r.Type
        WHERE r.VenueId = $venue GROUP BY r.Type;
        WITH RECURSIVE hour(start) AS (SELECT $opens UNION ALL SELECT start + 3600000 FROM hour WHERE start + 3600000 < $closes)
        SELECT h.start, MIN(h.start + 3600000, $closes) - h.start, (SELECT COALESCE(SUM(MAX(0, MIN(COALESCE(s.ClosedAt, $now), h.start + 3600000, $closes) - MAX(s.OpenedAt, h.start))), 0)
                         FROM room_sessions s WHERE s.VenueId = $venue AND s.BusinessDay = $from)
        FROM hour h;
        SELECT COUNT(*), COUNT(DISTINCT s.RoomId), SUM(s.PartySize), SUM(s.Spend),
               SUM(MAX(0, MIN(COALESCE(s.ClosedAt, $now), $closes - 604800000) - MAX(s.OpenedAt, $opens - 604800000)))
        FROM room_sessions s WHERE s.VenueId = $venue AND s.BusinessDay = $lastWeek;
        SELECT Spend, Rooms, Guests FROM report_budgets WHERE VenueId = $venue AND Month = $month;
        SELECT COUNT(*) FROM rooms WHERE VenueId = $venue;
        """;

    /// <summary>The month: the nights, then its customers, the managers' targets and the budget. $start and $end bound the month's business days as instants.</summary>
    private const string MonthSql = NightsSql + """
        SELECT COUNT(*) FROM customers WHERE VenueId = $venue AND CreatedAt >= $start AND CreatedAt < $end;
        SELECT COUNT(DISTINCT b.CustomerId) FROM room_sessions s JOIN bookings b ON b.Id = s.BookingId
        WHERE s.VenueId = $venue AND s.BusinessDay >= $from AND s.BusinessDay <= $to AND b.CustomerId IS NOT NULL;
        SELECT COUNT(*) FROM (
            SELECT b.CustomerId FROM room_sessions s JOIN bookings b ON b.Id = s.BookingId
            WHERE s.VenueId = $venue AND s.BusinessDay <= $to AND b.CustomerId IS NOT NULL GROUP BY b.CustomerId
            HAVING MAX(s.BusinessDay) >= $churnFrom AND MAX(s.BusinessDay) <= $churnTo);
        SELECT u.UserName, t.Spend, t.Rooms FROM monthly_targets t JOIN AspNetUsers u ON u.Id = t.StaffId WHERE t.VenueId = $venue AND t.Month = $month;
        SELECT Spend, Rooms, Guests FROM report_budgets WHERE VenueId = $venue AND Month = $month;
        SELECT COUNT(*) FROM rooms WHERE VenueId = $venue;
        """;

    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    public static async Task RunAsync(string repo, string workDir, Report report, CancellationToken ct)
    {
        var path = Path.Combine(workDir, "reports.db");
        var today = DateOnly.FromDateTime(RawText.Local(DateTimeOffset.UtcNow).DateTime);
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var end = month.AddMonths(1);
        Console.WriteLine("  reports: starting the app on an empty database");
        await using var app = await AppServer.StartAsync(repo, path, demo: false, AdminPassword, workDir, "reports", ct);
        var token = await app.LoginAsync("admin", AdminPassword, ct);
        string venueId;
        using (var connection = Sqlite.Open(path))
            venueId = (string)Sqlite.Scalar(connection, "SELECT VenueId FROM AspNetUsers WHERE UserName = 'admin'")!;
        var history = new History(path, 20261203);
        var venue = history.AddVenue(venueId, 1, end.AddYears(-2));
        history.AddNights(venue, end.AddYears(-1), end);
        Console.WriteLine($"  reports: one 70-room venue, one year: {history.Sessions:N0} sessions");
        using (var connection = Sqlite.Open(path))
            Sqlite.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");

        await using var raw = await HandSqlEndpoint.StartAsync(path, ct);
        var night = end.AddDays(-1);
        var nightParameters = Parameters(venueId, night, night, month);
        nightParameters["$lastWeek"] = Day(night.AddDays(-7));
        var monthParameters = Parameters(venueId, month, night, month);
        var unseen = 30; // house rule customers.returnVisitUnseenDays, default
        monthParameters["$start"] = Instant(month, new TimeOnly(6, 0));
        monthParameters["$end"] = Instant(night.AddDays(1), new TimeOnly(6, 0));
        monthParameters["$churnFrom"] = Day(month.AddDays(-unseen));
        monthParameters["$churnTo"] = Day(night.AddDays(-unseen));

        var daily = await MeasureAsync(app, token, raw, $"/api/reports/daily?businessDay={Day(night)}", NightSql, nightParameters, CompareNight, ct);
        var monthly = await MeasureAsync(app, token, raw, $"/api/reports/monthly?month={month:yyyy-MM}", MonthSql, monthParameters, CompareMonth, ct);
        foreach (var (what, m) in new[] { ($"daily report of {Day(night)}", daily), ($"monthly report of {month:yyyy-MM}", monthly) })
        {
            var line = string.Create(CultureInfo.InvariantCulture,
                $"Reports: {what}, 70-room venue with a year of history, {Repeats} calls each after {Warmups} warm-up, one client: API median {m.AppMs:F1} ms (fastest {m.AppMin:F1}), hand SQL behind a bare endpoint median {m.SqlMs:F1} ms (fastest {m.SqlMin:F1}), ratio ×{m.AppMs / m.SqlMs:F2} (goal ≤ 2×); same figures: {m.Match}");
            Console.WriteLine("  " + line);
            report.Notes.Add(line);
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static long Instant(DateOnly day, TimeOnly time) => new DateTimeOffset(day.ToDateTime(time), Shanghai).ToUnixTimeMilliseconds();

    private static Dictionary<string, object> Parameters(string venueId, DateOnly from, DateOnly to, DateOnly month) => new()
    {
        ["$venue"] = venueId,
        ["$from"] = Day(from),
        ["$to"] = Day(to),
        ["$month"] = month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        // The opening hours of the default house rules (19:30 → 02:00) of the first night.
        ["$opens"] = Instant(from, new TimeOnly(19, 30)),
        ["$closes"] = Instant(from.AddDays(1), new TimeOnly(2, 0)),
        ["$now"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
    };

    private sealed record Measured(double AppMs, double SqlMs, double AppMin, double SqlMin, string Match);

    private static async Task<Measured> MeasureAsync(AppServer app, string token, HandSqlEndpoint raw, string url, string sql, Dictionary<string, object> parameters,
        Func<JsonElement, JsonElement, List<string>> compare, CancellationToken ct)
    {
        var id = raw.Register(sql, parameters);
        JsonElement api = default, hand = default;
        var (appTimes, sqlTimes) = (new List<double>(), new List<double>());
        for (var i = 0; i < Repeats + Warmups; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            api = await app.GetJsonAsync(url, token, ct);
            if (i >= Warmups) appTimes.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            t0 = Stopwatch.GetTimestamp();
            hand = await raw.GetAsync(id, ct);
            if (i >= Warmups) sqlTimes.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
        var differing = compare(api, hand);
        var sessions = api.GetProperty("sessions").GetInt64();
        var match = differing.Count == 0
            ? $"yes ({sessions:N0} sessions, ¥{api.GetProperty("spend").GetDecimal():N0}, {api.GetProperty("byManager").GetArrayLength()} managers)"
            : $"NO: {string.Join("; ", differing.Take(4))}";
        return new Measured(Percentiles.Of(appTimes, 50), Percentiles.Of(sqlTimes, 50), appTimes.Min(), sqlTimes.Min(), match);
    }

    // Result sets of NightsSql, in order.
    private const int Nights = 0, Managers = 1, Bookings = 2, Attendance = 3, Fines = 4, Complaints = 5, Vip = 6, Amendments = 7;

    private static JsonElement Set(JsonElement hand, int i) => hand[i];
    private static long L(JsonElement v) => v.ValueKind == JsonValueKind.Null ? 0 : (long)Math.Round(v.GetDouble());
    private static long Fen(JsonElement e, string name) => (long)Math.Round(e.GetProperty(name).GetDecimal() * 100);
    private static long Int(JsonElement e, string name) => e.GetProperty(name).GetInt64();
    /// <summary>A share as the app rounds it: four places.</summary>
    private static decimal Share(double part, double whole) => whole <= 0 ? 0 : Math.Round((decimal)(part / whole), 4, MidpointRounding.AwayFromZero);

    /// <summary>Sums column <paramref name="column"/> over the rows of a result set (all days).</summary>
    private static long Sum(JsonElement set, int column) => set.EnumerateArray().Sum(r => L(r[column]));

    private static void Check(List<string> differing, string name, long hand, long api)
    {
        if (hand != api) differing.Add($"{name}: API {api}, SQL {hand}");
    }

    /// <summary>The figures both reports share: totals over the nights, bookings, attendance, fines, complaints, VIP arrivals, by manager.</summary>
    private static List<string> CompareCommon(JsonElement api, JsonElement hand)
    {
        var d = new List<string>();
        var nights = Set(hand, Nights);
        Check(d, "sessions", Sum(nights, 1), Int(api, "sessions"));
        Check(d, "rooms", Sum(nights, 2), Int(api, "rooms"));
        Check(d, "guests", Sum(nights, 3), Int(api, "guests"));
        Check(d, "spend", Sum(nights, 4), Fen(api, "spend"));
        Check(d, "roomCharges", Sum(nights, 5), Fen(api, "roomCharges"));
        Check(d, "discounts", Sum(nights, 6), Fen(api, "discounts"));
        Check(d, "comps", Sum(nights, 7), Fen(api, "comps"));
        Check(d, "walkIns", Sum(nights, 8), Int(api, "walkIns"));
        var bookings = Set(hand, Bookings);
        var b = api.GetProperty("bookings");
        foreach (var (name, column) in new[] { ("made", 1), ("arrived", 2), ("lapsed", 3), ("cancelled", 4), ("cheating", 5) })
            Check(d, "bookings." + name, Sum(bookings, column), Int(b, name));
        Check(d, "fines.count", Sum(Set(hand, Fines), 1), Int(api.GetProperty("fines"), "count"));
        Check(d, "fines.amount", Sum(Set(hand, Fines), 2), Fen(api.GetProperty("fines"), "amount"));
        Check(d, "complaints", Sum(Set(hand, Complaints), 1), Int(api, "complaints"));
        Check(d, "vipArrivals", Sum(Set(hand, Vip), 1), Int(api, "vipArrivals"));
        Check(d, "amendments", Set(hand, Amendments).GetArrayLength(), api.GetProperty("amendments").GetArrayLength());
        var byManager = Set(hand, Managers).EnumerateArray().ToDictionary(r => r[0].GetString()!);
        Check(d, "byManager.count", byManager.Count, api.GetProperty("byManager").GetArrayLength());
        foreach (var m in api.GetProperty("byManager").EnumerateArray())
        {
            var badge = m.GetProperty("badge").GetString()!;
            if (!byManager.TryGetValue(badge, out var row)) { d.Add($"byManager.{badge}: not in the hand SQL"); continue; }
            Check(d, $"byManager.{badge}.rooms", L(row[1]), Int(m, "rooms"));
            Check(d, $"byManager.{badge}.sessions", L(row[2]), Int(m, "sessions"));
            Check(d, $"byManager.{badge}.guests", L(row[3]), Int(m, "guests"));
            Check(d, $"byManager.{badge}.spend", L(row[4]), Fen(m, "spend"));
            Check(d, $"byManager.{badge}.discounts", L(row[5]), Fen(m, "discounts"));
            Check(d, $"byManager.{badge}.comps", L(row[6]), Fen(m, "comps"));
            Check(d, $"byManager.{badge}.walkIns", L(row[7]), Int(m, "walkIns"));
        }
        return d;
    }

    private static List<string> CompareNight(JsonElement api, JsonElement hand)
    {
        var d = CompareCommon(api, hand);
        const int types = 8, hours = 9, lastWeek = 10, rooms = 12;
        var roomCount = L(Set(hand, rooms)[0][0]);
        var soldMs = Sum(Set(hand, Nights), 10);
        Check(d, "bookedSessions", Sum(Set(hand, Nights), 9), Int(api, "bookedSessions"));
        Check(d, "roomHoursSold (centi-hours)", (long)Math.Round(soldMs / 36_000.0), (long)Math.Round(api.GetProperty("roomHoursSold").GetDouble() * 100));
        var attendance = Set(hand, Attendance);
        var a = api.GetProperty("attendance");
        Check(d, "attendance.signedIn", Sum(attendance, 1), Int(a, "signedIn"));
        Check(d, "attendance.late", Sum(attendance, 2), Int(a, "late"));
        Check(d, "attendance.absent", Sum(attendance, 3), Int(a, "absent"));
        var byType = Set(hand, types).EnumerateArray().ToDictionary(r => JsonNamingPolicy.CamelCase.ConvertName(r[0].GetString()!));
        foreach (var t in api.GetProperty("byRoomType").EnumerateArray())
        {
            var type = t.GetProperty("roomType").GetString()!;
            if (!byType.TryGetValue(type, out var row)) { d.Add($"byRoomType.{type}: not in the hand SQL"); continue; }
            Check(d, $"byRoomType.{type}.roomsOpen", L(row[1]), Int(t, "roomsOpen"));
            Check(d, $"byRoomType.{type}.rooms", L(row[2]), Int(t, "rooms"));
            Check(d, $"byRoomType.{type}.sessions", L(row[3]), Int(t, "sessions"));
            Check(d, $"byRoomType.{type}.spend", L(row[4]), Fen(t, "spend"));
            Check(d, $"byRoomType.{type}.roomHoursSold (centi-hours)", (long)Math.Round(L(row[5]) / 36_000.0), (long)Math.Round(t.GetProperty("roomHoursSold").GetDouble() * 100));
        }
        var hourRows = Set(hand, hours).EnumerateArray().ToList();
        var apiHours = api.GetProperty("byHour").EnumerateArray().ToList();
        Check(d, "byHour.count", hourRows.Count, apiHours.Count);
        for (var i = 0; i < Math.Min(hourRows.Count, apiHours.Count); i++)
        {
            var share = Share(L(hourRows[i][2]), roomCount * (double)L(hourRows[i][1]));
            Check(d, $"byHour.{apiHours[i].GetProperty("hour").GetString()} (‱)", (long)(share * 10_000), (long)(apiHours[i].GetProperty("occupancy").GetDecimal() * 10_000));
        }
        var week = Set(hand, lastWeek)[0];
        var last = api.GetProperty("lastWeek");
        Check(d, "lastWeek.sessions", L(week[0]), Int(last, "sessions"));
        Check(d, "lastWeek.rooms", L(week[1]), Int(last, "rooms"));
        Check(d, "lastWeek.guests", L(week[2]), Int(last, "guests"));
        Check(d, "lastWeek.spend", L(week[3]), Fen(last, "spend"));
        return d;
    }

    private static List<string> CompareMonth(JsonElement api, JsonElement hand)
    {
        var d = CompareCommon(api, hand);
        const int created = 8, active = 9, churned = 10;
        var customers = api.GetProperty("customers");
        Check(d, "customers.new", L(Set(hand, created)[0][0]), Int(customers, "new"));
        Check(d, "customers.active", L(Set(hand, active)[0][0]), Int(customers, "active"));
        Check(d, "customers.churned", L(Set(hand, churned)[0][0]), Int(customers, "churned"));
        var nights = Set(hand, Nights).EnumerateArray().ToDictionary(r => r[0].GetString()!);
        foreach (var day in api.GetProperty("byDay").EnumerateArray())
        {
            var text = day.GetProperty("businessDay").GetString()!;
            var row = nights.GetValueOrDefault(text);
            long H(int column) => row.ValueKind == JsonValueKind.Undefined ? 0 : L(row[column]);
            Check(d, $"byDay.{text}.sessions", H(1), Int(day, "sessions"));
            Check(d, $"byDay.{text}.rooms", H(2), Int(day, "rooms"));
            Check(d, $"byDay.{text}.spend", H(4), Fen(day, "spend"));
        }
        return d;
    }
}

/// <summary>
/// The fair baseline of a report: Kestrel, one route, the hand SQL on a pooled connection with the app's pragmas, its result
/// sets as JSON arrays (one array of rows per statement). No sign-in, no validation, no audit: the floor of the same read.
/// </summary>
public sealed class HandSqlEndpoint : IAsyncDisposable
{
    private readonly WebApplication web;
    private readonly HttpClient http;
    private readonly List<(string Sql, Dictionary<string, object> Parameters)> queries = [];

    private HandSqlEndpoint(WebApplication web, HttpClient http)
    {
        this.web = web;
        this.http = http;
    }

    public static async Task<HandSqlEndpoint> StartAsync(string path, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        var port = AppServer.FreePort();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var web = builder.Build();
        var endpoint = new HandSqlEndpoint(web, AppServer.NewClient(new Uri($"http://127.0.0.1:{port}")));
        var pragmasSet = false;
        web.MapGet("/raw/report/{id:int}", async (int id, HttpContext context) =>
        {
            var (sql, parameters) = endpoint.queries[id];
            await using var connection = new SqliteConnection(Sqlite.ConnectionString(path));
            await connection.OpenAsync();
            if (!pragmasSet) { Sqlite.Execute(connection, Sqlite.AppPragmas); pragmasSet = true; }
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
            context.Response.ContentType = "application/json";
            await using var json = new Utf8JsonWriter(context.Response.Body);
            json.WriteStartArray();
            await using (var reader = await command.ExecuteReaderAsync())
                do
                {
                    json.WriteStartArray();
                    while (await reader.ReadAsync())
                    {
                        json.WriteStartArray();
                        for (var c = 0; c < reader.FieldCount; c++)
                            switch (reader.IsDBNull(c) ? null : reader.GetValue(c))
                            {
                                case null: json.WriteNullValue(); break;
                                case long n: json.WriteNumberValue(n); break;
                                case double x: json.WriteNumberValue(x); break;
                                case var v: json.WriteStringValue(Convert.ToString(v, CultureInfo.InvariantCulture)); break;
                            }
                        json.WriteEndArray();
                    }
                    json.WriteEndArray();
                } while (await reader.NextResultAsync());
            json.WriteEndArray();
        });
        await web.StartAsync(ct);
        return endpoint;
    }

    /// <summary>Registers a query with its parameters; the route runs it by number (the parameters do not travel on the wire).</summary>
    public int Register(string sql, Dictionary<string, object> parameters)
    {
        queries.Add((sql, parameters));
        return queries.Count - 1;
    }

    public async Task<JsonElement> GetAsync(int id, CancellationToken ct)
    {
        using var answer = await http.GetAsync($"/raw/report/{id}", ct);
        answer.EnsureSuccessStatusCode();
        await using var body = await answer.Content.ReadAsStreamAsync(ct);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: ct);
        return document.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await web.StopAsync(CancellationToken.None);
        await web.DisposeAsync();
    }
}
