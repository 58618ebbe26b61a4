using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Encore.Bench;

/// <summary>
/// Figures 1 and 2 on one database: the app's write and read paths under a closed loop of clients, and the
/// same work in raw ADO.NET on the same database file (or PostgreSQL database), taking turns with the app.
/// </summary>
public static class Throughput
{
    private static int phones;

    public static string[] Bookers(int clients) => Enumerable.Range(1, clients).Select(i => $"m{(i - 1) % 12 + 1:00}").ToArray();

    public static async Task RunAsync(IRawDb db, Func<Task<AppServer>> startApp, Options options, Report report,
        Func<AppServer, Task>? alsoWithTheAppUp, CancellationToken ct, Func<double?>? serverCpuMs = null)
    {
        var clients = options.Clients;
        var bookers = Bookers(clients);
        const string appWriteSide = "app: POST /api/bookings (bearer, validation, audit)";
        const string fairWriteSide = "fair raw ADO.NET: one transaction writing what one API booking writes (reads: code, phone, same name; inserts: customer, booking, history event, 3 audit entries)";
        const string rawWriteSide = "raw ADO.NET, the floor: BEGIN; SELECT count(*) for a duplicate code; INSERT INTO bookings; COMMIT";
        const string appReadSide = "app: GET /api/rooms (bearer)";
        const string endpointSide = "raw ADO.NET endpoint: the same rows as JSON from a bare Kestrel route (no auth)";
        const string inProcessSide = "raw ADO.NET in-process: the same query, no HTTP";
        Side[]? writes = null, reads = null;
        string? failure = null;
        try
        {
            await using var app = await startApp();
            report.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{db.Name}: the app started (migrations and demo seed included) in {app.StartSeconds:F1} s."));
            var tokens = new string[clients];
            for (var i = 0; i < clients; i++) tokens[i] = await app.LoginAsync(bookers[i], AppServer.DemoPassword, ct);
            var arrival = RawText.BookableArrivalText(DateTimeOffset.UtcNow, TimeSpan.FromHours(2));

            var staff = await db.StaffAsync(bookers);
            var writers = Enumerable.Range(0, clients).Select(i => db.NewBookingWriter(staff, i)).ToList();
            var fairWriters = Enumerable.Range(0, clients).Select(i => db.NewFairBookingWriter(staff, i)).ToList();
            var readers = Enumerable.Range(0, clients).Select(_ => db.NewRoomReader(staff.VenueId)).ToList();
            await using var endpoint = await RawEndpoint.StartAsync(db, staff.VenueId, ct);
            try
            {
                Console.WriteLine($"  {db.Name}: write path, the API and raw ADO.NET (fair and floor) taking turns, {clients} clients");
                Func<int, Func<Task<string?>>> appWrite = i => () => CreateBookingAsync(app, tokens[i], arrival);
                Func<int, Func<Task<string?>>> fairWrite = i => fairWriters[i].RunAsync;
                // The warm-ups alone show what one API booking and one fair raw transaction write, table by table.
                var before = await db.CountRowsAsync();
                void PathNote(string path, string warmup) => report.Notes.Add($"{db.Name}: the app's {path} path {warmup}.");
                PathNote("write", await WarmUpAppAsync(app, clients, options, appWrite, ct));
                await Task.Delay(500, ct); // the board notices of the last bookings
                var afterApp = await db.CountRowsAsync();
                await Load.RunAsync(clients, options.Warmup, TimeSpan.Zero, fairWrite, ct);
                report.Notes.Add(WrittenPerBooking(db.Name, before, afterApp, await db.CountRowsAsync()));
                writes = await TakeTurnsAsync(app, clients, options,
                [
                    new(appWriteSide, appWrite, false, true),
                    new(fairWriteSide, fairWrite, false, false),
                    new(rawWriteSide, i => writers[i].RunAsync, true, false),
                ], serverCpuMs, note => PathNote("write", note), ct);

                Console.WriteLine($"  {db.Name}: read path, the API and raw ADO.NET taking turns, {clients} clients");
                reads = await TakeTurnsAsync(app, clients, options,
                [
                    new(appReadSide, i => () => GetRoomsAsync(app.Http, "/api/rooms", tokens[i]), true, true),
                    new(endpointSide, _ => () => GetRoomsAsync(endpoint.Http, "/raw/rooms", null), true, false),
                    new(inProcessSide, i => async () => (await readers[i].ReadAsync()).Count > 0 ? null : "no rooms", true, false),
                ], serverCpuMs, note => PathNote("read", note), ct);
            }
            finally
            {
                foreach (var w in writers) await w.DisposeAsync();
                foreach (var w in fairWriters) await w.DisposeAsync();
                foreach (var r in readers) await r.DisposeAsync();
            }

            if (alsoWithTheAppUp is not null) await alsoWithTheAppUp(app);
            // The app's memory after all its work in this run (before it is stopped).
            if (app.Memory() is { } memory)
                report.Memory.Add(new Report.MemoryRow($"{db.Name}: after the bench's work (write and read paths{(alsoWithTheAppUp is null ? "" : ", live board")}), before the app is stopped", memory.RssKb, memory.HwmKb));
        }
        catch (Exception e) when (e is BenchException or HttpRequestException or IOException or System.Data.Common.DbException or InvalidOperationException)
        {
            failure = e.Message;
            Console.WriteLine("  " + e.Message);
        }

        string? Ratio(Side[]? sides, int i, bool goal)
        {
            if (sides is null) return null;
            var ratio = Report.Ratio(sides[0].Result.PerSecond, sides[i].Result.PerSecond);
            return goal ? $"**{ratio}**" : ratio;
        }
        Report.ThroughputRow Row(string side, Side[]? sides, int i, string? ratio) =>
            new(db.Name, side, sides?[i].Result, ratio, failure, sides?[i].AppCpuMs, sides?[i].ServerCpuMs);
        report.Write.Add(Row(appWriteSide, writes, 0, null));
        report.Write.Add(Row(fairWriteSide, writes, 1, Ratio(writes, 1, goal: true)));
        report.Write.Add(Row(rawWriteSide, writes, 2, Ratio(writes, 2, goal: false)));
        report.Read.Add(Row(appReadSide, reads, 0, null));
        report.Read.Add(Row(endpointSide, reads, 1, Ratio(reads, 1, goal: true)));
        report.Read.Add(Row(inProcessSide, reads, 2, Ratio(reads, 2, goal: false)));
        if (writes is not null)
        {
            report.Goals.WriteRatio[db.Name] = writes[0].Result.PerSecond / writes[1].Result.PerSecond;
            if (writes[0].AppCpuMs is { } cpu) report.Goals.BookingCpuMs[db.Name] = cpu;
        }
        if (reads is not null) report.Goals.BoardRatio[db.Name] = reads[0].Result.PerSecond / reads[1].Result.PerSecond;
    }

