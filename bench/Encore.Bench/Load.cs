using System.Collections.Concurrent;
using System.Diagnostics;

namespace Encore.Bench;

/// <summary>Rate, latency and errors of one measured window.</summary>
/// <remarks><see cref="OkStarted"/> also counts the successes that started in the window and ended after it: the
/// requests whose work a CPU reading from the window's start to the last answer holds.</remarks>
public sealed record LoadResult(int Clients, double Seconds, int Ok, int Errors, double[] LatenciesMs, string? FirstError, int OkStarted = 0)
{
    public double PerSecond => Seconds <= 0 ? 0 : Ok / Seconds;
    public double P50Ms => Percentiles.Of(LatenciesMs, 50);
    public double P99Ms => Percentiles.Of(LatenciesMs, 99);

    /// <summary>Several windows of the same side as one: their time, answers and latencies added up.</summary>
    public static LoadResult Merge(IReadOnlyList<LoadResult> windows) => new(
        windows[0].Clients, windows.Sum(w => w.Seconds), windows.Sum(w => w.Ok), windows.Sum(w => w.Errors),
        windows.SelectMany(w => w.LatenciesMs).ToArray(), windows.Select(w => w.FirstError).FirstOrDefault(e => e is not null),
        windows.Sum(w => w.OkStarted));
}

public static class Percentiles
{
    /// <summary>Nearest-rank percentile of an unsorted sample (NaN when empty).</summary>
    public static double Of(IReadOnlyCollection<double> sample, double p)
    {
        if (sample.Count == 0) return double.NaN;
        var sorted = sample.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>
/// A closed loop: each client sends its next operation as soon as the previous one answered. Operations that
/// start during the warm-up are not counted; those that start in the window and end before its close are.
/// One operation returns null when it succeeded, or a short description of what went wrong.
/// </summary>
public static class Load
{
    public static async Task<LoadResult> RunAsync(int clients, TimeSpan warmup, TimeSpan window,
        Func<int, Func<Task<string?>>> clientFactory, CancellationToken ct)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var okStarted = 0;
        string? firstError = null;
        var started = Stopwatch.GetTimestamp();
        var windowStart = started + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var windowEnd = windowStart + (long)(window.TotalSeconds * Stopwatch.Frequency);
        var ops = Enumerable.Range(0, clients).Select(clientFactory).ToList();

        async Task Loop(Func<Task<string?>> op)
        {
            while (!ct.IsCancellationRequested)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (t0 >= windowEnd) return;
                string? error;
                try { error = await op(); }
                catch (Exception e) when (!ct.IsCancellationRequested) { error = e.GetType().Name + ": " + e.Message; }
                var t1 = Stopwatch.GetTimestamp();
                if (t0 < windowStart) continue;
                if (error is null) Interlocked.Increment(ref okStarted);
                if (t1 > windowEnd) continue;
                if (error is null) latencies.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
                else
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, error, null);
                }
            }
        }

        // A dedicated thread per client: synchronous work (Microsoft.Data.Sqlite waiting for the write lock)
        // then never starves the thread pool that the HTTP and SignalR clients share.
        var tasks = ops.Select(op => Task.Factory.StartNew(() => Loop(op), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()).ToList();
        await Task.WhenAll(tasks);
        var sample = latencies.ToArray();
        return new LoadResult(clients, window.TotalSeconds, sample.Length, errors, sample, firstError, okStarted);
    }
}
