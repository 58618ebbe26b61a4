namespace Encore.Web.Platform;

/// <summary>
/// How far along the clock each background sweeper has done its work: after a pass that began at clock instant T
/// completes, everything that was due at T has been decided. (A ping answered at the moment it is swept is looked at
/// again within the pass; a hold the desk acts on at its very lapse is left to the desk's write, whose rules apply.)
/// Tests on the simulated clock wait on <see cref="WaitThroughAsync"/> before they assert that something did
/// <em>not</em> happen, so a slow sweeper can never make an absence check pass by accident; an operator could
/// read it the same way (how far behind is the sweeper).
/// </summary>
public sealed class SweepProgress(SweeperLease lease, IHostApplicationLifetime lifetime)
{
    /// <summary>
    /// Sweeps begin once the app listens (issue 15). Their first passes compile their queries on the same two cores the
    /// start runs on: begun at once, they held the first answer of /health back by ~0.4 s (2.49 s → 2.07 s, three
    /// starts each; README, Benchmarks, "2026-12-05, late evening: the start"). Nothing due is skipped meanwhile: the
    /// first pass decides everything due by then.
    /// </summary>
    private readonly Task started = WhenCancelled(lifetime.ApplicationStarted);

    /// <summary>
    /// The first pass of each sweeper after a start, one at a time (issue 15). Begun together, the catch-up passes
    /// compiled their queries on both cores while the first requests waited: /health answered 1.0–1.3 s after the start
    /// with them, 0.84–0.92 s with them held back (three starts each). One at a time they leave a core to the requests,
    /// and the catch-up ends a little later, still well inside the 30–60 s a sweeper sleeps between passes.
    /// </summary>
    private readonly SemaphoreSlim firstPasses = new(1, 1);

    /// <summary>Runs a sweeper's first pass when no other first pass runs (<see cref="firstPasses"/>).</summary>
    public async Task FirstPassAsync(Func<Task> pass, CancellationToken ct)
    {
        await firstPasses.WaitAsync(ct);
        try { await pass(); }
        finally { firstPasses.Release(); }
    }

    private static Task WhenCancelled(CancellationToken token)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        token.Register(() => done.TrySetResult());
        return done.Task;
    }

    /// <summary>
    /// Whether this instance runs the sweeps now (issue 21: one instance at a time, <see cref="SweeperLease"/>);
    /// when not, this waits <see cref="SweeperLease.Retry"/> and answers false: the sweeper asks again, reporting no pass meanwhile.
    /// </summary>
    public async Task<bool> MayRunAsync(TimeProvider clock, DateTimeOffset passBegan, CancellationToken ct)
    {
        await started.WaitAsync(ct);
        if (await lease.HeldAsync(ct)) return true;
        await clock.WaitAsync(SweeperLease.Retry, ct, passBegan);
        return false;
    }

    private readonly Lock gate = new();
    private readonly Dictionary<string, DateTimeOffset> through = [];
    private readonly List<(DateTimeOffset Instant, TaskCompletionSource Done)> waiters = [];

    /// <summary>Called by each sweeper when it is created, so a wait covers sweepers that have not finished a pass yet.</summary>
    public void Register(string sweeper)
    {
        lock (gate) through.TryAdd(sweeper, DateTimeOffset.MinValue);
    }

    /// <summary>A pass of <paramref name="sweeper"/> that began at <paramref name="passBegan"/> (clock time) completed without error.</summary>
    public void Completed(string sweeper, DateTimeOffset passBegan)
    {
        List<TaskCompletionSource> done = [];
        lock (gate)
        {
            if (!through.TryGetValue(sweeper, out var before) || passBegan > before) through[sweeper] = passBegan;
            var all = Slowest();
            waiters.RemoveAll(w =>
            {
                if (w.Instant > all) return false;
                done.Add(w.Done);
                return true;
            });
        }
        foreach (var d in done) d.TrySetResult();
    }

    /// <summary>The instant every registered sweeper has processed through.</summary>
    public DateTimeOffset ProcessedThrough
    {
        get { lock (gate) return Slowest(); }
    }

    private TaskCompletionSource wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// What ends the sleep of a sweeper whose last pass began at <paramref name="passBegan"/> before its poll is out: done
    /// already when someone waits for the sweeps through a later instant (<see cref="WaitThroughAsync"/>), so that pass
    /// does not answer them; otherwise the next such wait. A sweeper whose pass already answers every wait sleeps on, so
    /// a wait costs one more pass at most of each sweeper, none of those that ran since its instant.
    /// </summary>
    public Task WakeAfter(DateTimeOffset passBegan)
    {
        lock (gate) return waiters.Exists(w => w.Instant > passBegan) ? Task.CompletedTask : wake.Task;
    }

    /// <summary>
    /// Completes once every sweeper has completed a pass that began at or after <paramref name="instant"/>. Sleeping
    /// sweepers are woken rather than waited out: on the real clock a sweeper polls every 30–60 s, and a caller who
    /// waits for the sweeps wants them now.
    /// </summary>
    public Task WaitThroughAsync(DateTimeOffset instant, CancellationToken ct = default)
    {
        TaskCompletionSource woken;
        Task waiting;
        lock (gate)
        {
            if (Slowest() >= instant) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((instant, done));
            waiting = done.Task.WaitAsync(ct);
            (woken, wake) = (wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
        woken.TrySetResult();
        return waiting;
    }

    private DateTimeOffset Slowest() => through.Count == 0 ? DateTimeOffset.MaxValue : through.Values.Min();
}