    /// <summary>One side of a comparison: its clients, whether it warms up in the turns, whether it is the app (its CPU is read).</summary>
    private sealed record SideSpec(string Name, Func<int, Func<Task<string?>>> Client, bool WarmUp, bool App);

    /// <summary>A side's windows added up, and CPU ms per successful request: the app's, and the database server's.</summary>
    private sealed record Side(LoadResult Result, double? AppCpuMs, double? ServerCpuMs);

    /// <summary>
    /// Each side warms up, then the sides take turns in short windows (ABBA order), so that on a shared machine
    /// both meet the same moments; before each window the app is let finish what it does after answering.
    /// Each side's windows are added up. CPU is read at each window's start (the app idle) and at its last answer,
    /// and divided by the successful requests that started in the window: in a steady loop the work a request
    /// leaves for after its answer (board notices) falls in the window as the next requests run, and waiting for
    /// the app to be idle again would add its idle background work instead.
    /// </summary>
    private static async Task<Side[]> TakeTurnsAsync(AppServer app, int clients, Options options,
        IReadOnlyList<SideSpec> sides, Func<double?>? serverCpuMs, Action<string> appWarmupNote, CancellationToken ct)
    {
        foreach (var side in sides.Where(s => s.WarmUp))
        {
            if (side.App) appWarmupNote(await WarmUpAppAsync(app, clients, options, side.Client, ct));
            else await Load.RunAsync(clients, options.Warmup, TimeSpan.Zero, side.Client, ct);
        }
        var windows = sides.Select(_ => new List<LoadResult>()).ToList();
        var appCpu = new double?[sides.Count];
        var serverCpu = new double?[sides.Count];
        var window = options.Window / options.Rounds;
        for (var round = 0; round < options.Rounds; round++)
        {
            var order = Enumerable.Range(0, sides.Count);
            foreach (var i in round % 2 == 0 ? order : order.Reverse())
            {
                await app.WaitIdleAsync(ct);
                var (app0, server0) = (app.CpuMs(), serverCpuMs?.Invoke());
                windows[i].Add(await Load.RunAsync(clients, TimeSpan.Zero, window, sides[i].Client, ct));
                var (app1, server1) = (app.CpuMs(), serverCpuMs?.Invoke());
                if (sides[i].App) appCpu[i] = Add(appCpu[i], app1 - app0, round);
                serverCpu[i] = Add(serverCpu[i], server1 - server0, round);
            }
        }
        var merged = windows.Select(LoadResult.Merge).ToArray();
        var result = new Side[sides.Count];
        for (var i = 0; i < sides.Count; i++)
        {
            var ok = merged[i].OkStarted;
            result[i] = new Side(merged[i], ok > 0 ? appCpu[i] / ok : null, ok > 0 ? serverCpu[i] / ok : null);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {sides[i].Name}: {merged[i].PerSecond:F1} ok/s, {merged[i].Errors} errors{(result[i].AppCpuMs is { } c ? $", app CPU {c:F2} ms/req" : "")}{(result[i].ServerCpuMs is { } s ? $", server CPU {s:F2} ms/req" : "")}"));
        }
        return result;

        // One window unreadable makes the side's sum unknown, not smaller.
        static double? Add(double? sum, double? more, int round) => more is null || (round > 0 && sum is null) ? null : (sum ?? 0) + more;
    }

