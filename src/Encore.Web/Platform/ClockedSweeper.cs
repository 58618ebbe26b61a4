namespace Encore.Web.Platform;

/// <summary>
/// Background work that runs a pass, then waits for the poll interval of real time or for the simulated clock to
/// move (whichever comes first), so training mode applies what fell due at once. A failed pass is logged and
/// tried again on the next one. Each completed pass is reported to <see cref="SweepProgress"/>.
/// </summary>
public abstract class ClockedSweeper : BackgroundService
{
    private readonly TimeProvider clock;
    private readonly ILogger log;
    private readonly TimeSpan poll;
    private readonly string what;
    private readonly SweepProgress progress;

    protected ClockedSweeper(TimeProvider clock, ILogger log, TimeSpan poll, string what, SweepProgress progress)
    {
        (this.clock, this.log, this.poll, this.what, this.progress) = (clock, log, poll, what, progress);
        progress.Register(what);
    }

    protected TimeProvider Clock => clock;

    public abstract Task SweepAsync(CancellationToken ct);

    /// <summary>Each venue in turn, in one scope, at the venue's now under the house rules in force then (a system <see cref="Caller"/>).</summary>
    protected async Task ForEachVenueAsync(IServiceScopeFactory scopes, Func<EncoreDb, VenueNow, Task> sweep, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EncoreDb>();
        var store = scope.ServiceProvider.GetRequiredService<HouseRulesStore>();
        foreach (var venue in await db.Venues.Select(v => v.Id).ToListAsync(ct))
            await sweep(db, await Caller.System(venue, store, Clock).NowAsync());
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            var passBegan = clock.GetUtcNow();
            if (!await progress.MayRunAsync(clock, passBegan, stoppingToken)) continue;
            try
            {
                if (first) await progress.FirstPassAsync(() => SweepAsync(stoppingToken), stoppingToken);
                else await SweepAsync(stoppingToken);
                progress.Completed(what, passBegan);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "{What} failed; retrying", what);
            }
            first = false;
            await clock.WaitAsync(poll, stoppingToken, passBegan, progress.WakeAfter(passBegan));
        }
    }
}
