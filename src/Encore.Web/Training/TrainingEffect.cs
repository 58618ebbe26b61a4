using Encore.Web.Performance;

namespace Encore.Web.Training;

/// <summary>
/// The trained group's figures over one period: spend against target (attainment = spend ÷ target, summed over the
/// group), signed rooms, new customers, complaints and the fines that stand. <c>complete</c> is false while the period
/// is still running (its figures are to date); <c>begun</c> false before it (all figures 0).
/// </summary>
public sealed record EffectFigures(string Month, bool Begun, bool Complete, decimal Spend, decimal TargetSpend, decimal Attainment, int Rooms, int NewCustomers,
    int Complaints, decimal Fines);

/// <summary>GET /api/training/courses/{id}/effect: who was trained (marked present) and their figures before and after.</summary>
public sealed record CourseEffect(Guid CourseId, List<string> Group, EffectFigures Before, EffectFigures After);

/// <summary>
/// A course's effect (SPEC.md: "the effect on the next period's KPIs"): the trained group — the people marked present —
/// in the same-length period before the course and after it. The period is the month, the standings' own period: before
/// is the whole calendar month before the course's month, after the whole month after it (the course's own month,
/// half before and half after, is neither). The figures are GET /api/performance's for those months
/// (<see cref="StandingsSettings.StandingsAsync"/>: signed spend and rooms, targets, new customers, complaints), summed
/// over the group, and the statement's fines that stand (confirmed or upheld) of the group's violations of the month.
/// One method, so the KPI measures of the appraisal can replace the standings here later without touching its callers.
/// </summary>
public sealed class TrainingEffect(StandingsSettings standings)
{
    public async Task<CourseEffect> OfAsync(EncoreDb db, VenueNow at, TrainingCourse course)
    {
        var group = await (from a in db.Set<TrainingAttendance>()
                           join u in db.Users on a.StaffId equals u.Id
                           where a.CourseId == course.Id && a.Present
                           select new { u.Id, Badge = u.UserName! }).ToListAsync();
        var day = at.DayOf(course.StartsAt);
        var month = new DateOnly(day.Year, day.Month, 1);
        var ids = group.Select(g => g.Id).ToList();
        var badges = group.Select(g => g.Badge).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new CourseEffect(course.Id, badges.Order(StringComparer.Ordinal).ToList(),
            await FiguresAsync(db, at, month.AddMonths(-1), ids, badges), await FiguresAsync(db, at, month.AddMonths(1), ids, badges));
    }

    private async Task<EffectFigures> FiguresAsync(EncoreDb db, VenueNow at, DateOnly first, List<Guid> ids, HashSet<string> badges)
    {
        var name = first.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var complete = at.Today >= first.AddMonths(1);
        var begun = at.Today >= first;
        if (ids.Count == 0 || !begun) return new EffectFigures(name, begun, complete, 0, 0, 0, 0, 0, 0, 0);
        // One row per person: a manager's row (which also carries their promoters' lines) before a promoter's.
        var rows = (await standings.StandingsAsync(db, at, first)).Where(s => badges.Contains(s.Badge))
            .OrderBy(s => s.Role == Roles.Manager ? 0 : 1).DistinctBy(s => s.Badge).ToList();
        var next = first.AddMonths(1);
        var fines = await db.Violations.Where(v => ids.Contains(v.StaffId) && v.BusinessDay >= first && v.BusinessDay < next
                                                   && (v.Status == ViolationStatus.Confirmed || v.Status == ViolationStatus.Upheld))
            .Select(v => v.Amount).ToListAsync();
        var spend = rows.Sum(r => r.Spend);
        var target = rows.Sum(r => r.TargetSpend);
        return new EffectFigures(name, begun, complete, spend, target, target > 0 ? decimal.Round(spend / target, 4) : 0, rows.Sum(r => r.Rooms),
            rows.Sum(r => r.NewCustomers), rows.Sum(r => r.Complaints), fines.Sum());
    }
}
