namespace Encore.Bench;

/// <summary>How much to measure: a full run (about 10 minutes on 2 cores) or --quick (about 2).</summary>
/// <param name="AppWarmup">The app's shortest warm-up before its write and read windows: 3 s even with --quick; it goes on
/// until the tiered compiler, which recompiles hot methods in the first seconds of load, has gone quiet (<see cref="MaxAppWarmup"/>).</param>
public sealed record Options(bool Quick, int Clients, TimeSpan Warmup, TimeSpan AppWarmup, TimeSpan Window, int Rounds, int BoardClients, int BoardActions,
    int Venues, int StandingsRepeats, int Starts, IReadOnlySet<string> Parts)
{
    /// <summary>
    /// The longest the app warms up for its JIT to go quiet (Throughput.WarmUpAppAsync). On 2 cores the SQLite write path
    /// went quiet after 18 s; the PostgreSQL one, the app and the server sharing the cores, still spent 23–25% of the
    /// app's CPU in the JIT after 45 s (2026-12-05, three runs).
    /// </summary>
    public TimeSpan MaxAppWarmup => Quick ? TimeSpan.FromSeconds(15) : TimeSpan.FromSeconds(90);

    /// <summary>Whether the app runs as published (ReadyToRun, as a venue runs it) or as the plain Release build (--app=build).</summary>
    public bool Published { get; init; } = true;

    /// <summary>Desk actions on the live board before the counted ones (<see cref="LiveBoard"/>: the app's JIT warm-up).</summary>
    public int BoardWarmupActions => Quick ? 3 : 10;

    public static readonly string[] AllParts = ["sqlite", "floor", "postgres", "board", "standings", "search", "badinput", "import", "reports"];

    /// <summary>What runs without --only: the figures of issue 7 and 6 and the frameworks' floor beside issue 15's start memory; the bad-input run, the big import (issue 12) and the reports (issue 19) are asked for by name.</summary>
    public static readonly string[] DefaultParts = ["sqlite", "floor", "postgres", "board", "standings", "search"];

    public static Options Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var only = args.FirstOrDefault(a => a.StartsWith("--only=", StringComparison.Ordinal))?["--only=".Length..]
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = args.Where(a => a is not ("--quick" or "--app=build" or "--app=published") && !a.StartsWith("--only=", StringComparison.Ordinal))
            .Concat(only?.Where(p => !AllParts.Contains(p)) ?? []).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"unknown argument {unknown[0]}; usage: [--quick] [--app=published|build] [--only={string.Join(',', AllParts)}]");
        var parts = new HashSet<string>(only ?? DefaultParts);
        var options = quick
            ? new Options(true, 8, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4), 2, 200, 15, 30, 9, 1, parts)
            : new Options(false, 8, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(15), 5, 1000, 50, 100, 31, 3, parts);
        return options with { Published = !args.Contains("--app=build") };
    }
}
