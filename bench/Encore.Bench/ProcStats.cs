using System.Diagnostics;
using System.Globalization;

namespace Encore.Bench;

/// <summary>
/// CPU time and memory of processes, read from /proc as the kernel keeps them (Linux only; elsewhere the
/// readers answer null and the report says "not measured").
/// </summary>
public static class ProcStats
{
    /// <summary>Clock ticks per second of /proc/&lt;pid&gt;/stat's times (`getconf CLK_TCK`; 100 on Linux unless built otherwise).</summary>
    public static readonly double TicksPerSecond = ReadClockTicks();

    /// <summary>utime + stime of one process (its own threads, not its children), in ms; null when unreadable.</summary>
    public static double? CpuMs(int pid) => Stat(pid) is { } s ? (s.UTime + s.STime) * 1000.0 / TicksPerSecond : null;

    /// <summary>
    /// CPU of a server made of processes (PostgreSQL: the postmaster and its backends and workers): the root's
    /// own time, the time of its children still running, and the time of children it has reaped (cutime + cstime),
    /// so a backend that ended between two readings is still counted. In ms; null when the root is unreadable.
    /// </summary>
    public static double? TreeCpuMs(int rootPid)
    {
        if (Stat(rootPid) is not { } root) return null;
        var ticks = root.UTime + root.STime + root.CUTime + root.CSTime;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == rootPid) continue;
            if (Stat(pid) is { } child && child.ParentPid == rootPid) ticks += child.UTime + child.STime;
        }
        return ticks * 1000.0 / TicksPerSecond;
    }

    /// <summary>
    /// utime + stime of the .NET runtime's tiered-compilation worker threads of a process (thread name ".NET Tiered
    /// Com…", truncated by the kernel to 15 characters), in ms: the JIT recompiling hot methods in the background. A
    /// worker that has ended since is not counted; callers compare two readings and take a fall as none.
    /// </summary>
    public static double TieredJitCpuMs(int pid)
    {
        long ticks = 0;
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                string name;
                try { name = File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n'); }
                catch (IOException) { continue; }
                if (!name.StartsWith(".NET Tiered", StringComparison.Ordinal)) continue;
                if (Stat(task) is { } s) ticks += s.UTime + s.STime;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return ticks * 1000.0 / TicksPerSecond;
    }

    /// <summary>VmRSS (resident now) and VmHWM (the peak resident set) of a process, in kB; null when unreadable.</summary>
    public static (long RssKb, long HwmKb)? Memory(int pid)
    {
        try
        {
            long rss = -1, hwm = -1;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kb(line);
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kb(line);
            }
            return rss < 0 || hwm < 0 ? null : (rss, hwm);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }

        static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>kB as decimal megabytes (10^6 bytes), the unit of the goals.</summary>
    public static double Mb(double kb) => kb * 1024 / 1e6;

    private sealed record ProcStat(int ParentPid, long UTime, long STime, long CUTime, long CSTime);

    private static ProcStat? Stat(int pid) => Stat($"/proc/{pid}");

    /// <summary>The stat of a process or thread folder (/proc/&lt;pid&gt; or /proc/&lt;pid&gt;/task/&lt;tid&gt;).</summary>
    private static ProcStat? Stat(string folder)
    {
        string text;
        try { text = File.ReadAllText(Path.Combine(folder, "stat")); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so fields are counted after the last ')'.
        var close = text.LastIndexOf(')');
        if (close < 0) return null;
        var f = text[(close + 2)..].Split(' ');
        // After comm: [0] state, [1] ppid, … [11] utime, [12] stime, [13] cutime, [14] cstime (proc(5) fields 14–17).
        long L(int i) => long.Parse(f[i], CultureInfo.InvariantCulture);
        return f.Length > 14 ? new ProcStat((int)L(1), L(11), L(12), L(13), L(14)) : null;
    }

    private static double ReadClockTicks()
    {
        try
        {
            using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true, UseShellExecute = false });
            var text = getconf?.StandardOutput.ReadToEnd().Trim();
            getconf?.WaitForExit();
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ticks) && ticks > 0) return ticks;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException) { }
        return 100;
    }
}
