using Encore.Web.Customers;
using Encore.Web.Discipline;
using Encore.Web.Staff;

namespace Encore.Web.Diary;

/// <summary>
/// SPEC.md "Violations and fines" (work diary empty 3 days): once a night's diary is past its due time, each run of
/// <c>fines.emptyDiaryDays</c> owed nights in a row without a diary submitted in time raises one proposed
/// <c>emptyDiary</c> violation of <c>fines.emptyDiaryFine</c> on the manager (<see cref="DiaryPolicy.EmptyRuns"/>),
/// once per run: a run already charged (any emptyDiary violation on one of its nights, even dismissed) is not
/// charged again, and the floor confirms or dismisses as with any proposed fine. Counts from the night the diary
/// first existed in the venue (<see cref="DiaryRuleStart"/>) and looks back at most <see cref="LookBackNights"/>.
/// </summary>
public sealed class DiarySweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DiarySweeper> log, SweepProgress progress, Board.BoardNotifier board)
    : ClockedSweeper(clock, log, TimeSpan.FromSeconds(60), "Empty-diary sweep", progress)
{
    public const int LookBackNights = 62;

    public override Task SweepAsync(CancellationToken ct) => ForEachVenueAsync(scopes, async (db, at) =>
    {
        using var _ = AuditScope.Begin(AuditActor.System with { VenueId = at.VenueId }, "diary.emptyRun");
        var firstNight = await FirstNightAsync(db, at, ct);
        // The last night whose diary is past due: tonight's is not, nor (before its due hour) last night's.
        var last = at.Today;
        while (DiaryPolicy.DueAt(last, at.Rules) >= at.Now) last = last.AddDays(-1);
        var first = new[] { firstNight, last.AddDays(-LookBackNights) }.Max();
        if (first > last) return;
        var keepers = await db.Holding(at.VenueId, Capability.KeepDiary).Where(u => u.IsActive).Select(u => u.Id).ToListAsync(ct);
        var owed = (await db.AttendanceDays.Where(d => d.VenueId == at.VenueId && d.SignedInAt != null && d.BusinessDay >= first && d.BusinessDay <= last)
            .Select(d => new { d.StaffId, d.BusinessDay }).ToListAsync(ct)).ToLookup(d => d.StaffId, d => d.BusinessDay);
        var submitted = (await db.DiaryEntries.Where(e => e.VenueId == at.VenueId && e.SubmittedAt != null && e.BusinessDay >= first && e.BusinessDay <= last)
            .Select(e => new { e.StaffId, e.BusinessDay, e.SubmittedAt }).ToListAsync(ct))
            .Where(e => !DiaryPolicy.SubmittedLate(e.BusinessDay, e.SubmittedAt, at.Rules)).ToLookup(e => e.StaffId, e => e.BusinessDay);
        var code = SystemViolation.EmptyDiary.Code();
        foreach (var staffId in keepers)
        {
            var runs = DiaryPolicy.EmptyRuns(owed[staffId], submitted[staffId].ToHashSet(), at.Rules.Fines.EmptyDiaryDays);
            foreach (var run in runs)
            {
                if (await db.Violations.AnyAsync(v => v.StaffId == staffId && v.Kind == code && v.BusinessDay >= run.First && v.BusinessDay <= run.Last, ct)) continue;
                var charges = await Fines.RaiseAsync(db, Fines.Incident.BySystem(at.VenueId, staffId, code, at.Rules.Fines.EmptyDiaryFine, run.FineNight, at.Now,
                    PhoneText.Say("fines.evidence.emptyDiary", Ranges.DayText(run.First), Ranges.DayText(run.FineNight), at.Rules.Fines.EmptyDiaryDays)), at.Rules);
                await db.SaveChangesAsync(ct);
                board.ViolationsChanged(at.VenueId, charges.Select(c => c.Id).ToList());
            }
        }
        db.ChangeTracker.Clear();
    }, ct);

    /// <summary>The venue's first night of the rule, recorded on the first pass (tonight) when none is.</summary>
    private static async Task<DateOnly> FirstNightAsync(EncoreDb db, VenueNow at, CancellationToken ct)
    {
        var start = await db.DiaryRuleStarts.Where(s => s.VenueId == at.VenueId).Select(s => (DateOnly?)s.FirstNight).SingleOrDefaultAsync(ct);
        if (start is { } known) return known;
        db.DiaryRuleStarts.Add(new DiaryRuleStart { VenueId = at.VenueId, FirstNight = at.Today });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (e.IsConflict()) { db.ChangeTracker.Clear(); }
        return await db.DiaryRuleStarts.Where(s => s.VenueId == at.VenueId).Select(s => s.FirstNight).SingleAsync(ct);
    }
}