    /// <summary>Load in chunks of this length while the app's tiered JIT is watched.</summary>
    private static readonly TimeSpan JitChunk = TimeSpan.FromSeconds(3);

    /// <summary>The JIT counts as quiet when its workers took under this share of the app's CPU in a chunk.</summary>
    private const double QuietJitShare = 0.02;

    /// <summary>
    /// The app's warm-up before its windows: <see cref="Options.AppWarmup"/> of load, then on in chunks of
    /// <see cref="JitChunk"/> until the runtime's tiered JIT has gone quiet (<see cref="QuietJitShare"/>), for at most
    /// <see cref="Options.MaxAppWarmup"/>. The figures are a server's steady state: a perf profile of the write path
    /// (2026-12-05, published app) found the JIT's worker threads at 40–50% of the app's CPU in the first 5 s of load
    /// and still at 12% and 5% in the first app windows after a fixed 3-s warm-up, all counted in the CPU per booking.
    /// Answers what it did, for the notes.
    /// </summary>
    private static async Task<string> WarmUpAppAsync(AppServer app, int clients, Options options, Func<int, Func<Task<string?>>> client, CancellationToken ct)
    {
        var warming = System.Diagnostics.Stopwatch.StartNew();
        await Load.RunAsync(clients, options.AppWarmup, TimeSpan.Zero, client, ct);
        double? share = null;
        while (warming.Elapsed < options.MaxAppWarmup)
        {
            var (cpu0, jit0) = (app.CpuMs(), ProcStats.TieredJitCpuMs(app.Pid));
            await Load.RunAsync(clients, JitChunk, TimeSpan.Zero, client, ct);
            var (cpu1, jit1) = (app.CpuMs(), ProcStats.TieredJitCpuMs(app.Pid));
            if (cpu0 is null || cpu1 is null) break;
            share = Math.Max(0, jit1 - jit0) / Math.Max(1, cpu1.Value - cpu0.Value);
            if (share < QuietJitShare) break;
        }
        var seconds = warming.Elapsed.TotalSeconds;
        return share switch
        {
            null => string.Create(CultureInfo.InvariantCulture, $"warmed up for {seconds:F0} s (its JIT not readable)"),
            < QuietJitShare => string.Create(CultureInfo.InvariantCulture,
                $"warmed up for {seconds:F0} s, until its tiered JIT went quiet ({share * 100:F1}% of its CPU in the last {JitChunk.TotalSeconds:F0} s; quiet is below {QuietJitShare * 100:F0}%)"),
            _ => string.Create(CultureInfo.InvariantCulture,
                $"warmed up for {seconds:F0} s, the most allowed, its tiered JIT still busy ({share * 100:F1}% of its CPU in the last {JitChunk.TotalSeconds:F0} s; quiet is below {QuietJitShare * 100:F0}%): its figures include JIT work"),
        };
    }

