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
        Func<AppServer, Task>? alsoWithTheAppUp, CancellationToken ct)
    {
        var clients = options.Clients;
        var bookers = Bookers(clients);
        const string appWriteSide = "app: POST /api/bookings (bearer, validation, audit)";
        const string rawWriteSide = "raw ADO.NET: BEGIN; SELECT count(*) for a duplicate code; INSERT INTO bookings; COMMIT";
        const string appReadSide = "app: GET /api/rooms (bearer)";
        const string endpointSide = "raw ADO.NET endpoint: the same rows as JSON from a bare Kestrel route (no auth)";
        const string inProcessSide = "raw ADO.NET in-process: the same query, no HTTP";
        LoadResult[]? writes = null, reads = null;
        string? failure = null;
        try
        {
            await using var app = await startApp();
            report.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{db.Name}: the app started (migrations and demo seed included) in {app.StartSeconds:F1} s."));
            var tokens = new string[clients];
            for (var i = 0; i < clients; i++) tokens[i] = await app.LoginAsync(bookers[i], AppServer.DemoPassword, ct);
            var arrival = RawText.Local(DateTimeOffset.UtcNow.AddHours(2)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

            var staff = await db.StaffAsync(bookers);
            var writers = Enumerable.Range(0, clients).Select(i => db.NewBookingWriter(staff, i)).ToList();
            var readers = Enumerable.Range(0, clients).Select(_ => db.NewRoomReader(staff.VenueId)).ToList();
            await using var endpoint = await RawEndpoint.StartAsync(db, staff.VenueId, ct);
            try
            {
                Console.WriteLine($"  {db.Name}: write path, the API and raw ADO.NET taking turns, {clients} clients");
                Func<int, Func<Task<string?>>> appWrite = i => () => CreateBookingAsync(app, tokens[i], arrival);
                // The API's warm-up alone shows what one booking writes.
                var before = await db.CountRowsAsync();
                await Load.RunAsync(clients, options.Warmup, TimeSpan.Zero, appWrite, ct);
                await Task.Delay(500, ct); // the board notices of the last bookings
                report.Notes.Add(WrittenPerBooking(db.Name, before, await db.CountRowsAsync()));
                writes = await TakeTurnsAsync(app, clients, options, [(appWriteSide, appWrite, false), (rawWriteSide, i => writers[i].RunAsync, true)], ct);

                Console.WriteLine($"  {db.Name}: read path, the API and raw ADO.NET taking turns, {clients} clients");
                reads = await TakeTurnsAsync(app, clients, options,
                [
                    (appReadSide, i => () => GetRoomsAsync(app.Http, "/api/rooms", tokens[i]), true),
                    (endpointSide, _ => () => GetRoomsAsync(endpoint.Http, "/raw/rooms", null), true),
                    (inProcessSide, i => async () => (await readers[i].ReadAsync()).Count > 0 ? null : "no rooms", true),
                ], ct);
            }
            finally
            {
                foreach (var w in writers) await w.DisposeAsync();
                foreach (var r in readers) await r.DisposeAsync();
            }

            if (alsoWithTheAppUp is not null) await alsoWithTheAppUp(app);
        }
        catch (Exception e) when (e is BenchException or HttpRequestException or IOException or System.Data.Common.DbException or InvalidOperationException)
        {
            failure = e.Message;
            Console.WriteLine("  " + e.Message);
        }

        string? Ratio(LoadResult[]? results, int i) => results is null ? null : Report.Ratio(results[0].PerSecond, results[i].PerSecond);
        report.Write.Add(new Report.ThroughputRow(db.Name, appWriteSide, writes?[0], null, failure));
        report.Write.Add(new Report.ThroughputRow(db.Name, rawWriteSide, writes?[1], Ratio(writes, 1), failure));
        report.Read.Add(new Report.ThroughputRow(db.Name, appReadSide, reads?[0], null, failure));
        report.Read.Add(new Report.ThroughputRow(db.Name, endpointSide, reads?[1], Ratio(reads, 1), failure));
        report.Read.Add(new Report.ThroughputRow(db.Name, inProcessSide, reads?[2], Ratio(reads, 2), failure));
    }

    /// <summary>
    /// Each side warms up, then the sides take turns in short windows (ABBA order), so that on a shared machine
    /// both meet the same moments; before each window the app is let finish what it does after answering.
    /// Each side's windows are added up.
    /// </summary>
    private static async Task<LoadResult[]> TakeTurnsAsync(AppServer app, int clients, Options options,
        IReadOnlyList<(string Name, Func<int, Func<Task<string?>>> Client, bool WarmUp)> sides, CancellationToken ct)
    {
        foreach (var side in sides.Where(s => s.WarmUp)) await Load.RunAsync(clients, options.Warmup, TimeSpan.Zero, side.Client, ct);
        var windows = sides.Select(_ => new List<LoadResult>()).ToList();
        var window = options.Window / options.Rounds;
        for (var round = 0; round < options.Rounds; round++)
        {
            var order = Enumerable.Range(0, sides.Count);
            foreach (var i in round % 2 == 0 ? order : order.Reverse())
            {
                await app.WaitIdleAsync(ct);
                windows[i].Add(await Load.RunAsync(clients, TimeSpan.Zero, window, sides[i].Client, ct));
            }
        }
        var merged = windows.Select(LoadResult.Merge).ToArray();
        for (var i = 0; i < sides.Count; i++)
            Console.WriteLine($"    {sides[i].Name}: {merged[i].PerSecond:F1} ok/s, {merged[i].Errors} errors");
        return merged;
    }

    /// <summary>What the database gained per booking the API created, table by table.</summary>
    private static string WrittenPerBooking(string database, Dictionary<string, long> before, Dictionary<string, long> after)
    {
        var booked = after.GetValueOrDefault("bookings") - before.GetValueOrDefault("bookings");
        if (booked <= 0) return $"{database}: no booking was created through the API.";
        var grew = after.Where(t => t.Value > before.GetValueOrDefault(t.Key))
            .OrderByDescending(t => t.Value - before.GetValueOrDefault(t.Key)).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {(double)(t.Value - before.GetValueOrDefault(t.Key)) / booked:0.##}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{database}: per booking created through the API (counted over the API's warm-up, {booked:N0} bookings) the database gained rows in: {string.Join(", ", grew)}. The raw transaction writes the bookings row only.");
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
