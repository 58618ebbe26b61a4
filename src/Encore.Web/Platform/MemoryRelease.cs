using System.Runtime.InteropServices;

namespace Encore.Web.Platform;

/// <summary>
/// Gives back to the system what a one-time burst of start-up work left behind, so that a server does not carry it
/// for its whole life (issue 15). The demo seed of a new file (about 10 s) leaves ~54 MB of managed heap, two thirds
/// of it garbage that the workstation collector keeps committed, and freed native blocks (SQLite's page caches) that
/// glibc keeps in its arenas. On the published app (README Benchmarks, "2026-12-06, evening"): RSS after the seed
/// 254–270 MB, after this 193–204 MB, for ~30 ms; after 25 s of booking load that followed, 306–315 MB against 343–349.
/// A restart finds the seed done and does not call this: it would cost its start time and free next to nothing.
/// The return-visit sweep calls it after a pass that scheduled an import's thousands of visits.
/// </summary>
public static class MemoryRelease
{
    public static void AfterOneTimeWork()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (OperatingSystem.IsLinux()) ReturnFreedNativeMemory();
    }

    private static void ReturnFreedNativeMemory()
    {
        try { _ = malloc_trim(0); }
        // Not glibc (musl has no malloc_trim): nothing to call.
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
    }

    [DllImport("libc.so.6")] private static extern int malloc_trim(nuint pad);
}