    /// <summary>What the database gained per booking the API created, table by table, and per fair raw transaction.</summary>
    private static string WrittenPerBooking(string database, Dictionary<string, long> before, Dictionary<string, long> afterApp, Dictionary<string, long> afterFair)
    {
        static (long Booked, string Rows) Gained(Dictionary<string, long> from, Dictionary<string, long> to)
        {
            var booked = to.GetValueOrDefault("bookings") - from.GetValueOrDefault("bookings");
            if (booked <= 0) return (0, "");
            var grew = to.Where(t => t.Value > from.GetValueOrDefault(t.Key))
                .OrderByDescending(t => t.Value - from.GetValueOrDefault(t.Key)).ThenBy(t => t.Key, StringComparer.Ordinal)
                .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {(double)(t.Value - from.GetValueOrDefault(t.Key)) / booked:0.##}"));
            return (booked, string.Join(", ", grew));
        }
        var (apiBooked, apiRows) = Gained(before, afterApp);
        var (fairBooked, fairRows) = Gained(afterApp, afterFair);
        if (apiBooked <= 0) return $"{database}: no booking was created through the API.";
        return string.Create(CultureInfo.InvariantCulture,
            $"{database}: rows written per booking, counted table by table over the warm-ups: through the API ({apiBooked:N0} bookings): {apiRows}; by the fair raw transaction ({fairBooked:N0}): {(fairBooked > 0 ? fairRows : "none")}; the floor writes the bookings row only. The bench's API requests carry no Idempotency-Key (the browser's do: one idempotent_requests row more, stored in two more transactions).");
    }

    private static async Task<string?> CreateBookingAsync(AppServer app, string token, string arrival)
    {
        var (name, phone) = RawText.Guest("139", Interlocked.Increment(ref phones));
        var json = $$"""{"customerName":"{{name}}","customerPhone":"{{phone}}","arrival":"{{arrival}}","partySize":4}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = AppServer.Bearer(token);
        using var answer = await app.Http.SendAsync(request);
        var body = await answer.Content.ReadAsStringAsync();
        return answer.StatusCode == HttpStatusCode.Created ? null : $"{(int)answer.StatusCode} {AppServer.Short(body)}";
    }

    private static async Task<string?> GetRoomsAsync(HttpClient http, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = AppServer.Bearer(token);
        using var answer = await http.SendAsync(request);
        var body = await answer.Content.ReadAsByteArrayAsync();
        return answer.StatusCode == HttpStatusCode.OK && body.Length > 2 ? null : $"{(int)answer.StatusCode} {AppServer.Short(Encoding.UTF8.GetString(body))}";
    }
}

/// <summary>The floor of a read endpoint: Kestrel, one route, a pooled connection, the query, JSON out.</summary>
public sealed class RawEndpoint : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly WebApplication web;
    private readonly ConcurrentBag<IRoomReader> pool;

    public HttpClient Http { get; }

    private RawEndpoint(WebApplication web, ConcurrentBag<IRoomReader> pool, HttpClient http)
    {
        this.web = web;
        this.pool = pool;
        Http = http;
    }

    public static async Task<RawEndpoint> StartAsync(IRawDb db, string venue, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        var port = AppServer.FreePort();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var web = builder.Build();
        var pool = new ConcurrentBag<IRoomReader>();
        web.MapGet("/raw/rooms", async () =>
        {
            if (!pool.TryTake(out var reader)) reader = db.NewRoomReader(venue);
            try { return Results.Json(await reader.ReadAsync(), Json); }
            finally { pool.Add(reader); }
        });
        await web.StartAsync(ct);
        return new RawEndpoint(web, pool, AppServer.NewClient(new Uri($"http://127.0.0.1:{port}")));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await web.StopAsync(CancellationToken.None);
        await web.DisposeAsync();
        foreach (var reader in pool) await reader.DisposeAsync();
    }
}
