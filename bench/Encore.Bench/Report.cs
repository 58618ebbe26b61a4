using System.Globalization;
using System.Text;

namespace Encore.Bench;

/// <summary>Everything measured in one run, printed as Markdown tables (console and bench/results/*.md).</summary>
public sealed class Report(Machine machine, bool quick, DateTimeOffset started)
{
    public sealed record ThroughputRow(string Database, string Side, LoadResult? Result, string? Ratio, string? Failure);
    public sealed record BoardRow(string Action, int Actions, int Clients, int Delivered, int Missing, double P50, double P99, double Max, double HttpP50, string? Failure);
    public sealed record StandingsRow(string Data, long Sessions, double AppMs, double SqlMs, double AppMin, double SqlMin, string Match, string? Failure);

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

        s.AppendLine("## 1. Write path: booking create, through the API vs raw ADO.NET (same database, same durability)");
        s.AppendLine();
        Throughput(s, Write, "app ÷ raw");
        s.AppendLine("## 2. Read path: the room board, through the API vs raw ADO.NET reading the same rows");
        s.AppendLine();
        Throughput(s, Read, "app ÷ this");

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
        s.AppendLine(CultureInfo.InvariantCulture, $"| database | side | clients | ok/s | p50 ms | p99 ms | errors | {ratioHeader} |");
        s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            if (r.Result is not { } x)
            {
                s.AppendLine(CultureInfo.InvariantCulture, $"| {r.Database} | {r.Side} | – | – | – | – | – | not measured: {r.Failure} |");
                continue;
            }
            s.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Database} | {r.Side} | {x.Clients} | {F(x.PerSecond)} | {F(x.P50Ms, 2)} | {F(x.P99Ms, 2)} | {x.Errors} | {r.Ratio ?? ""} |"));
        }
        s.AppendLine();
        foreach (var r in rows.Where(r => r.Result is { FirstError: not null }))
            s.AppendLine(CultureInfo.InvariantCulture, $"- {r.Database}, {r.Side}: first error: `{AppServer.Short(r.Result!.FirstError!).Replace("`", "'", StringComparison.Ordinal).ReplaceLineEndings(" ")}`");
        if (rows.Any(r => r.Result is { FirstError: not null })) s.AppendLine();
    }
}
