using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Encore.Bench;

/// <summary>
/// Figure 4: GET /api/performance?month= (PerformanceApi.StandingsAsync) for the last complete month, timed
/// against the same aggregate written by hand in SQL, on a 70-room venue's year, on two years (the history
/// doubled), and with 100 venues' years in the same database (the endpoint answers for the caller's venue).
/// </summary>
public static class Standings
{
    private const string AdminPassword = "Bench-standings-1";
    private const int Warmups = 3;

    /// <summary>
    /// Signed spend and rooms per credited person for the month: sessions closed on a business day whose card
    /// that person signed, unless that day's performance was cancelled.
    /// </summary>
    private const string HandSql = """
        SELECT u.UserName, SUM(s.Spend), COUNT(*)
        FROM room_sessions s
        JOIN performance_cards c ON c.StaffId = s.CreditedToId AND c.BusinessDay = s.BusinessDay
        JOIN AspNetUsers u ON u.Id = s.CreditedToId
        WHERE s.VenueId = $venue AND s.ClosedAt IS NOT NULL AND s.BusinessDay >= $from AND s.BusinessDay < $to
          AND NOT EXISTS (SELECT 1 FROM attendance_days d
                          WHERE d.StaffId = s.CreditedToId AND d.BusinessDay = s.BusinessDay AND d.PerformanceCancelled = 1)
        GROUP BY u.UserName
        """;

