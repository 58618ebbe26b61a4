using System.Diagnostics;
using Encore.Bench;
using Encore.Cluster;

// tests/cluster.sh runs this after building: the proof by default (exit 1 when a check fails), or the 1-vs-3-instance
// figures with --bench (README "Benchmarks"). The repository root is the first argument that is not an option.
var bench = args.Contains("--bench");
var repo = Path.GetFullPath(args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? ".");
var clients = args.FirstOrDefault(a => a.StartsWith("--clients=", StringComparison.Ordinal)) is { } c ? int.Parse(c["--clients=".Length..], CultureInfo.InvariantCulture) : 1500;
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(bench ? 40 : 10));
var ct = cancel.Token;
// The training clock: tonight 18:00 at the demo venue (Asia/Shanghai), so a booking at 19:00 is held until 21:00.
var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
var clockStart = new DateTimeOffset(today.ToDateTime(new TimeOnly(18, 0)), Proof.VenueOffset);
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");

try
{
    if (bench) return await Figures.RunAsync(repo, clockStart, clients, ct);
    var watch = Stopwatch.StartNew();
    await using var cluster = await Cluster.StartAsync(repo, 3, clockStart, ct);
    Console.WriteLine($"Cluster up in {watch.Elapsed.TotalSeconds:F1} s: PostgreSQL primary :{cluster.PrimaryPort} and streaming replica :{cluster.ReplicaPort}, Redis, " +
                      $"instances {string.Join(", ", cluster.Instances.Select(i => $"{i.Name} :{i.Address.Port}"))}, nginx {cluster.Front}");
    var proof = new Proof(cluster, clockStart, ct);
    await proof.RunAsync();
    Console.WriteLine(proof.Failures.Count == 0
        ? $"\nThe cluster proof passed: 8 checks in {watch.Elapsed.TotalSeconds:F0} s"
        : $"\nThe cluster proof FAILED: {string.Join("; ", proof.Failures)}");
    return proof.Failures.Count == 0 ? 0 : 1;
}
catch (ClusterException e)
{
    Console.Error.WriteLine($"The cluster proof could not run: {e.Message}");
    return 1;
}
