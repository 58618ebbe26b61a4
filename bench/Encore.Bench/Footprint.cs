using System.Globalization;

namespace Encore.Bench;

/// <summary>
/// Issue 15's start figures: the app started again on the database an earlier start created and seeded (the
/// restart of a venue's server, no migration or seed left to do), timed from starting the process to the first
/// 200 from /health, with its resident memory at that moment and again once its background work is done
/// (<see cref="SettleDelay"/>, then idle); each start stopped before the next.
/// </summary>
public static class Footprint
{
    /// <summary>How long after /health's first answer the settled memory is read (then once the app is idle).</summary>
    public static readonly TimeSpan SettleDelay = TimeSpan.FromSeconds(3);

    public static async Task StartsOnExistingAsync(Func<Task<AppServer>> start, int starts, Report report, CancellationToken ct)
    {
        Console.WriteLine($"  start on the existing database, {starts}×");
        try
        {
            for (var i = 0; i < starts; i++)
            {
                await using var app = await start();
                // Read at once: the figure is the memory of a freshly started app, before any request but /health.
                var memory = app.MemoryNow();
                // And once the start's background work is done: the sweepers make their first pass as the host starts,
                // and finish it after /health has answered (on the demo file, 2026-12-06: 180 MB at the answer, 195 MB
                // a second later, 0.66 s of CPU in between).
                await Task.Delay(SettleDelay, ct);
                await app.WaitIdleAsync(ct);
                var settled = app.MemoryNow();
                report.Starts.Add(new Report.StartRow(app.StartSeconds, memory.RssKb, memory.HwmKb) { Settled = settled });
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {app.StartSeconds:F2} s to /health, VmRSS {ProcStats.Mb(memory.RssKb):F1} MB; {ProcStats.Mb(settled.RssKb):F1} MB once idle"));
            }
        }
        catch (Exception e) when (e is BenchException or HttpRequestException or IOException)
        {
            Console.WriteLine("  " + e.Message);
            report.StartFailure = e.Message;
        }
    }
}