    public static async Task RunAsync(string repo, string workDir, Options options, Report report, CancellationToken ct)
    {
        var path = Path.Combine(workDir, "standings.db");
        var today = DateOnly.FromDateTime(RawText.Local(DateTimeOffset.UtcNow).DateTime);
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var end = month.AddMonths(1);
        var yearStart = end.AddYears(-1);
        var monthText = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        report.Notes.Add($"Standings: month {monthText} (the last complete one); history runs to its end. Generated venues have no promoters, so no roll-up; the API also computes targets, attainment, unsigned spend, discounts, comps, new customers and the review flag over the preceding months, the hand SQL only the signed spend and rooms.");

        // The app makes the schema, the roles, a venue and its GM account; the history goes straight in.
        Console.WriteLine("  standings: starting the app on an empty database");
        await using var app = await AppServer.StartAsync(repo, path, demo: false, AdminPassword, workDir, "standings", ct);
        var token = await app.LoginAsync("admin", AdminPassword, ct);
        string venueId;
        using (var connection = Sqlite.Open(path))
            venueId = (string)Sqlite.Scalar(connection, "SELECT VenueId FROM AspNetUsers WHERE UserName = 'admin'")!;

        var history = new History(path, 20261122);
        var watch = Stopwatch.StartNew();
        var venue = history.AddVenue(venueId, 1, yearStart.AddYears(-1));
        history.AddNights(venue, yearStart, end);
        Console.WriteLine($"  standings: one venue, one year: {history.Sessions:N0} sessions generated in {watch.Elapsed.TotalSeconds:F1} s");
        var oneYear = await MeasureAsync(app, token, path, venueId, month, options.StandingsRepeats, ct);
        report.Standings.Add(oneYear with { Data = "one 70-room venue, 1 year (the month measured is its last)" });

        watch.Restart();
        history.AddNights(venue, yearStart.AddYears(-1), yearStart);
        Console.WriteLine($"  standings: history doubled to two years in {watch.Elapsed.TotalSeconds:F1} s");
        var twoYears = await MeasureAsync(app, token, path, venueId, month, options.StandingsRepeats, ct);
        report.Standings.Add(twoYears with { Data = "the same venue, 2 years (history doubled)" });
        report.Growth.Add(string.Create(CultureInfo.InvariantCulture,
            $"History doubled (1 → 2 years of the venue): the API's median time ×{twoYears.AppMs / oneYear.AppMs:F2} (fastest call ×{twoYears.AppMin / oneYear.AppMin:F2}), the hand SQL's ×{twoYears.SqlMs / oneYear.SqlMs:F2} (fastest ×{twoYears.SqlMin / oneYear.SqlMin:F2})."));

        watch.Restart();
        for (var v = 2; v <= options.Venues; v++)
        {
            ct.ThrowIfCancellationRequested();
            var other = history.AddVenue(null, v, yearStart);
            history.AddNights(other, yearStart, end);
            if (v % 10 == 0) Console.WriteLine($"    {v} venues, {history.CountSessions():N0} sessions, {watch.Elapsed.TotalSeconds:F0} s");
        }
        Console.WriteLine($"  standings: {options.Venues - 1} more venues (a year each) in {watch.Elapsed.TotalSeconds:F1} s");
        var many = await MeasureAsync(app, token, path, venueId, month, options.StandingsRepeats, ct);
        report.Standings.Add(many with { Data = $"{options.Venues} venues in one database (the measured venue: 2 years, the {options.Venues - 1} others: 1 year each)" });
        report.Growth.Add(string.Create(CultureInfo.InvariantCulture,
            $"{options.Venues} venues' data beside the measured one (compared with the venue alone, 2 years): the API's median time ×{many.AppMs / twoYears.AppMs:F2} (fastest ×{many.AppMin / twoYears.AppMin:F2}), the hand SQL's ×{many.SqlMs / twoYears.SqlMs:F2} (fastest ×{many.SqlMin / twoYears.SqlMin:F2}); the database file is {new FileInfo(path).Length / 1024.0 / 1024.0:F0} MB (+ WAL)."));
        report.Notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"Standings timing: {options.StandingsRepeats} calls of each after {Warmups} warm-up calls, the API and the SQL taking turns; median and fastest call; API through HTTP with a GM bearer token (JSON included), hand SQL in-process on one open connection."));
    }

    private static async Task<Report.StandingsRow> MeasureAsync(AppServer app, string token, string path, string venueId, DateOnly month, int repeats, CancellationToken ct)
    {
        var from = month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = month.AddMonths(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var url = "/api/performance?month=" + month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        // As an idle app leaves it: the freshly generated pages moved from the WAL into the database file.
        using (var connection = Sqlite.Open(path))
            Sqlite.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");

        // The API and the hand SQL take turns, so that both meet the same moments of a shared machine.
        JsonElement api = default;
        var appTimes = new List<double>();
        var sql = new Dictionary<string, (long Fen, long Rooms)>();
        var sqlTimes = new List<double>();
        using (var connection = Sqlite.Open(path))
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = HandSql;
            cmd.Parameters.AddWithValue("$venue", venueId);
            cmd.Parameters.AddWithValue("$from", from);
            cmd.Parameters.AddWithValue("$to", to);
            for (var i = 0; i < repeats + Warmups; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                api = await app.GetJsonAsync(url, token, ct);
                if (i >= Warmups) appTimes.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);

                t0 = Stopwatch.GetTimestamp();
                sql.Clear();
                using (var r = cmd.ExecuteReader())
                    while (r.Read()) sql[r.GetString(0)] = (r.GetInt64(1), r.GetInt64(2));
                if (i >= Warmups) sqlTimes.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        }

        var fromApi = api.EnumerateArray()
            .Select(p => (Badge: p.GetProperty("badge").GetString()!, Fen: (long)(p.GetProperty("spend").GetDecimal() * 100), Rooms: (long)p.GetProperty("rooms").GetInt32()))
            .Where(p => p.Rooms > 0 || p.Fen > 0)
            .ToDictionary(p => p.Badge, p => (p.Fen, p.Rooms));
        var differing = fromApi.Keys.Union(sql.Keys).Where(b => fromApi.GetValueOrDefault(b) != sql.GetValueOrDefault(b)).ToList();
        var match = differing.Count == 0
            ? $"yes: {sql.Count} people, {sql.Values.Sum(v => v.Rooms):N0} rooms, ¥{sql.Values.Sum(v => v.Fen) / 100m:N0}"
            : $"NO: {differing.Count} people differ (e.g. {differing[0]}: API {fromApi.GetValueOrDefault(differing[0])}, SQL {sql.GetValueOrDefault(differing[0])})";
        long sessions;
        using (var connection = Sqlite.Open(path))
            sessions = Convert.ToInt64(Sqlite.Scalar(connection, "SELECT count(*) FROM room_sessions"), CultureInfo.InvariantCulture);
        return new Report.StandingsRow("", sessions, Percentiles.Of(appTimes, 50), Percentiles.Of(sqlTimes, 50), appTimes.Min(), sqlTimes.Min(), match, null);
    }
}
