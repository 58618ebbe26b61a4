using System.Diagnostics;
using System.Globalization;

namespace Encore.Bench;

/// <summary>
/// dotnet run -c Release --project bench/Encore.Bench -- [--quick] [--only=part,…]; --only=reports times issue 19's reports; --only=badinput runs figure 6
/// (100,000 generated bad requests, 10,000 with --quick), which a plain run leaves out.
/// Prints the four figures of issue 7 and writes them to bench/results/&lt;timestamp&gt;.md (README "Benchmarks").
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        Options options;
        try { options = Options.Parse(args); }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        // Up to 1,000 SignalR clients, 8 load clients and the raw endpoint share this process: no thread-pool ramp-up.
        ThreadPool.SetMinThreads(Math.Max(64, Environment.ProcessorCount * 8), 64);

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true; // stop the app and PostgreSQL before leaving
            cancel.Cancel();
        };
        var ct = cancel.Token;

        var repo = FindRepo();
        var machine = Machine.Describe();
        var started = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        var report = new Report(machine, options.Quick, started);
        var work = Directory.CreateTempSubdirectory("encore-bench.").FullName;
        Console.WriteLine($"Encore bench{(options.Quick ? " (--quick)" : "")}: {machine.Cores} cores, {machine.Memory}; work files in {work}");
        var adminPassword = "Bench-admin-1";
        if (options.Published) AppServer.Published = await PublishedApp.PublishAsync(repo, ct);
        report.Notes.Add(options.Published
            ? "The app ran as published for a venue server (`dotnet publish -r linux-x64`: ReadyToRun, README \"Running in production\")."
            : "The app ran as the plain Release build (`--app=build`: JIT-compiled at every start).");

        try
        {
            // SQLite: figures 1, 2 and 3 on one database file, created and seeded by the app (ENCORE_DEMO=1).
            var sqlitePath = Path.Combine(work, "encore.db");
            var sqlite = new SqliteRaw(sqlitePath);
            Task<AppServer> StartSqlite() => AppServer.StartAsync(repo, sqlitePath, demo: true, adminPassword, work, "sqlite", ct);
            if (options.Parts.Contains("sqlite"))
            {
                Console.WriteLine("SQLite");
                await Throughput.RunAsync(sqlite, StartSqlite, options, report,
                    options.Parts.Contains("board") ? app => Board(app, options, report, ct) : null, ct);
                report.Durability.Add("SQLite (the app's file and the raw side's): " + sqlite.Settings + ", busy_timeout=30000, foreign_keys=ON, as src/Encore.Web/Data/Database.cs sets on every connection.");
                // The file the first start created, seeded and the bench filled: a venue's server restarting
                // (ENCORE_DEMO=0: nothing to seed; the migrations find nothing to do).
                await Footprint.StartsOnExistingAsync(
                    () => AppServer.StartAsync(repo, sqlitePath, demo: false, adminPassword, work, "sqlite-restart", ct), options.Starts, report, ct);
            }
            else if (options.Parts.Contains("board"))
            {
                await using var app = await StartSqlite();
                await Board(app, options, report, ct);
                if (app.Memory() is { } memory)
                    report.Memory.Add(new Report.MemoryRow("SQLite: after the live board alone, before the app is stopped", memory.RssKb, memory.HwmKb));
            }

            if (options.Parts.Contains("floor"))
            {
                Console.WriteLine("The frameworks' floor at start");
                try { await Floor.RunAsync(repo, work, options, report, ct); }
                catch (Exception e) when (e is BenchException or HttpRequestException or IOException)
                {
                    Console.WriteLine("  " + e.Message);
                    report.FloorFailure = e.Message;
                }
            }

            if (options.Parts.Contains("postgres"))
            {
                Console.WriteLine("PostgreSQL");
                var (server, why) = await Postgres.StartAsync(ct);
                if (server is null)
                {
                    Console.WriteLine("  " + why);
                    report.Write.Add(new Report.ThroughputRow("PostgreSQL", "app and raw", null, null, why));
                    report.Read.Add(new Report.ThroughputRow("PostgreSQL", "app and raw", null, null, why));
                    report.Durability.Add("PostgreSQL: not measured: " + why);
                }
                else
                {
                    await using (server)
                    {
                        await using var postgres = new PostgresRaw(server.ConnectionString, server.Settings);
                        await Throughput.RunAsync(postgres,
                            () => AppServer.StartAsync(repo, server.ConnectionString, demo: true, adminPassword, work, "postgres", ct),
                            options, report, null, ct, server.CpuMs);
                        report.Durability.Add($"PostgreSQL, {server.Origin}: {server.Settings}; the app and the raw side use the same database, READ COMMITTED (the app's level).");
                    }
                }
            }

            if (options.Parts.Contains("standings"))
            {
                Console.WriteLine("Month-end standings");
                try { await Standings.RunAsync(repo, work, options, report, ct); }
                catch (Exception e) when (e is BenchException or System.Data.Common.DbException or HttpRequestException or IOException or KeyNotFoundException)
                {
                    Console.WriteLine("  " + e.Message);
                    report.Standings.Add(new Report.StandingsRow("standings", 0, double.NaN, double.NaN, double.NaN, double.NaN, "", e.Message));
                }
            }

            if (options.Parts.Contains("reports"))
            {
                Console.WriteLine("Daily and monthly reports (issue 19)");
                try { await Reports.RunAsync(repo, work, report, ct); }
                catch (Exception e) when (e is BenchException or System.Data.Common.DbException or HttpRequestException or IOException or KeyNotFoundException)
                {
                    Console.WriteLine("  " + e.Message);
                    report.Notes.Add("Reports: " + e.Message);
                }
            }

            // The parts that report lines of text: a failure is written into their section instead of stopping the run.
            async Task LinesPart(string part, string title, Func<Task> run, List<string> lines)
            {
                if (!options.Parts.Contains(part)) return;
                Console.WriteLine(title);
                try { await run(); }
                catch (Exception e) when (e is BenchException or System.Data.Common.DbException or HttpRequestException or IOException)
                {
                    Console.WriteLine("  " + e.Message);
                    lines.Add("not measured: " + e.Message);
                }
            }
            await LinesPart("badinput", "Generated bad requests", () => BadInput.RunAsync(repo, work, options, report, ct), report.BadInput);
            await LinesPart("search", "Customer search", () => Search.RunAsync(repo, work, options, report, ct), report.Search);
            await LinesPart("import", "Customer import", () => Import.RunAsync(repo, work, options, report, ct), report.Import);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            report.Notes.Add("The run was interrupted (Ctrl+C): the figures above are all that was measured.");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            // ENCORE_BENCH_KEEP=1 keeps the work files: the app's logs (e.g. with EF's command log level raised) and databases.
            if (Environment.GetEnvironmentVariable("ENCORE_BENCH_KEEP") == "1") Console.WriteLine($"work files kept in {work}");
            else try { Directory.Delete(work, recursive: true); }
            catch (IOException e) { Console.Error.WriteLine($"could not remove {work}: {e.Message}"); }
        }

        report.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"Load (figures 1 and 2): {options.Clients} clients, each a closed loop (its next request leaves when the previous one answered); every side warms up for {options.Warmup.TotalSeconds:F0} s, the app for at least {options.AppWarmup.TotalSeconds:F0} s and until its tiered JIT has gone quiet (at most {options.MaxAppWarmup.TotalSeconds:F0} s; not counted; each path's note says how long), then the sides take turns in {options.Rounds} windows of {(options.Window / options.Rounds).TotalSeconds:F0} s (ABBA order), {options.Window.TotalSeconds:F0} s each in all, with the app up (and idle before each window: under 5 ms of CPU in 100 ms, or 5 s waited), on the same database; ok/s counts successful answers in the windows, p50/p99 are their latencies. The raw write sides write into the app's tables with valid keys. CPU ms/req: the app's utime + stime from /proc/<pid>/stat (clock ticks of {ProcStats.TicksPerSecond:F0}/s) read at the start of each of its windows (the app idle) and at its last answer, added over the windows, divided by the successful requests that started in them; the DB server's the same over the private PostgreSQL cluster's processes (the postmaster, its children, and its reaped children), for every side. Memory: VmRSS and VmHWM from /proc/<pid>/status, in MB of 10^6 bytes."));
        var text = report.Render(Machine.LoadAverageNow(), total.Elapsed);
        Console.WriteLine();
        Console.WriteLine(text);
        var results = Path.Combine(repo, "bench", "results");
        Directory.CreateDirectory(results);
        var file = Path.Combine(results, started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + (options.Quick ? "-quick" : "") + ".md");
        await File.WriteAllTextAsync(file, text, CancellationToken.None);
        Console.WriteLine($"Written to {Path.GetRelativePath(Environment.CurrentDirectory, file)}");
        return ct.IsCancellationRequested ? 130 : 0;
    }

    private static async Task Board(AppServer app, Options options, Report report, CancellationToken ct)
    {
        try { await LiveBoard.RunAsync(app, options, report, ct); }
        catch (Exception e) when (e is BenchException or HttpRequestException or IOException or InvalidOperationException)
        {
            Console.WriteLine("  live board: " + e.Message);
            report.Board.Add(new Report.BoardRow("live board", 0, 0, 0, 0, double.NaN, double.NaN, double.NaN, double.NaN, e.Message));
        }
    }

    /// <summary>The repository root: the folder holding Encore.slnx, above the working directory or this program.</summary>
    private static string FindRepo()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Encore.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Encore.slnx not found above the working directory: run the bench from the repository");
    }
}
