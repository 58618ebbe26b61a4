using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Encore.Bench;

/// <summary>
/// Figure 4: GET /api/performance?month= (PerformanceApi.StandingsAsync) for the last complete month, timed
/// against the same aggregate written by hand in SQL, on a 70-room venue's year, on two years (the history
/// doubled; the one-year file kept and timed in the same window), and with 100 venues' years in the same database
/// (the endpoint answers for the caller's venue). A second app on the same database file runs the reference way (ENCORE_STANDINGS=rows: the rows computed in
/// memory, as before issue 15); every field of its answer is compared with the default (database) way's.
/// </summary>
public static class Standings
{
    private const string AdminPassword = "Bench-standings-1";
    /// <summary>
    /// Calls of each before timing: enough for the app's calls to stop getting faster, as in a server that has been up for a
    /// while. A fixed count was not enough: with 3, most timed calls of a freshly started app ran unoptimized code; with
    /// 60, the first rows measured were still the slowest of every run (their calls came first) and the 100-venue row,
    /// measured last, the fastest. The call's path passes through hundreds of methods, each recompiled in the background
    /// after 30 calls, once with instrumentation and once optimized, on 2 cores shared with the load. Measured on the
    /// 100-venue file (2026-12-05, plain Release build, calls one after another): the median of each 100 calls was
    /// 13.4, 8.9, 7.7 and 8.3 ms over the first 400 calls, then 5.3–6.2 ms.
    /// A stop when the calls no longer got faster (blocks of 50 calls, 10%) was tried and stopped at 400 calls every time
    /// while the first row's calls still took 5.6 ms against 3.1–3.4 ms when the same row was measured again three times
    /// right after it (plain Release build, 2026-12-05). So: at least <see cref="MinWarmups"/> calls and
    /// <see cref="MinWarmupTime"/> of them; the hand SQL runs as often, in turn.
    /// </summary>
    private const int MinWarmups = 400;
    private static readonly TimeSpan MinWarmupTime = TimeSpan.FromSeconds(15);

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
        report.Notes.Add($"Standings: month {monthText} (the last complete one); history runs to its end. Generated venues have no promoters, so no roll-up; the API also computes targets, attainment, unsigned spend, discounts, comps, new customers and the review flag, the hand SQL only the signed spend and rooms. The API reads a review month before the asked one only while some manager has missed every later one (the generated managers meet the house-rule target, so it does not, except in the row where every manager was given a target out of reach).");

        // The app makes the schema, the roles, a venue and its GM account; the history goes straight in.
        Console.WriteLine("  standings: starting the app on an empty database");
        await using var app = await AppServer.StartAsync(repo, path, demo: false, AdminPassword, workDir, "standings", ct);
        var token = await app.LoginAsync("admin", AdminPassword, ct);
        var reference = await StartReferenceAsync(repo, path, workDir, "standings-rows", ct);
        await using var _ = reference.App;
        string venueId;
        using (var connection = Sqlite.Open(path))
            venueId = (string)Sqlite.Scalar(connection, "SELECT VenueId FROM AspNetUsers WHERE UserName = 'admin'")!;

        var history = new History(path, 20261122);
        var watch = Stopwatch.StartNew();
        var venue = history.AddVenue(venueId, 1, yearStart.AddYears(-1));
        history.AddNights(venue, yearStart, end);
        Console.WriteLine($"  standings: one venue, one year: {history.Sessions:N0} sessions generated in {watch.Elapsed.TotalSeconds:F1} s");

