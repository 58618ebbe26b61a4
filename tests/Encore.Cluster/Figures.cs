using System.Diagnostics;
using System.Net;
using Encore.Bench;

namespace Encore.Cluster;

/// <summary>
/// The bench's 1-vs-3-instance rows (issue 21): the same cluster with one instance, then three, behind nginx. The write
/// path: 8 clients booking through nginx for 20 s (after 3 s of warm-up). The fan-out: many board screens spread evenly
/// over the instances (each straight to its instance), the desk's assign and cancel through the first instance, every
/// screen's roomChanged timed from the request.
/// </summary>
public static class Figures
{
    private static readonly string[] Watchers = ["fm01", "dh01", "dh02", "h01", "h03", "c01", "m01", "m02", "m03", "m04", "m05", "m06", "m07", "m08"];

    public static async Task<int> RunAsync(string repo, DateTimeOffset clockStart, int clients, CancellationToken ct)
    {
        var rows = new List<string>();
        foreach (var instances in new[] { 1, 3 })
        {
            Console.WriteLine($"\n{instances} instance(s): starting the cluster");
            await using var cluster = await Cluster.StartAsync(repo, instances, clockStart, ct);
            var tokens = new Dictionary<string, string>();
            foreach (var badge in Watchers.Append("h02")) tokens[badge] = await Api.LoginAsync(cluster.FrontHttp, badge, ct);

            var guest = 0;
            var cpuBefore = cluster.Instances.Sum(i => ProcStats.CpuMs(i.Process!.Pid) ?? 0);
            var watch = Stopwatch.StartNew();
            var writes = await Load.RunAsync(8, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(20), client => async () =>
            {
                var n = Interlocked.Increment(ref guest);
                var answer = await Api.SendAsync(cluster.FrontHttp, HttpMethod.Post, "/api/bookings", tokens[$"m0{client % 8 + 1}"], Api.Booking(n, clockStart.AddHours(1)), ct);
                return answer.Status == HttpStatusCode.Created ? (string?)null : $"{(int)answer.Status} {answer.Text[..Math.Min(120, answer.Text.Length)]}";
            }, ct);
            var cpuMs = cluster.Instances.Sum(i => ProcStats.CpuMs(i.Process!.Pid) ?? 0) - cpuBefore;
            var cpuPerBooking = cpuMs / Math.Max(1, writes.OkStarted + (int)(3 * writes.PerSecond));
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {instances} | booking create through nginx, 8 clients | {writes.PerSecond:F1}/s | p50 {writes.P50Ms:F1} ms, p99 {writes.P99Ms:F1} ms | {writes.Errors} errors{(writes.FirstError is { } first ? $" (first: {first})" : "")} | app CPU ≈ {cpuPerBooking:F1} ms per booking |"));
            Console.WriteLine(rows[^1]);

            var targets = Enumerable.Range(0, clients).Select(i => cluster.Instances[i % instances].Address).ToList();
            watch.Restart();
            await using var screens = await Screens.ConnectAsync(targets, [.. Watchers.Select(w => tokens[w])], ct);
            var connect = watch.Elapsed.TotalSeconds;
            var free = (await Api.OkAsync(cluster.FrontHttp, HttpMethod.Get, "/api/rooms", tokens["h02"], null, ct)).EnumerateArray()
                .Where(r => r.Str("state") == "free").Select(r => r.Str("number")!).ToList();
            var actions = 5;
            var deliveries = await FanOut.MeasureAsync(screens, cluster.Instances[0].Http, tokens["h02"], actions, async () =>
            {
                var n = Interlocked.Increment(ref guest);
                var booking = await Api.OkAsync(cluster.FrontHttp, HttpMethod.Post, "/api/bookings", tokens["m01"], Api.Booking(n, clockStart.AddHours(1)), ct);
                return booking.Str("id")!;
            }, free, TimeSpan.FromSeconds(10), ct);
            var all = deliveries.ByClient.SelectMany(d => d).ToList();
            var heard = all.Where(d => !double.IsNaN(d)).ToList();
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {instances} | board fan-out, {clients:N0} screens ({clients / instances:N0} per instance), {2 * actions} actions | {all.Count:N0} deliveries, {all.Count - heard.Count} missing | p50 {Percentiles.Of(heard, 50):F1} ms, p99 {Percentiles.Of(heard, 99):F1} ms, max {heard.DefaultIfEmpty(double.NaN).Max():F1} ms | connected in {connect:F1} s | desk request p50 {Percentiles.Of(deliveries.RequestMs, 50):F1} ms |"));
            Console.WriteLine(rows[^1]);
        }
        Console.WriteLine($"\nMachine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}; the clients run in this process on the same machine.");
        Console.WriteLine("| instances | figure | rate / deliveries | latency | | |");
        Console.WriteLine("|---:|---|---|---|---|---|");
        rows.ForEach(Console.WriteLine);
        return 0;
    }
}
