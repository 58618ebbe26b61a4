using Encore.Web.Attendance;
using Encore.Web.Customers;

namespace Encore.Web.Discipline;

/// <summary>
/// The violations the clock raises by itself (SPEC.md "Attendance and leave"): a ping not answered in time →
/// off-post (离岗) with its fine, and the house-rule count of them in a month → a suspension proposal; a customer
/// dinner not back by the house-rule time → absent and the day's performance cancelled; and, once a business day
/// has ended, a manager who never signed in → absent, or "unapproved leave" when leave was asked but not approved.
/// Follows <see cref="TimeProvider"/>, so the simulated clock drives it like the hold sweeper.
/// </summary>
public sealed class DisciplineSweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DisciplineSweeper> log, SweepProgress progress, Board.BoardNotifier board)
    : ClockedSweeper(clock, log, TimeSpan.FromSeconds(30), "Discipline sweep", progress)
{

    public override Task SweepAsync(CancellationToken ct) => ForEachVenueAsync(scopes, async (db, at) =>
    {
        using var _ = AuditScope.Begin(AuditActor.System with { VenueId = at.VenueId }, "discipline.sweep");
        // The fines pages of those concerned follow each committed violation live (ViolationEvents).
        void Raised(IEnumerable<Violation> charges)
        {
            var ids = charges.Select(c => c.Id).ToList();
            if (ids.Count > 0) board.ViolationsChanged(at.VenueId, ids);
        }
        await OffPostAsync(db, at, Raised, ct);
        await DinnersAsync(db, at, Raised, ct);
        await AbsencesAsync(db, at, at.Today.AddDays(-1), Raised, ct);
    }, ct);

    private static async Task OffPostAsync(EncoreDb db, VenueNow at, Action<IEnumerable<Violation>> raised, CancellationToken ct)
    {
        var due = await db.Pings.Where(p => p.VenueId == at.VenueId && !p.OffPost && p.DueAt < at.Now && (p.AnsweredAt == null || p.AnsweredAt > p.DueAt))
            .Select(p => p.Id).ToListAsync(ct);
        foreach (var id in due)
            // The manager may answer at this very moment (both change the ping): look again at once, so a completed
            // pass has really decided every ping due by its instant (SweepProgress) — a late answer is still off-post.
            for (var attempt = 1; attempt <= 3 && !await OffPostAsync(db, at, id, raised, ct); attempt++) { }
    }

    /// <summary>Marks one ping off-post if it was not answered in time; false when another write won the race.</summary>
    private static async Task<bool> OffPostAsync(EncoreDb db, VenueNow at, Guid id, Action<IEnumerable<Violation>> raised, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.BeginWriteAsync(ct);
        var ping = await db.Pings.SingleAsync(p => p.Id == id, ct);
        if (ping.OffPost || AttendancePolicy.PingAnsweredInTime(ping.SentAt, ping.AnsweredAt, at.Rules)) return true;
        ping.OffPost = true;
        ping.Version++;
        var charges = await Fines.RaiseAsync(db, Fines.Incident.BySystem(at.VenueId, ping.StaffId, SystemViolation.OffPost.Code(), at.Rules.Attendance.OffPostFine, ping.BusinessDay, at.Now,
            PhoneText.Say("fines.evidence.offPost", at.HourMinute(ping.SentAt), at.HourMinute(ping.DueAt),
                ping.AnsweredAt is { } a ? PhoneText.Say("fines.evidence.offPost.answered", at.HourMinute(a)) : PhoneText.Say("fines.evidence.offPost.noAnswer")), ping.SentById), at.Rules);
        var monthStart = new DateOnly(ping.BusinessDay.Year, ping.BusinessDay.Month, 1);
        var count = await db.Pings.CountAsync(p => p.StaffId == ping.StaffId && p.OffPost && p.BusinessDay >= monthStart && p.BusinessDay < monthStart.AddMonths(1), ct) + 1;
        if (AttendancePolicy.ProposesSuspension(count, at.Rules))
            charges.AddRange(await Fines.RaiseAsync(db, Fines.Incident.BySystem(at.VenueId, ping.StaffId, SystemViolation.Suspension.Code(), 0, ping.BusinessDay, at.Now,
                PhoneText.Count("fines.evidence.suspension", count, monthStart.ToString("yyyy-MM", CultureInfo.InvariantCulture)), ping.SentById), at.Rules));
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            raised(charges);
            return true;
        }
        catch (DbUpdateException e) when (e.IsConflict()) { return false; }
    }

    private static async Task DinnersAsync(EncoreDb db, VenueNow at, Action<IEnumerable<Violation>> raised, CancellationToken ct)
    {
        var dinners = await db.LeaveRequests.Where(l => l.VenueId == at.VenueId && l.Kind == LeaveKind.CustomerDinner && l.Status == LeaveStatus.Approved && !l.Settled)
            .ToListAsync(ct);
        foreach (var dinner in dinners.Where(d => at.Now > AttendancePolicy.DinnerBackBy(d.BusinessDay, at.Rules) || d.BackAt is not null))
        {
            var backBy = AttendancePolicy.DinnerBackBy(dinner.BusinessDay, at.Rules);
            if (dinner.BackAt is null && at.Now <= backBy) continue;
            dinner.Settled = true;
            List<Violation> charges = [];
            if (!AttendancePolicy.DinnerBackInTime(dinner.BusinessDay, dinner.BackAt, at.Rules))
            {
                var day = await AttendanceDays.RowAsync(db, at.VenueId, dinner.StaffId, dinner.BusinessDay);
                day.Absent = true;
                day.PerformanceCancelled = true;
                var note = PhoneText.Say("attendance.note.dinnerLate", at.HourMinute(backBy),
                    dinner.BackAt is { } b ? PhoneText.Say("attendance.note.dinnerBack", at.HourMinute(b)) : PhoneText.Say("attendance.note.dinnerNotBack"));
                AttendanceDays.Note(day, note);
                charges = await Fines.RaiseAsync(db, Fines.Incident.BySystem(at.VenueId, dinner.StaffId, SystemViolation.Absent.Code(), at.Rules.Attendance.AbsentFineMin, dinner.BusinessDay, at.Now,
                    note), at.Rules);
            }
            await db.SaveChangesAsync(ct);
            raised(charges);
        }
    }

    /// <summary>After a business day ends: each customer manager who never signed in is absent, unless on approved leave.</summary>
    private static async Task AbsencesAsync(EncoreDb db, VenueNow at, DateOnly day, Action<IEnumerable<Violation>> raised, CancellationToken ct)
    {
        // Only those already on the staff by the night's sign-in time were expected.
        var expectedBy = AttendancePolicy.SignInBy(day, at.Rules);
        var managers = await (from u in db.Users join ur in db.UserRoles on u.Id equals ur.UserId join r in db.Roles on ur.RoleId equals r.Id
                              where u.VenueId == at.VenueId && u.IsActive && r.Name == Roles.Manager && u.CreatedAt < expectedBy
                              select u.Id).ToListAsync(ct);
        var judged = (await db.AttendanceDays.Where(d => d.VenueId == at.VenueId && d.BusinessDay == day && (d.SignedInAt != null || d.Absent))
            .Select(d => d.StaffId).ToListAsync(ct)).ToHashSet();
        var start = BusinessDay.Start(day, at.Zone, at.Cutoff);
        var end = BusinessDay.End(day, at.Zone, at.Cutoff);
        foreach (var staffId in managers.Where(m => !judged.Contains(m)))
        {
            var leaves = await db.LeaveRequests.Where(l => l.StaffId == staffId && l.From < end && l.To > start).Select(l => l.Status).ToListAsync(ct);
            if (leaves.Contains(LeaveStatus.Approved)) continue;
            var unapproved = leaves.Count > 0;
            var row = await AttendanceDays.RowAsync(db, at.VenueId, staffId, day);
            row.Absent = true;
            var note = PhoneText.Say(unapproved ? "attendance.note.leaveNotApproved" : "attendance.note.noSignIn");
            AttendanceDays.Note(row, note);
            var charges = await Fines.RaiseAsync(db, Fines.Incident.BySystem(at.VenueId, staffId, (unapproved ? SystemViolation.UnapprovedLeave : SystemViolation.Absent).Code(),
                unapproved ? at.Rules.Attendance.UnapprovedLeaveFine : at.Rules.Attendance.AbsentFineMin, day, at.Now, note), at.Rules);
            await db.SaveChangesAsync(ct);
            raised(charges);
        }
    }
}
