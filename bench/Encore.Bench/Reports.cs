using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Encore.Bench;

/// <summary>
/// Issue 19 (--only=reports): GET /api/reports/daily for the last night of a 70-room venue's year of history and GET
/// /api/reports/monthly for its last complete month, each timed against hand SQL that computes the same figures (the
/// night's or the month's sessions, rooms, guests, spend, discounts, comps, walk-ins, bookings, attendance, fines,
/// complaints and room-hours sold, and the spend by manager). The daily report is read once before timing, so the timed
/// calls read the frozen night (a snapshot, and the audit check for corrections) as the GM's morning does.
/// </summary>
public static class Reports
{
    private const string AdminPassword = "Bench-reports-1";
    private const int Warmups = 30;

    /// <summary>The figures of a run of business days ($from ≤ day ≤ $to), SQLite's storage: money in fen, instants in Unix ms.</summary>
    private const string HandSql = """
        SELECT COUNT(*), COUNT(DISTINCT s.BusinessDay || s.RoomId), SUM(s.PartySize), SUM(s.Spend), SUM(s.Discount), SUM(s.CompsValue), SUM(s.WalkIn),
               (SELECT COUNT(*) FROM bookings b WHERE b.VenueId = $venue AND b.BusinessDay >= $from AND b.BusinessDay <= $to),
               (SELECT COUNT(SignedInAt) FROM attendance_days a WHERE a.VenueId = $venue AND a.BusinessDay >= $from AND a.BusinessDay <= $to),
               (SELECT COALESCE(SUM(Amount), 0) FROM violations v WHERE v.VenueId = $venue AND v.BusinessDay >= $from AND v.BusinessDay <= $to AND v.Status NOT IN ('dismissed', 'overturned')),
               (SELECT COUNT(*) FROM complaints c WHERE c.VenueId = $venue AND c.BusinessDay >= $from AND c.BusinessDay <= $to),
               SUM(MAX(0, MIN(COALESCE(s.ClosedAt, $now), $closes + (julianday(s.BusinessDay) - julianday($from)) * 86400000)
                        - MAX(s.OpenedAt, $opens + (julianday(s.BusinessDay) - julianday($from)) * 86400000))) / 3600000.0
        FROM room_sessions s WHERE s.VenueId = $venue AND s.BusinessDay >= $from AND s.BusinessDay <= $to;
        SELECT u.UserName, SUM(s.Spend) FROM room_sessions s JOIN AspNetUsers u ON u.Id = s.CreditedToId
        WHERE s.VenueId = $venue AND s.BusinessDay >= $from AND s.BusinessDay <= $to GROUP BY u.UserName;
        """;

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

        var night = end.AddDays(-1);
        var daily = await MeasureAsync(app, token, path, venueId, night, night, $"/api/reports/daily?businessDay={Day(night)}", ct);
        var monthly = await MeasureAsync(app, token, path, venueId, month, night, $"/api/reports/monthly?month={month:yyyy-MM}", ct);
        foreach (var (what, m) in new[] { ($"daily report of {Day(night)}", daily), ($"monthly report of {month:yyyy-MM}", monthly) })
        {
            var line = string.Create(CultureInfo.InvariantCulture,
                $"Reports: {what}, 70-room venue with a year of history: API median {m.AppMs:F1} ms (fastest {m.AppMin:F1}), hand SQL median {m.SqlMs:F1} ms (fastest {m.SqlMin:F1}), ratio ×{m.AppMs / m.SqlMs:F2} (goal ≤ 2×); same figures: {m.Match}");
            Console.WriteLine("  " + line);
            report.Notes.Add(line);
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record Measured(double AppMs, double SqlMs, double AppMin, double SqlMin, string Match);

    private static async Task<Measured> MeasureAsync(AppServer app, string token, string path, string venueId, DateOnly from, DateOnly to, string url, CancellationToken ct)
    {
        // The opening hours of the default house rules (19:30 → 02:00, Asia/Shanghai, no DST) of the first night.
        var opens = new DateTimeOffset(from.ToDateTime(new TimeOnly(19, 30)), TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
        var closes = new DateTimeOffset(from.AddDays(1).ToDateTime(new TimeOnly(2, 0)), TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
        JsonElement api = default;
        object?[] totals = [];
        var managers = new Dictionary<string, long>();
        var (appTimes, sqlTimes) = (new List<double>(), new List<double>());
        var repeats = 15;
        using (var connection = Sqlite.Open(path))
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = HandSql;
            cmd.Parameters.AddWithValue("$venue", venueId);
            cmd.Parameters.AddWithValue("$from", Day(from));
            cmd.Parameters.AddWithValue("$to", Day(to));
            cmd.Parameters.AddWithValue("$opens", opens);
            cmd.Parameters.AddWithValue("$closes", closes);
            cmd.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            for (var i = 0; i < repeats + Warmups; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                api = await app.GetJsonAsync(url, token, ct);
                if (i >= Warmups) appTimes.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                t0 = Stopwatch.GetTimestamp();
                managers.Clear();
                using (var r = cmd.ExecuteReader())
                {
                    r.Read();
                    totals = new object?[r.FieldCount];
                    for (var c = 0; c < totals.Length; c++) totals[c] = r.IsDBNull(c) ? 0L : r.GetValue(c);
                    r.NextResult();
                    while (r.Read()) managers[r.GetString(0)] = r.GetInt64(1);
                }
                if (i >= Warmups) sqlTimes.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        }
        long L(int i) => Convert.ToInt64(totals[i], CultureInfo.InvariantCulture);
        long Fen(JsonElement e, string name) => (long)(e.GetProperty(name).GetDecimal() * 100);
        var differing = new List<string>();
        void Check(string name, long sql, long fromApi) { if (sql != fromApi) differing.Add($"{name}: API {fromApi}, SQL {sql}"); }
        Check("sessions", L(0), api.GetProperty("sessions").GetInt64());
        Check("rooms", L(1), api.GetProperty("rooms").GetInt64());
        Check("guests", L(2), api.GetProperty("guests").GetInt64());
        Check("spend", L(3), Fen(api, "spend"));
        Check("discounts", L(4), Fen(api, "discounts"));
        Check("comps", L(5), Fen(api, "comps"));
        Check("walkIns", L(6), api.GetProperty("walkIns").GetInt64());
        Check("bookings.made", L(7), api.GetProperty("bookings").GetProperty("made").GetInt64());
        Check("fines", L(9), Fen(api.GetProperty("fines"), "amount"));
        Check("complaints", L(10), api.GetProperty("complaints").GetInt64());
        if (from == to)
        {
            Check("attendance.signedIn", L(8), api.GetProperty("attendance").GetProperty("signedIn").GetInt64());
            Check("roomHoursSold", (long)Math.Round(Convert.ToDouble(totals[11], CultureInfo.InvariantCulture)), (long)Math.Round(api.GetProperty("roomHoursSold").GetDouble()));
        }
        foreach (var m in api.GetProperty("byManager").EnumerateArray().Where(m => m.GetProperty("badge").GetString() != ""))
            Check("byManager." + m.GetProperty("badge").GetString(), managers.GetValueOrDefault(m.GetProperty("badge").GetString()!), Fen(m, "spend"));
        var match = differing.Count == 0 ? $"yes ({L(0):N0} sessions, ¥{L(3) / 100m:N0}, {managers.Count} managers)" : $"NO: {string.Join("; ", differing.Take(3))}";
        return new Measured(Percentiles.Of(appTimes, 50), Percentiles.Of(sqlTimes, 50), appTimes.Min(), sqlTimes.Min(), match);
    }
}
