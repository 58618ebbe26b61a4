using System.Globalization;
using System.Text;

namespace Encore.Bench;

/// <summary>Everything measured in one run, printed as Markdown tables (console and bench/results/*.md).</summary>
public sealed class Report(Machine machine, bool quick, DateTimeOffset started)
{
    /// <param name="AppCpuMs">The app's CPU (utime + stime) per successful request, on the app's rows.</param>
    /// <param name="ServerCpuMs">The database server's CPU per successful request (PostgreSQL's processes), when readable.</param>
    public sealed record ThroughputRow(string Database, string Side, LoadResult? Result, string? Ratio, string? Failure,
        double? AppCpuMs = null, double? ServerCpuMs = null);
    public sealed record BoardRow(string Action, int Actions, int Clients, int Delivered, int Missing, double P50, double P99, double Max, double HttpP50, string? Failure);
    public sealed record StandingsRow(string Data, long Sessions, double AppMs, double SqlMs, double AppMin, double SqlMin, string Match, string? Failure)
    {
        /// <summary>How many calls of each warmed the row up before its timed calls.</summary>
        public int WarmupCalls { get; init; }
    }

    /// <summary>The app's resident memory at one moment (VmRSS) and its peak until then (VmHWM), in kB.</summary>
    public sealed record MemoryRow(string When, long RssKb, long HwmKb);
    /// <summary>One start of the app on the database an earlier start created and seeded: wall time to the first 200 from /health, memory then.</summary>
    public sealed record StartRow(double Seconds, long RssKb, long HwmKb)
    {
        /// <summary>VmRSS and VmHWM once the start's background work was done (<see cref="Footprint.SettleDelay"/>, then idle).</summary>
        public (long RssKb, long HwmKb)? Settled { get; init; }
    }

    /// <summary>One of the frameworks' floor probes (<see cref="Bench.Floor"/>): VmRSS in kB at the first /health of each counted start, and its wall time to that answer.</summary>
    public sealed record FloorRow(string Probe, IReadOnlyList<long> RssKb, IReadOnlyList<double> Seconds);

    /// <summary>The figures of issue 15's goals that come from the throughput parts, per database.</summary>
    public sealed class GoalFigures
    {
        public Dictionary<string, double> WriteRatio { get; } = [];
        public Dictionary<string, double> BookingCpuMs { get; } = [];
        public Dictionary<string, double> BoardRatio { get; } = [];
    }

    public GoalFigures Goals { get; } = new();
    public List<MemoryRow> Memory { get; } = [];
    public List<StartRow> Starts { get; } = [];
    public string? StartFailure { get; set; }
    public List<FloorRow> Floor { get; } = [];
    public string? FloorFailure { get; set; }
    public List<ThroughputRow> Write { get; } = [];
    public List<ThroughputRow> Read { get; } = [];
    public List<BoardRow> Board { get; } = [];
    public List<StandingsRow> Standings { get; } = [];
    public List<string> Durability { get; } = [];
    public List<string> Notes { get; } = [];
    public List<string> Growth { get; } = [];
    public List<string> Search { get; } = [];
    public List<string> BadInput { get; } = [];
    public List<string> Import { get; } = [];

    private static string F(double value, int decimals = 1) =>
        double.IsNaN(value) ? "–" : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Cpu(double? ms) => ms is { } v ? F(v, 2) : "";

    public static string Ratio(double app, double raw) => raw <= 0 || double.IsNaN(app) || double.IsNaN(raw) ? "–" : F(app / raw, 2);

