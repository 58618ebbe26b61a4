using Encore.Web.Board;
using Encore.Web.Staff;
using Microsoft.AspNetCore.SignalR;

namespace Encore.Web.Checklists;

/// <summary>"closingRoundReminder": the night's closing round is not complete and the cut-off is near.</summary>
public sealed record ClosingRoundReminder(DateOnly BusinessDay, ClosingRoundState State, DateTimeOffset DueBy);

/// <summary>
/// The closing round (收档) must be complete before the business day's cut-off: from checklists.closingReminderMinutes
/// before it, a night whose round is not complete reminds the floor managers once (recorded per business day, the
/// database keeping it once), live on their open pages and through Web Push on their phones. Follows
/// <see cref="TimeProvider"/>, so the simulated clock drives it.
/// </summary>
public sealed class ChecklistSweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ChecklistSweeper> log, SweepProgress progress,
    BoardNotifier board, Push.PushSender push)
    : ClockedSweeper(clock, log, TimeSpan.FromSeconds(30), "Closing round reminder", progress)
{
    public override Task SweepAsync(CancellationToken ct) => ForEachVenueAsync(scopes, async (db, at) =>
    {
        var day = at.Today;
        var (due, remindAt) = ChecklistQueries.Deadline(at, day);
        if (at.Now < remindAt || at.Now >= due) return;
        if (await db.ChecklistReminders.AnyAsync(r => r.VenueId == at.VenueId && r.BusinessDay == day, ct)) return;
        var state = await ChecklistQueries.ClosingRoundStateAsync(db, at.VenueId, day);
        if (state == ClosingRoundState.Complete) return;
        using var _ = AuditScope.Begin(AuditActor.System with { VenueId = at.VenueId }, "checklist.closingReminder");
        db.ChangeTracker.Clear();
        await using var tx = await db.BeginWriteAsync(ct);
        var row = new ChecklistReminder { VenueId = at.VenueId, BusinessDay = day, SentAt = at.Now };
        db.ChecklistReminders.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        // Another instance reminded them at this moment: once is enough.
        catch (DbUpdateException e) when (e.IsConflict()) { db.ChangeTracker.Clear(); return; }
        db.ChangeTracker.Clear();
        var to = await db.Holding(at.VenueId, Capability.AnswerForClosingRound).Where(s => s.IsActive).Select(s => s.Id).ToListAsync(ct);
        if (to.Count == 0) return;
        var reminder = new ClosingRoundReminder(day, state, at.Local(due));
        board.Post(at.VenueId, live => live.Clients.Users(to.Select(id => id.ToString()).ToList()).SendAsync("closingRoundReminder", reminder, live.Ct));
        var by = at.HourMinute(due);
        push.Send(to, culture => new Push.PushNotice("closingRound", row.Id, Texts.Get("checklist.reminder.title", culture),
            string.Format(culture, Texts.Get("checklist.reminder.body", culture), by), "/checklists"));
    }, ct);
}
