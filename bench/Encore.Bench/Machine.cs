using System.Globalization;
using System.Runtime.InteropServices;

namespace Encore.Bench;

/// <summary>What the figures were measured on: they mean little without it.</summary>
public sealed record Machine(int Cores, string CpuModel, string Memory, string Os, string Dotnet, string LoadAverage)
{
    public static Machine Describe() => new(
        Environment.ProcessorCount,
        ReadCpuModel(),
        MemTotal(),
        OsName(),
        RuntimeInformation.FrameworkDescription,
        LoadAverageNow());

    public static string LoadAverageNow()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} / {parts[1]} / {parts[2]}";
        }
        catch (IOException) { return "unknown"; }
        catch (UnauthorizedAccessException) { return "unknown"; }
    }

    private static string ReadCpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException) { return RuntimeInformation.ProcessArchitecture.ToString(); }
    }

    private static string MemTotal()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            return $"{kb / 1024.0 / 1024.0:F1} GiB";
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException) { return "unknown"; }
    }

    private static string OsName()
    {
        try
        {
            var pretty = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
            if (pretty is not null) return $"{pretty["PRETTY_NAME=".Length..].Trim('"')} (kernel {Environment.OSVersion.Version})";
        }
        catch (IOException) { }
        return RuntimeInformation.OSDescription;
    }

    public string Describe(string loadAtEnd) =>
        $"{Cores} cores ({CpuModel}), {Memory} memory, {Os}, {Dotnet}; load average (1/5/15 min) {LoadAverage} at start, {loadAtEnd} at the end";
}
