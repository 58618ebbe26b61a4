namespace Encore.Web.Complaints;

/// <summary>
/// Escalates overdue complaints (SPEC.md "Complaints": department head → floor manager → GM): records each step on
/// the complaint (audited, as the system) and announces it live, so the floor's board and the GM's page turn the
/// complaint red without a reload. The views compute the present level from the clock themselves; this records when
/// each step was reached and tells the screens. Follows <see cref="TimeProvider"/>, so the simulated clock drives it.
/// </summary>
public sealed class ComplaintSweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ComplaintSweeper> log, SweepProgress progress, Board.BoardNotifier board)
    : ClockedSweeper(clock, log, TimeSpan.FromSeconds(30), "Complaint escalation", progress)
{
    public override Task SweepAsync(CancellationToken ct) => ForEachVenueAsync(scopes, async (db, at) =>
    {
        using var _ = AuditScope.Begin(AuditActor.System with { VenueId = at.VenueId }, "complaint.escalate");
        // Only an unresolved complaint past one of its limits can need a step; the clock decides which.
        // Read without a write lock; only a complaint whose level has moved on since the last pass gets a transaction.
        var overdue = await db.Complaints.AsNoTracking().Where(c => c.VenueId == at.VenueId && c.Status != ComplaintStatus.Resolved
                                                                    && c.Escalation != EscalationLevel.Gm
                                                                    && (c.AcknowledgeBy < at.Now || c.SolutionBy < at.Now))
            .ToListAsync(ct);
        foreach (var id in overdue.Where(c => c.Deadlines.EscalationAt(c.Status, at.Now) > c.Escalation).Select(c => c.Id))
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.BeginWriteAsync(ct);
            var complaint = await db.Complaints.SingleAsync(c => c.Id == id, ct);
            var level = complaint.Deadlines.EscalationAt(complaint.Status, at.Now);
            if (level <= complaint.Escalation) continue;
            complaint.Escalation = level;
            complaint.EscalatedAt = at.Now;
            complaint.Version++;
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                board.ComplaintChanged(at.VenueId, id);
            }
            // Someone acknowledged or resolved it at this moment: the next pass looks again.
            catch (DbUpdateException e) when (e.IsConflict()) { }
        }
    }, ct);
}
