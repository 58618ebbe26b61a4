using System.Globalization;

namespace Encore.Bench;

/// <summary>
/// Issue 15's start figures: the app started again on the database an earlier start created and seeded (the
/// restart of a venue's server, no migration or seed left to do), timed from starting the process to the first
/// 200 from /health, with its resident memory at that moment; each start stopped before the next.
/// </summary>
public static class Footprint
{
    public static async Task StartsOnExistingAsync(Func<Task<AppServer>> start, int starts, Report report, CancellationToken ct)
    {
        Console.WriteLine($"  start on the existing database, {starts}×");
        try
        {
            for (var i = 0; i < starts; i++)
            {
                await using var app = await start();
                // Read at once: the figure is the memory of a freshly started app, before any request but /health.
                var memory = app.Memory() ?? throw new BenchException($"/proc/{app.Pid}/status is not readable");
                report.Starts.Add(new Report.StartRow(app.StartSeconds, memory.RssKb, memory.HwmKb));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {app.StartSeconds:F2} s to /health, VmRSS {ProcStats.Mb(memory.RssKb):F1} MB"));
            }
        }
        catch (Exception e) when (e is BenchException or HttpRequestException or IOException)
        {
            Console.WriteLine("  " + e.Message);
            report.StartFailure = e.Message;
        }
    }
}
