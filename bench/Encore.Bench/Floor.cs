using System.Globalization;

namespace Encore.Bench;

/// <summary>
/// The frameworks' floor beside "RSS after start" (issue 15): the two probe apps in bench/floor, published as Encore is
/// (ReadyToRun, the same collector and runtime settings: bench/floor/Directory.Build.props) and started as the bench
/// starts Encore (<see cref="AppServer.LaunchAsync"/>), each on the file its first start created; VmRSS at the first 200
/// from /health, and the time to it. `hello` is an empty app; `stack` loads what Encore's start loads from the
/// frameworks (EF Core SQLite with an Identity context, Identity, cookies, Razor Pages, SignalR, OpenAPI, data
/// protection, antiforgery, static assets, 50 minimal API routes made by the request delegate generator as Encore's
/// are) and none of Encore's code. Encore's figures less the stack's are what Encore's own code costs at start.
/// </summary>
public static class Floor
{
    public static readonly string[] Probes = ["hello", "stack"];

    public static async Task RunAsync(string repo, string workDir, Options options, Report report, CancellationToken ct)
    {
        foreach (var probe in Probes)
        {
            var output = Path.Combine(workDir, "floor-" + probe);
            await PublishedApp.PublishProjectAsync(repo, Path.Combine("bench", "floor", probe), output, ct);
            var environment = new Dictionary<string, string>
            {
                ["DB"] = Path.Combine(workDir, $"floor-{probe}.db"),
                ["KEYS_DIR"] = Path.Combine(workDir, $"floor-{probe}-keys"),
            };
            var rss = new List<long>();
            var seconds = new List<double>();
            // Start 0 creates the file (and the keys), as Encore's first start does; like Encore's, it is not counted.
            for (var i = 0; i <= options.Starts; i++)
            {
                await using var app = await AppServer.LaunchAsync(Path.Combine(output, probe + ".dll"), workDir, "floor-" + probe, environment, ct);
                var memory = app.MemoryNow();
                if (i > 0)
                {
                    rss.Add(memory.RssKb);
                    seconds.Add(app.StartSeconds);
                }
            }
            report.Floor.Add(new Report.FloorRow(probe, rss, seconds));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {probe}: VmRSS at the first /health, MB: {string.Join(", ", rss.Select(kb => ProcStats.Mb(kb).ToString("F1", CultureInfo.InvariantCulture)))}; start to /health, s: {string.Join(", ", seconds.Select(x => x.ToString("F2", CultureInfo.InvariantCulture)))}"));
        }
    }
}
