using System.Diagnostics;

namespace Encore.Bench;

/// <summary>
/// The app as a venue runs it (README "Running in production"): `dotnet publish -r linux-x64`, which the app's project
/// compiles ReadyToRun, into bench/app. The start and memory figures (issue 15) are a venue server's, and a venue server
/// runs the published build; `--app=build` measures the plain Release build instead (JIT-compiled at every start).
/// </summary>
public static class PublishedApp
{
    public static async Task<string> PublishAsync(string repo, CancellationToken ct)
    {
        var output = Path.Combine(repo, "bench", "app");
        await PublishProjectAsync(repo, "src/Encore.Web", output, ct);
        return Path.Combine(output, "Encore.Web.dll");
    }

    /// <summary>
    /// `dotnet publish` of one project for linux-x64 on the shared runtime, ReadyToRun (Encore's project turns it on
    /// itself; the floor probes are given it here, so that both are compiled the same way).
    /// </summary>
    public static async Task PublishProjectAsync(string repo, string project, string output, CancellationToken ct)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", output, "-nologo", "-v", "q" })
            info.ArgumentList.Add(arg);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new BenchException($"dotnet publish {project} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        Console.WriteLine($"  published {project} ReadyToRun into {output} in {watch.Elapsed.TotalSeconds:0} s");
    }
}