        // The growth row compares one year with two. Measured minutes apart, the two windows met different moments of the
        // shared machine: on the same data, the hand SQL's fastest call moved from 3.0 to 5.6 ms between runs, and the
        // growth row with it (×0.71–×1.39 over 2026-12-06's runs). So the one-year file is kept, page for page (SQLite's backup),
        // and served by its own app beside the two-year file's: both rows are timed in one window, taking turns.
        var oneYearPath = Path.Combine(workDir, "standings-1y.db");
        using (var source = Sqlite.Open(path))
        using (var copy = Sqlite.Open(oneYearPath))
            source.BackupDatabase(copy);
        watch.Restart();
        history.AddNights(venue, yearStart.AddYears(-1), yearStart);
        Console.WriteLine($"  standings: history doubled to two years in {watch.Elapsed.TotalSeconds:F1} s; the one-year file kept beside it");
        var main = new Target(app, token, reference, path);
        Report.StandingsRow oneYear, twoYears;
        {
            await using var oneYearApp = await AppServer.StartAsync(repo, oneYearPath, demo: false, AdminPassword, workDir, "standings-1y", ct);
            var oneYearReference = await StartReferenceAsync(repo, oneYearPath, workDir, "standings-1y-rows", ct);
            await using var __ = oneYearReference.App;
            var rows = await MeasureAsync([
                new Target(oneYearApp, await oneYearApp.LoginAsync("admin", AdminPassword, ct), oneYearReference, oneYearPath),
                main], venueId, month, options.StandingsRepeats, ct);
            (oneYear, twoYears) = (rows[0], rows[1]);
        }
        report.Standings.Add(oneYear with { Data = "one 70-room venue, 1 year (the month measured is its last)" });
        report.Standings.Add(twoYears with { Data = "the same venue, 2 years (history doubled; timed in turn with the 1-year file)" });

        // The worst case of the review flag: every manager misses the month, so the month before it is read too.
        using (var connection = Sqlite.Open(path))
            foreach (var manager in venue.Managers)
                Sqlite.Scalar(connection, "INSERT INTO monthly_targets (Id, VenueId, StaffId, Month, Spend, Rooms) VALUES ($id, $venue, $staff, $month, $spend, NULL)",
                    ("$id", Guid.CreateVersion7().ToString().ToUpperInvariant()), ("$venue", venueId), ("$staff", manager), ("$month", monthText),
                    ("$spend", 999_999_999_00L)); // fen, as the app stores money on SQLite
        var missed = (await MeasureAsync([main], venueId, month, options.StandingsRepeats, ct))[0];
        report.Standings.Add(missed with { Data = "the same, every manager given an own target out of reach (the review month before is read too)" });
        using (var connection = Sqlite.Open(path))
            Sqlite.Execute(connection, $"DELETE FROM monthly_targets WHERE Month = '{monthText}'");
        report.Growth.Add(string.Create(CultureInfo.InvariantCulture,
            $"History doubled (1 → 2 years of the venue; the two files' apps and hand SQL timed in one window, in turn): the API's median time ×{twoYears.AppMs / oneYear.AppMs:F2} (fastest call ×{twoYears.AppMin / oneYear.AppMin:F2}), the hand SQL's ×{twoYears.SqlMs / oneYear.SqlMs:F2} (fastest ×{twoYears.SqlMin / oneYear.SqlMin:F2})."));

