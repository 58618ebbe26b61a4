namespace Encore.Web.Checklists;

/// <summary>
/// What other features read of the checklists (the shift handover: is the night's closing round done, which rooms a
/// failed inspection has out of service), one place for the rule each answer follows.
/// </summary>
public static class ChecklistQueries
{
    /// <summary>The closing round of <paramref name="businessDay"/>: not started, started but not every item ticked, or complete.</summary>
    public static async Task<ClosingRoundState> ClosingRoundStateAsync(EncoreDb db, Guid venueId, DateOnly businessDay)
    {
        var run = await db.ChecklistRuns.Where(r => r.VenueId == venueId && r.Template == Checklist.Closing && r.BusinessDay == businessDay)
            .Select(r => new { r.CompletedAt }).SingleOrDefaultAsync();
        return run is null ? ClosingRoundState.NotStarted : run.CompletedAt is null ? ClosingRoundState.Incomplete : ClosingRoundState.Complete;
    }

    /// <summary>
    /// The rooms out of service on the board because of a failed inspection item not yet marked fixed (a room the desk
    /// has already released is on the board again, so it is not listed).
    /// </summary>
    public static async Task<List<OutOfServiceRoom>> RoomsOutOfServiceAsync(EncoreDb db, Guid venueId)
    {
        var rows = await (from i in db.ChecklistRunItems
                          join r in db.ChecklistRuns on i.RunId equals r.Id
                          join room in db.Rooms on r.RoomId equals room.Id
                          where r.VenueId == venueId && i.OutOfServiceAt != null && i.FixedAt == null && room.State == RoomState.OutOfService
                          select new { room.Number, i.Text, i.Note, Since = i.OutOfServiceAt!.Value, RunId = r.Id, ItemId = i.Id }).ToListAsync();
        return rows.OrderBy(x => x.Number.Length).ThenBy(x => x.Number, StringComparer.Ordinal)
            .Select(x => new OutOfServiceRoom(x.Number, x.Text, x.Note, x.Since, x.RunId, x.ItemId)).ToList();
    }

    /// <summary>When the closing round of <paramref name="day"/> is due (the day's cut-off) and the floor manager is reminded.</summary>
    public static (DateTimeOffset DueBy, DateTimeOffset RemindAt) Deadline(VenueNow at, DateOnly day)
    {
        var due = BusinessDay.End(day, at.Zone, at.Cutoff);
        return (due, due.AddMinutes(-at.Rules.Checklists.ClosingReminderMinutes));
    }

    public static async Task<ClosingRoundView> ClosingRoundAsync(EncoreDb db, VenueNow at, DateOnly day)
    {
        var state = await ClosingRoundStateAsync(db, at.VenueId, day);
        var runId = await db.ChecklistRuns.Where(r => r.VenueId == at.VenueId && r.Template == Checklist.Closing && r.BusinessDay == day).Select(r => (Guid?)r.Id).SingleOrDefaultAsync();
        var reminded = await db.ChecklistReminders.Where(r => r.VenueId == at.VenueId && r.BusinessDay == day).Select(r => (DateTimeOffset?)r.SentAt).SingleOrDefaultAsync();
        var (due, remind) = Deadline(at, day);
        return new ClosingRoundView(day, state, runId, at.Local(due), at.Local(remind), at.Local(reminded));
    }
}