    public string Render(string loadAtEnd, TimeSpan took)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"# Encore bench, {started:yyyy-MM-dd HH:mm} UTC{(quick ? " (--quick)" : "")}");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine.Describe(loadAtEnd)}. The app, the load generator and the databases share these cores. The run took {took.TotalMinutes:F1} min.");
        s.AppendLine();
        foreach (var d in Durability) s.AppendLine(CultureInfo.InvariantCulture, $"- {d}");
        s.AppendLine();
        RenderGoals(s, loadAtEnd);

        s.AppendLine("## 1. Write path: booking create, through the API vs raw ADO.NET (same database, same durability)");
        s.AppendLine();
        s.AppendLine("The fair raw transaction writes every row one API booking writes (its ratio in bold is the goal's); the one-row transaction is the floor.");
        s.AppendLine();
        Throughput(s, Write, "app ÷ this");
        s.AppendLine("## 2. Read path: the room board, through the API vs raw ADO.NET reading the same rows");
        s.AppendLine();
        Throughput(s, Read, "app ÷ this");

        s.AppendLine("## Memory and start (the app's process, /proc/<pid>/status)");
        s.AppendLine();
        s.AppendLine("| moment | VmRSS MB | VmHWM (peak) MB |");
        s.AppendLine("|---|---:|---:|");
        for (var i = 0; i < Starts.Count; i++)
        {
            s.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| start {i + 1} on an existing database, when /health first answered 200 after {Starts[i].Seconds:F2} s | {F(ProcStats.Mb(Starts[i].RssKb))} | {F(ProcStats.Mb(Starts[i].HwmKb))} |"));
            if (Starts[i].Settled is { } settled)
                s.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| start {i + 1}, once its background work was done ({Footprint.SettleDelay.TotalSeconds:F0} s after that answer, then idle) | {F(ProcStats.Mb(settled.RssKb))} | {F(ProcStats.Mb(settled.HwmKb))} |"));
        }
        if (StartFailure is not null) s.AppendLine(CultureInfo.InvariantCulture, $"| start on an existing database | – | not measured: {StartFailure} |");
        foreach (var m in Memory)
            s.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {m.When} | {F(ProcStats.Mb(m.RssKb))} | {F(ProcStats.Mb(m.HwmKb))} |"));
        s.AppendLine();

        s.AppendLine("## 3. Live board: host action → `roomChanged` at every connected board (SQLite)");
        s.AppendLine();
        s.AppendLine("| action | actions | clients | delivered | missing | p50 ms | p99 ms | max ms | the action's HTTP answer, p50 ms |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var b in Board)
            s.AppendLine(b.Failure is not null
                ? $"| {b.Action} | – | – | – | – | – | – | – | not measured: {b.Failure} |"
                : string.Create(CultureInfo.InvariantCulture, $"| {b.Action} | {b.Actions} | {b.Clients} | {b.Delivered} | {b.Missing} | {F(b.P50)} | {F(b.P99)} | {F(b.Max)} | {F(b.HttpP50)} |"));
        s.AppendLine();

        s.AppendLine("## 4. Month-end standings: GET /api/performance vs the same aggregate in hand-written SQL (SQLite)");
        s.AppendLine();
        s.AppendLine("| data in the database | room_sessions rows | API median ms (fastest) | hand SQL median ms (fastest) | API ÷ SQL, medians (fastest) | same figures |");
        s.AppendLine("|---|---:|---:|---:|---:|---|");
        foreach (var r in Standings)
            s.AppendLine(r.Failure is not null
                ? $"| {r.Data} | – | – | – | – | not measured: {r.Failure} |"
                : string.Create(CultureInfo.InvariantCulture, $"| {r.Data} | {r.Sessions:N0} | {F(r.AppMs)} ({F(r.AppMin)}) | {F(r.SqlMs, 2)} ({F(r.SqlMin, 2)}) | {Ratio(r.AppMs, r.SqlMs)} ({Ratio(r.AppMin, r.SqlMin)}) | {r.Match} |"));
        s.AppendLine();
        foreach (var g in Growth) s.AppendLine(CultureInfo.InvariantCulture, $"- {g}");
        if (Growth.Count > 0) s.AppendLine();
        if (Search.Count > 0)
        {
            s.AppendLine("## 5. Customer search on many customers: GET /api/customers?q= (SQLite)");
            s.AppendLine();
            foreach (var line in Search) s.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
            s.AppendLine();
        }

        if (BadInput.Count > 0)
        {
            s.AppendLine("## 6. Generated bad requests: bodies, query strings and route values over every operation (SQLite)");
            s.AppendLine();
            foreach (var line in BadInput) s.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
            s.AppendLine();
        }

        if (Import.Count > 0)
        {
            s.AppendLine("## 7. A 20,000-line customer import and a single create meanwhile (SQLite)");
            s.AppendLine();
            foreach (var line in Import) s.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
            s.AppendLine();
        }

        if (Notes.Count > 0)
        {
            s.AppendLine("## Notes");
            s.AppendLine();
            foreach (var n in Notes) s.AppendLine(CultureInfo.InvariantCulture, $"- {n}");
        }
        return s.ToString();
    }

    private static void Throughput(StringBuilder s, List<ThroughputRow> rows, string ratioHeader)
    {
        s.AppendLine(CultureInfo.InvariantCulture, $"| database | side | clients | ok/s | p50 ms | p99 ms | errors | app CPU ms/req | DB server CPU ms/req | {ratioHeader} |");
        s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            if (r.Result is not { } x)
            {
                s.AppendLine(CultureInfo.InvariantCulture, $"| {r.Database} | {r.Side} | – | – | – | – | – | – | – | not measured: {r.Failure} |");
                continue;
            }
            s.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Database} | {r.Side} | {x.Clients} | {F(x.PerSecond)} | {F(x.P50Ms, 2)} | {F(x.P99Ms, 2)} | {x.Errors} | {Cpu(r.AppCpuMs)} | {Cpu(r.ServerCpuMs)} | {r.Ratio ?? ""} |"));
        }
        s.AppendLine();
        foreach (var r in rows.Where(r => r.Result is { FirstError: not null }))
            s.AppendLine(CultureInfo.InvariantCulture, $"- {r.Database}, {r.Side}: first error: `{AppServer.Short(r.Result!.FirstError!).Replace("`", "'", StringComparison.Ordinal).ReplaceLineEndings(" ")}`");
        if (rows.Any(r => r.Result is { FirstError: not null })) s.AppendLine();
    }

    /// <summary>
    /// Issue 15's goals, one row each, from this run's figures: what was measured, the goal, and whether it was met
    /// ("not measured" when the part did not run or could not).
    /// </summary>
    private void RenderGoals(StringBuilder s, string loadAtEnd)
    {
        s.AppendLine("## Goals (issue 15)");
        s.AppendLine();
        // The goals are for an idle machine: the load beside them says how far this run was from that.
        s.AppendLine(CultureInfo.InvariantCulture, $"Load average (1/5/15 min) {machine.LoadAverage} at the start, {loadAtEnd} at the end, on {machine.Cores} cores; the goals are for an idle machine.");
        s.AppendLine();
        if (quick) s.AppendLine("A --quick run: shorter windows, 200 live-board clients and fewer venues than the goals name; a full run decides.");
        if (quick) s.AppendLine();
        s.AppendLine("| figure | measured | goal | met |");
        s.AppendLine("|---|---:|---|---|");
        void Row(string figure, double? value, string shown, string goal, Func<double, bool> met) =>
            s.AppendLine(CultureInfo.InvariantCulture, $"| {figure} | {(value is null ? "–" : shown)} | {goal} | {(value is { } v && !double.IsNaN(v) ? (met(v) ? "yes" : "no") : "not measured")} |");
        double? Get(Dictionary<string, double> d, string db) => d.TryGetValue(db, out var v) && !double.IsNaN(v) && !double.IsInfinity(v) ? v : null;
        string F2(double? v) => v is { } x ? F(x, 2) : "–";
        // Two decimals, or three where two would round onto the goal's bound (0.598 read "0.60 … no" on 2026-12-06).
        string Near(double? v, double bound) => v is { } x && Math.Abs(x - bound) < 0.005 ? F(x, 3) : F2(v);

        foreach (var (db, label) in new[] { ("SQLite", "SQLite FULL"), ("PostgreSQL", "PostgreSQL") })
        {
            var ratio = Get(Goals.WriteRatio, db);
            Row($"booking create, app ÷ fair raw transaction, {label}, {Write.FirstOrDefault(r => r.Result is not null)?.Result?.Clients ?? 8} clients", ratio, Near(ratio, 0.6), "≥ 0.6", v => v >= 0.6);
        }
        foreach (var db in new[] { "SQLite", "PostgreSQL" })
        {
            var cpu = Get(Goals.BookingCpuMs, db);
            Row($"CPU ms per API booking (the app's process), {db}", cpu, F2(cpu), "≤ 2", v => v <= 2);
        }
        foreach (var db in new[] { "SQLite", "PostgreSQL" })
        {
            var ratio = Get(Goals.BoardRatio, db);
            Row($"room board, app ÷ bare raw endpoint, {db}", ratio, Near(ratio, 0.85), "≥ 0.85", v => v >= 0.85);
        }

        // Standings rows in the order Standings.cs adds them: the venue's year, the same venue with its history
        // doubled, then the many-venue database (the row with the most sessions).
        var standings = Standings.Where(r => r.Failure is null && !double.IsNaN(r.AppMs) && !double.IsNaN(r.SqlMs) && r.SqlMs > 0).ToList();
        var oneYear = Standings.FirstOrDefault() is { Failure: null } first && standings.Contains(first) ? first : null;
        var doubled = Standings.Count > 1 && standings.Contains(Standings[1]) ? Standings[1] : null;
        var many = standings.Count >= 3 ? standings.MaxBy(r => r.Sessions) : null;
        double? StandingsRatio(StandingsRow? r) => r is null ? null : r.AppMs / r.SqlMs;
        var one = StandingsRatio(oneYear);
        Row("standings, API ÷ hand SQL (medians), 1 venue-year", one, Near(one, 2), "≤ 2", v => v <= 2);
        var hundred = StandingsRatio(many);
        Row(string.Create(CultureInfo.InvariantCulture, $"standings, API ÷ hand SQL (medians), many venue-years{(many is null ? "" : $" ({many.Sessions:N0} room_sessions rows)")}"),
            hundred, Near(hundred, 2), "≤ 2", v => v <= 2);
        double? growth = oneYear is not null && doubled is not null && oneYear.AppMs > 0 ? doubled.AppMs / oneYear.AppMs : null;
        Row($"standings flat when history doubles: API median, 2 years ÷ 1 year, the two files timed in one window{(oneYear is not null && doubled is not null ? $" (hand SQL ×{F(doubled.SqlMs / oneYear.SqlMs, 2)})" : "")}",
            growth, growth is { } g ? "×" + Near(g, 1.2) : "–", "flat (taken as ≤ ×1.2)", v => v <= 1.2);

        var board = Board.Where(b => b.Failure is null && b.Clients > 0).ToList();
        var clients = board.Count > 0 ? board.Min(b => b.Clients) : 0;
        double? p99 = board.Count > 0 && clients >= 1000 ? board.Max(b => b.P99) : null;
        var p99Shown = board.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"{F(board.Max(b => b.P99))} ms ({clients:N0} clients)") : "–";
        s.AppendLine(CultureInfo.InvariantCulture, $"| live board, 1,000 SignalR clients, action → every client: p99 (the slower action) | {p99Shown} | < 100 ms | {(p99 is { } p ? (p < 100 ? "yes" : "no") : board.Count > 0 ? $"not measured at 1,000 clients" : "not measured")} |");
        double? missing = board.Count > 0 && clients >= 1000 ? board.Sum(b => b.Missing) : null;
        var missingShown = board.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"{board.Sum(b => b.Missing):N0} of {board.Sum(b => b.Missing + b.Delivered):N0}") : "–";
        s.AppendLine(CultureInfo.InvariantCulture, $"| live board, 1,000 SignalR clients: deliveries missing after 10 s | {missingShown} | none | {(missing is { } m ? (m == 0 ? "yes" : "no") : board.Count > 0 ? "not measured at 1,000 clients" : "not measured")} |");

        double? startRss = Starts.Count > 0 ? ProcStats.Mb(Median(Starts.Select(x => (double)x.RssKb))) : null;
        Row(string.Create(CultureInfo.InvariantCulture, $"RSS after start on an existing database (median of {Starts.Count})"), startRss, F(startRss ?? double.NaN) + " MB", "≤ 150 MB", v => v <= 150);
        double? benchRss = Memory.Count > 0 ? ProcStats.Mb(Memory.Max(m => m.RssKb)) : null;
        Row($"RSS after the {(quick ? "--quick" : "full")} bench (the larger of the app's runs: {string.Join(", ", Memory.Select(m => m.When.Split(':')[0]))})", benchRss, F(benchRss ?? double.NaN) + " MB", "≤ 350 MB", v => v <= 350);
        double? start = Starts.Count > 0 ? Median(Starts.Select(x => x.Seconds)) : null;
        Row(string.Create(CultureInfo.InvariantCulture, $"start to /health on an existing database (median of {Starts.Count})"), start, F(start ?? double.NaN, 2) + " s", "≤ 1 s", v => v <= 1);
        s.AppendLine();
        RenderStartMemory(s, startRss, start);
    }

    /// <summary>
    /// Beside "RSS after start", no goal of their own: the memory once the start's background work is done, and the
    /// frameworks' floor the goal stands on.
    /// </summary>
    private void RenderStartMemory(StringBuilder s, double? startRss, double? startSeconds)
    {
        var settled = Starts.Where(x => x.Settled is not null).Select(x => (double)x.Settled!.Value.RssKb).ToList();
        if (settled.Count > 0)
        {
            s.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"- RSS after start is read at the first 200 from /health. The same starts {Footprint.SettleDelay.TotalSeconds:F0} s later, once idle (the background sweepers' first pass done): {F(ProcStats.Mb(Median(settled)))} MB (median of {settled.Count})."));
            s.AppendLine();
        }
        if (FloorFailure is not null)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"- The frameworks' floor at start: not measured: {FloorFailure}");
            s.AppendLine();
            return;
        }
        if (Floor.Count == 0) return;
        var stack = Floor.FirstOrDefault(r => r.Probe == "stack");
        var hello = Floor.FirstOrDefault(r => r.Probe == "hello");
        // One line per figure the probes share with Encore's start: each probe's median and its starts, then Encore's distance above the stack probe.
        void FloorLine(string intro, Func<FloorRow, IEnumerable<double>> values, Func<double, string> format, string unit, string stackLabel, double? encore, string above)
        {
            double MedianOf(FloorRow r) => Median(values(r));
            string Of(FloorRow r) => $"{format(MedianOf(r))} {unit} ({string.Join(", ", values(r).Select(format))})";
            s.Append(intro);
            s.Append(string.Join("; ", new[] { hello is null ? null : $"an empty app {Of(hello)}", stack is null ? null : $"{stackLabel} {Of(stack)}" }.Where(x => x is not null)));
            if (stack is not null && encore is { } value)
                s.Append(CultureInfo.InvariantCulture, $". Encore's start is {format(value - MedianOf(stack))} {unit} {above}");
            s.AppendLine(".");
            s.AppendLine();
        }
        FloorLine("- The frameworks' floor beside RSS after start (bench/floor's probes, published and started as Encore is, VmRSS at the first 200 from /health, median of each probe's starts): ",
            r => r.RssKb.Select(kb => ProcStats.Mb(kb)), mb => F(mb), "MB", "the frameworks Encore's start loads, with none of its code,", startRss, "above that floor");
        // The same starts timed: how much of "start to /health" the frameworks take on this machine today, which moves
        // from day to day with the machine's speed (README, issue 15). A reference more than a strict floor: the probe
        // has 50 routes and one page against Encore's ~350 and 55, but builds its small model at run time.
        FloorLine("- The same probes' starts beside start to /health (wall time to the first 200, median): ",
            r => r.Seconds, seconds => F(seconds, 2), "s", "the frameworks Encore's start loads", startSeconds,
            "above the frameworks' (the probe builds its small EF model at run time; Encore's comes compiled)");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