        watch.Restart();
        for (var v = 2; v <= options.Venues; v++)
        {
            ct.ThrowIfCancellationRequested();
            var other = history.AddVenue(null, v, yearStart);
            history.AddNights(other, yearStart, end);
            if (v % 10 == 0) Console.WriteLine($"    {v} venues, {history.CountSessions():N0} sessions, {watch.Elapsed.TotalSeconds:F0} s");
        }
        Console.WriteLine($"  standings: {options.Venues - 1} more venues (a year each) in {watch.Elapsed.TotalSeconds:F1} s");
        var many = (await MeasureAsync([main], venueId, month, options.StandingsRepeats, ct))[0];
        report.Standings.Add(many with { Data = $"{options.Venues} venues in one database (the measured venue: 2 years, the {options.Venues - 1} others: 1 year each)" });
        report.Growth.Add(string.Create(CultureInfo.InvariantCulture,
            $"{options.Venues} venues' data beside the measured one (compared with the venue alone, 2 years): the API's median time ×{many.AppMs / twoYears.AppMs:F2} (fastest ×{many.AppMin / twoYears.AppMin:F2}), the hand SQL's ×{many.SqlMs / twoYears.SqlMs:F2} (fastest ×{many.SqlMin / twoYears.SqlMin:F2}); the database file is {new FileInfo(path).Length / 1024.0 / 1024.0:F0} MB (+ WAL)."));
        report.Notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"Standings timing: {options.StandingsRepeats} calls of each after the warm-up (at least {MinWarmups} calls and {MinWarmupTime.TotalSeconds:F0} s of them; this run: {string.Join(", ", report.Standings.Select(r => r.WarmupCalls))} calls for the rows in order), after the apps had gone idle (under 5 ms of CPU in 100 ms, or 5 s waited); the API and the SQL taking turns, and the first two rows (two files, each served by its own app) timed in one window, in turn; median and fastest call; API through HTTP with a GM bearer token (JSON included), hand SQL in-process on one open connection."));
    }

    /// <summary>The app started with ENCORE_STANDINGS=rows, and its admin's token.</summary>
    private sealed record Reference(AppServer App, string Token);

    /// <summary>An app measured, its GM token, the reference app on the same file, and the file the hand SQL reads.</summary>
    private sealed record Target(AppServer App, string Token, Reference Reference, string Path);

    /// <summary>
    /// The reference: the same app, computing the standings from the rows in memory, on the same file. The variable
    /// reaches the child process only (StartAsync copies this process's environment).
    /// </summary>
    private static async Task<Reference> StartReferenceAsync(string repo, string path, string workDir, string name, CancellationToken ct)
    {
        Environment.SetEnvironmentVariable("ENCORE_STANDINGS", "rows");
        AppServer rows;
        try { rows = await AppServer.StartAsync(repo, path, demo: false, AdminPassword, workDir, name, ct); }
        finally { Environment.SetEnvironmentVariable("ENCORE_STANDINGS", null); }
        try { return new Reference(rows, await rows.LoginAsync("admin", AdminPassword, ct)); }
        catch { await rows.DisposeAsync(); throw; }
    }

    private const int ReferenceCalls = 5;

    /// <summary>
    /// Times each target's API call and its hand SQL, all in turn in one window (target by target within each round), so
    /// that every figure meets the same moments of a shared machine; one row per target, in order.
    /// </summary>
    private static async Task<List<Report.StandingsRow>> MeasureAsync(IReadOnlyList<Target> targets, string venueId, DateOnly month, int repeats, CancellationToken ct)
    {
        var from = month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = month.AddMonths(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var url = "/api/performance?month=" + month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        foreach (var target in targets)
        {
            // As an idle app leaves it: the freshly generated pages moved from the WAL into the database file.
            using (var connection = Sqlite.Open(target.Path))
                Sqlite.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
            // The app's background work on the history just written (its sweepers' next passes) is not timed as the call's.
            await target.App.WaitIdleAsync(ct);
        }

        var connections = targets.Select(t => Sqlite.Open(t.Path)).ToList();
        var commands = connections.Select(c =>
        {
            var cmd = c.CreateCommand();
            cmd.CommandText = HandSql;
            cmd.Parameters.AddWithValue("$venue", venueId);
            cmd.Parameters.AddWithValue("$from", from);
            cmd.Parameters.AddWithValue("$to", to);
            return cmd;
        }).ToList();
        var api = new JsonElement[targets.Count];
        var sql = targets.Select(_ => new Dictionary<string, (long Fen, long Rooms)>()).ToList();
        var appTimes = targets.Select(_ => new List<double>()).ToList();
        var sqlTimes = targets.Select(_ => new List<double>()).ToList();
        var warmups = 0;
        try
        {
            // The API and the hand SQL take turns, so that both meet the same moments of a shared machine.
            async Task<(double App, double Sql)> BothAsync(int i)
            {
                var t0 = Stopwatch.GetTimestamp();
                api[i] = await targets[i].App.GetJsonAsync(url, targets[i].Token, ct);
                var appMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                t0 = Stopwatch.GetTimestamp();
                sql[i].Clear();
                using (var r = commands[i].ExecuteReader())
                    while (r.Read()) sql[i][r.GetString(0)] = (r.GetInt64(1), r.GetInt64(2));
                return (appMs, Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }

            var warming = Stopwatch.StartNew();
            while (warmups < MinWarmups || warming.Elapsed < MinWarmupTime)
            {
                for (var i = 0; i < targets.Count; i++) await BothAsync(i);
                warmups++;
            }
            for (var round = 0; round < repeats; round++)
                for (var i = 0; i < targets.Count; i++)
                {
                    var (appMs, sqlMs) = await BothAsync(i);
                    appTimes[i].Add(appMs);
                    sqlTimes[i].Add(sqlMs);
                }
        }
        finally
        {
            foreach (var cmd in commands) cmd.Dispose();
            foreach (var connection in connections) connection.Dispose();
        }

        var rows = new List<Report.StandingsRow>();
        for (var i = 0; i < targets.Count; i++)
        {
            var fromApi = api[i].EnumerateArray()
                .Select(p => (Badge: p.GetProperty("badge").GetString()!, Fen: (long)(p.GetProperty("spend").GetDecimal() * 100), Rooms: (long)p.GetProperty("rooms").GetInt32()))
                .Where(p => p.Rooms > 0 || p.Fen > 0)
                .ToDictionary(p => p.Badge, p => (p.Fen, p.Rooms));
            var byHand = sql[i];
            var differing = fromApi.Keys.Union(byHand.Keys).Where(b => fromApi.GetValueOrDefault(b) != byHand.GetValueOrDefault(b)).ToList();
            var match = differing.Count == 0
                ? $"yes: {byHand.Count} people, {byHand.Values.Sum(v => v.Rooms):N0} rooms, ¥{byHand.Values.Sum(v => v.Fen) / 100m:N0}"
                : $"NO: {differing.Count} people differ (e.g. {differing[0]}: API {fromApi.GetValueOrDefault(differing[0])}, SQL {byHand.GetValueOrDefault(differing[0])})";
            // The new way against the old one, on the same data: the whole answer, every field of every person.
            var referenceTimes = new List<double>();
            JsonElement old = default;
            for (var call = 0; call < ReferenceCalls; call++)
            {
                var t0 = Stopwatch.GetTimestamp();
                old = await targets[i].Reference.App.GetJsonAsync(url, targets[i].Reference.Token, ct);
                referenceTimes.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
            var difference = Difference(old, api[i], "");
            match += difference is null
                ? string.Create(CultureInfo.InvariantCulture, $"; the rows way (ENCORE_STANDINGS=rows), every field of {api[i].GetArrayLength()} people, same: yes (its median {Percentiles.Of(referenceTimes, 50):F1} ms)")
                : $"; the rows way (ENCORE_STANDINGS=rows), same: NO: {difference}";
            long sessions;
            using (var connection = Sqlite.Open(targets[i].Path))
                sessions = Convert.ToInt64(Sqlite.Scalar(connection, "SELECT count(*) FROM room_sessions"), CultureInfo.InvariantCulture);
            rows.Add(new Report.StandingsRow("", sessions, Percentiles.Of(appTimes[i], 50), Percentiles.Of(sqlTimes[i], 50), appTimes[i].Min(), sqlTimes[i].Min(), match, null) { WarmupCalls = warmups });
        }
        return rows;
    }

    /// <summary>Where two JSON answers differ (null when they do not): numbers compared as numbers (800.00 is 800), all else exactly.</summary>
    private static string? Difference(JsonElement a, JsonElement b, string at)
    {
        if (a.ValueKind != b.ValueKind) return $"{at}: {a.ValueKind} vs {b.ValueKind}";
        switch (a.ValueKind)
        {
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength()) return $"{at}: {a.GetArrayLength()} vs {b.GetArrayLength()} items";
                return a.EnumerateArray().Zip(b.EnumerateArray()).Select((p, i) => Difference(p.First, p.Second, $"{at}[{i}]")).FirstOrDefault(d => d is not null);
            case JsonValueKind.Object:
                var names = a.EnumerateObject().Select(p => p.Name).Union(b.EnumerateObject().Select(p => p.Name));
                foreach (var name in names)
                {
                    if (!a.TryGetProperty(name, out var x) || !b.TryGetProperty(name, out var y)) return $"{at}.{name}: missing on one side";
                    if (Difference(x, y, $"{at}.{name}") is { } d) return d;
                }
                return null;
            case JsonValueKind.Number:
                return a.GetDecimal() == b.GetDecimal() ? null : $"{at}: {a.GetRawText()} vs {b.GetRawText()}";
            default:
                return a.GetRawText() == b.GetRawText() ? null : $"{at}: {a.GetRawText()} vs {b.GetRawText()}";
        }
    }
}
