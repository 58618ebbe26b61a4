namespace Encore.Web.Reports;

public sealed record AmendmentView(string Figure, decimal Before, decimal After, DateTimeOffset ChangedAt, DateTimeOffset FoundAt, string Who, string Why);

/// <summary>A day's figures as the reports read them: frozen (the snapshot) or live, with the amendments since the freeze.</summary>
public sealed record FrozenDay(DayFigures Figures, bool Frozen, DateTimeOffset? FrozenAt, List<AmendmentView> Amendments);

/// <summary>
/// The frozen daily report (issue 19). A business day is frozen once it has ended (the next business day's start, the
/// cut-off): the sweeper <see cref="ReportsFreezer"/> freezes the night just ended on its next pass, and the first read of
/// an ended day that is not frozen yet freezes it then. From then on a read answers the snapshot, never a recomputation.
/// A correction after the freeze (PUT /api/sessions/{id}/spend, the POS import, a late arrival or fine) is not lost and does
/// not change the snapshot silently: when the audit log holds writes to the day's sessions, bookings, fines, complaints or
/// attendance after the last comparison (<see cref="ReportSnapshot.CheckedAt"/>), the day is recomputed and compared with
/// the snapshot figure by figure (<see cref="DayFigures.Flat"/>); each figure that moved since it was last seen becomes an
/// amendment with its value before and after, and who wrote the correcting entries and why (their audit actions).
/// </summary>
public static class Snapshots
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The audited entity types whose writes can move a day's figures.</summary>
    private static readonly string[] Corrections = [nameof(RoomSession), nameof(Booking), nameof(BookingEvent), nameof(Violation), nameof(Complaint), nameof(AttendanceDay)];

    public static bool Ended(VenueNow at, DateOnly day) => day < at.Today;

    /// <summary>
    /// The day's report: live while the day lasts; once it has ended, the snapshot (frozen now if not yet) and its amendments.
    /// With it the figures of the day it is read against (the same weekday a week before), as a comparison reads them: the
    /// snapshot of an ended day (frozen now if not yet), the live figures of today; that day's own corrections are compared
    /// and recorded when its own report is read, not here. Both snapshots come in one query, and a snapshot never amended
    /// (version 0: every amendment bumps it) skips the amendments' query: the GM's morning read is a handful of round trips.
    /// </summary>
    public static async Task<(FrozenDay Day, DayFigures Compared)> ReadAsync(EncoreDb db, VenueNow at, DateOnly day, DateOnly compared)
    {
        var stored = Ended(at, day) || Ended(at, compared)
            ? await db.ReportSnapshots.Where(s => s.VenueId == at.VenueId && (s.BusinessDay == day || s.BusinessDay == compared)).ToListAsync()
            : [];
        var ofCompared = stored.FirstOrDefault(s => s.BusinessDay == compared);
        var comparedFigures = ofCompared is not null ? Read(ofCompared)
            : Ended(at, compared) ? Read(await FreezeAsync(db, at, compared))
            : await DailyFigures.OfDayAsync(db, at.VenueId, compared, at.Rules, at.Zone, at.Now);
        if (!Ended(at, day)) return (new FrozenDay(await DailyFigures.OfDayAsync(db, at.VenueId, day, at.Rules, at.Zone, at.Now), false, null, []), comparedFigures);
        var snapshot = stored.FirstOrDefault(s => s.BusinessDay == day) ?? await FreezeAsync(db, at, day);
        await AmendAsync(db, at, snapshot);
        var amendments = snapshot.Version == 0 ? [] : await AmendmentsAsync(db, at, day, day);
        return (new FrozenDay(Read(snapshot), true, at.Local(snapshot.FrozenAt), amendments), comparedFigures);
    }

    public static DayFigures Read(ReportSnapshot snapshot) => JsonSerializer.Deserialize<DayFigures>(snapshot.Figures, Json)!;

    /// <summary>The day's snapshot, frozen now from the current figures when there is none (a second freezer racing loses to the first).</summary>
    public static async Task<ReportSnapshot> FreezeAsync(EncoreDb db, VenueNow at, DateOnly day)
    {
        var existing = await db.ReportSnapshots.SingleOrDefaultAsync(s => s.VenueId == at.VenueId && s.BusinessDay == day);
        if (existing is not null) return existing;
        var figures = await DailyFigures.OfDayAsync(db, at.VenueId, day, at.Rules, at.Zone, at.Now);
        var snapshot = new ReportSnapshot { VenueId = at.VenueId, BusinessDay = day, Figures = JsonSerializer.Serialize(figures, Json), FrozenAt = at.Now, CheckedAt = at.Now };
        db.ReportSnapshots.Add(snapshot);
        try
        {
            using (Audited("report.freeze")) await db.SaveChangesAsync();
            return snapshot;
        }
        catch (DbUpdateException)
        {
            db.Entry(snapshot).State = EntityState.Detached;
            return await db.ReportSnapshots.SingleAsync(s => s.VenueId == at.VenueId && s.BusinessDay == day);
        }
    }

    /// <summary>Compares a frozen day with its recomputation when corrections were written since it was last compared; records what moved.</summary>
    public static async Task AmendAsync(EncoreDb db, VenueNow at, ReportSnapshot snapshot)
    {
        var writes = await db.AuditEntries.AsNoTracking()
            .Where(a => a.VenueId == at.VenueId && a.At >= snapshot.CheckedAt && Corrections.Contains(a.EntityType) && !a.Action.StartsWith("report."))
            .Select(a => new { a.At, a.ActorBadge, a.Action, a.EntityType, a.EntityId }).ToListAsync();
        if (writes.Count == 0) return;
        var now = await DailyFigures.OfDayAsync(db, at.VenueId, snapshot.BusinessDay, at.Rules, at.Zone, at.Now);
        // The last value seen of each figure: the snapshot's, then each amendment's "after" in turn.
        var seen = Read(snapshot).Flat().ToDictionary(f => f.Figure, f => f.Value);
        foreach (var a in await db.ReportAmendments.AsNoTracking().Where(a => a.VenueId == at.VenueId && a.BusinessDay == snapshot.BusinessDay).OrderBy(a => a.FoundAt).ThenBy(a => a.Id).ToListAsync())
            seen[a.Figure] = a.After;
        var current = now.Flat().ToDictionary(f => f.Figure, f => f.Value);
        var moved = current.Where(c => seen.GetValueOrDefault(c.Key) != c.Value)
            .Concat(seen.Where(s => s.Value != 0 && !current.ContainsKey(s.Key)).Select(s => KeyValuePair.Create(s.Key, 0m))).ToList();
        // Who and why: the day's own rows among the writes (a session of another night corrected at the same time is not this day's).
        var dayIds = await DayEntityIdsAsync(db, at.VenueId, snapshot.BusinessDay);
        var ours = writes.Where(w => dayIds.Contains(w.EntityId)).ToList();
        var cause = ours.Count > 0 ? ours : writes;
        var who = Join(cause.Select(w => w.ActorBadge).Where(b => b != ""));
        var why = Join(cause.Select(w => w.Action));
        var changedAt = cause.Max(w => w.At);
        foreach (var m in moved)
            db.ReportAmendments.Add(new ReportAmendment
            {
                VenueId = at.VenueId, BusinessDay = snapshot.BusinessDay, Figure = m.Key, Before = seen.GetValueOrDefault(m.Key), After = m.Value,
                ChangedAt = changedAt, FoundAt = at.Now, Who = who, Why = why,
            });
        if (moved.Count == 0 && at.Now <= snapshot.CheckedAt) return;
        // From the comparison's instant on (inclusive: on a standing simulated clock, a write can share it).
        if (at.Now > snapshot.CheckedAt) snapshot.CheckedAt = at.Now;
        snapshot.Version++;
        try
        {
            using (Audited("report.amend")) await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another read compared the same writes at the same moment and recorded them: drop ours.
            foreach (var e in db.ChangeTracker.Entries().Where(e => e.Entity is ReportAmendment or ReportSnapshot).ToList()) e.State = EntityState.Detached;
        }
    }

    /// <summary>The system's own write, named; left unaudited where auditing is suppressed (the demo seed sums itself up in one entry).</summary>
    private static IDisposable? Audited(string action) => AuditScope.IsSuppressed ? null : AuditScope.Begin(AuditActor.System, action);

    private static string Join(IEnumerable<string> values)
    {
        var text = string.Join(",", values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return text.Length <= 200 ? text : text[..200];
    }

    private static async Task<HashSet<string>> DayEntityIdsAsync(EncoreDb db, Guid venueId, DateOnly day)
    {
        var ids = await db.RoomSessions.Where(s => s.VenueId == venueId && s.BusinessDay == day).Select(s => s.Id)
            .Concat(db.Bookings.Where(b => b.VenueId == venueId && b.BusinessDay == day).Select(b => b.Id))
            .Concat(db.Violations.Where(v => v.VenueId == venueId && v.BusinessDay == day).Select(v => v.Id))
            .Concat(db.Complaints.Where(c => c.VenueId == venueId && c.BusinessDay == day).Select(c => c.Id)).ToListAsync();
        return ids.Select(i => i.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The amendments of the days from <paramref name="first"/> to <paramref name="last"/>, in the order they were found.</summary>
    public static async Task<List<AmendmentView>> AmendmentsAsync(EncoreDb db, VenueNow at, DateOnly first, DateOnly last) =>
        (await db.ReportAmendments.AsNoTracking().Where(a => a.VenueId == at.VenueId && a.BusinessDay >= first && a.BusinessDay <= last).ToListAsync())
            .OrderBy(a => a.FoundAt).ThenBy(a => a.Id)
            .Select(a => new AmendmentView(a.Figure, a.Before, a.After, at.Local(a.ChangedAt), at.Local(a.FoundAt), a.Who, a.Why)).ToList();
}
