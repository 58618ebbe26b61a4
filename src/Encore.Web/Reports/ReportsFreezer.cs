namespace Encore.Web.Reports;

/// <summary>
/// Freezes the night just ended (<see cref="Snapshots"/>) on its first pass after the cut-off, so the snapshot holds the
/// night as it stood at the cut-off rather than at the first read; a day it missed (the server was down) is frozen by
/// its first read. Polls every minute, and at once when the simulated clock moves.
/// </summary>
public sealed class ReportsFreezer(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ReportsFreezer> log, SweepProgress progress)
    : ClockedSweeper(clock, log, TimeSpan.FromSeconds(60), "Daily report freeze", progress)
{
    public override Task SweepAsync(CancellationToken ct) =>
        ForEachVenueAsync(scopes, async (db, at) =>
        {
            var yesterday = at.Today.AddDays(-1);
            if (!await db.ReportSnapshots.AnyAsync(s => s.VenueId == at.VenueId && s.BusinessDay == yesterday, ct))
                await Snapshots.FreezeAsync(db, at, yesterday);
        }, ct);
}
