using Encore.Web.Staff;

namespace Encore.Web.Meetings;

/// <summary>
/// What meetings hold, for the API, the home page and other features (the shift handover lists the open actions):
/// who is expected, how each stands, and the actions still open.
/// </summary>
public static class MeetingQueries
{
    /// <summary>An open action as another feature shows it (the shift handover, the owner's home page).</summary>
    public sealed record OpenAction(Guid Id, Guid MeetingId, string MeetingKind, DateOnly MeetingDay, string Text, string OwnerBadge, string OwnerName, DateOnly Due, bool Overdue);

    /// <summary>
    /// The venue's actions not yet done, the earliest due first; overdue when their due business day is before the
    /// business day of <paramref name="at"/> (the venue's now with the rules in force: <c>await http.Caller().NowAsync()</c>).
    /// For the shift handover's "unfinished actions".
    /// </summary>
    public static Task<List<OpenAction>> OpenActionsAsync(EncoreDb db, VenueNow at) =>
        OpenAsync(db, at, db.Set<MeetingAction>().Where(a => a.VenueId == at.VenueId && a.DoneAt == null));

    /// <summary>One person's open actions (their home page shows them until done).</summary>
    public static Task<List<OpenAction>> OpenActionsOfAsync(EncoreDb db, VenueNow at, Guid ownerId) =>
        OpenAsync(db, at, db.Set<MeetingAction>().Where(a => a.VenueId == at.VenueId && a.OwnerId == ownerId && a.DoneAt == null));

    private static async Task<List<OpenAction>> OpenAsync(EncoreDb db, VenueNow at, IQueryable<MeetingAction> query) =>
        (await ActionViewsAsync(db, at, query.OrderBy(a => a.Due).ThenBy(a => a.CreatedAt).Take(200)))
        .Select(a => new OpenAction(a.Id, a.MeetingId, a.MeetingKind, a.MeetingDay, a.Text, a.OwnerBadge, a.OwnerName, a.Due, a.Overdue)).ToList();

    public static async Task<List<MeetingActionView>> ActionViewsAsync(EncoreDb db, VenueNow at, IQueryable<MeetingAction> query)
    {
        var rows = await (from a in query
                          join m in db.Set<Meeting>() on a.MeetingId equals m.Id
                          join o in db.Users on a.OwnerId equals o.Id
                          join d in db.Users on a.DoneById equals d.Id into done
                          from d in done.DefaultIfEmpty()
                          select new { a, m.Kind, m.BusinessDay, Owner = o.UserName!, OwnerName = o.Name, DoneBy = d == null ? null : d.UserName }).ToListAsync();
        return rows.Select(r => new MeetingActionView(r.a.Id, r.a.MeetingId, r.Kind, r.BusinessDay, r.a.Text, r.Owner, r.OwnerName, r.a.Due,
            r.a.DoneAt is not null, at.Local(r.a.DoneAt), r.DoneBy, Overdue(at, r.a))).ToList();
    }

    /// <summary>Overdue: not done and its due business day is over (due tonight is not overdue yet).</summary>
    public static bool Overdue(VenueNow at, MeetingAction a) => a.DoneAt is null && a.Due < at.Today;

    /// <summary>
    /// Who sees a meeting: a department head's meeting its department, its chair and the floor and GM
    /// (<see cref="Capability.Discipline"/>); the floor's and the GM's meetings everyone of the venue.
    /// </summary>
    public static IQueryable<Meeting> Visible(EncoreDb db, Guid venue, ClaimsPrincipal user, string myDepartment)
    {
        var me = user.StaffId();
        var all = user.Can(Capability.Discipline);
        return db.Set<Meeting>().Where(m => m.VenueId == venue && (all || m.Department == "" || m.ChairId == me || m.Department == myDepartment));
    }

    /// <summary>
    /// Check-in is over the house-rule minutes after the start (<c>attendance.meetingCheckInMinutes</c>, the rules in force
    /// now): whoever was expected and did not come is then absent. The minutes do not close it: a chair may write them
    /// while the meeting runs, and someone may still come in late.
    /// </summary>
    public static bool Ended(VenueNow at, Meeting m) => AttendancePolicy.MeetingCheckInClosed(m.StartsAt, at.Now, at.Rules);

    /// <summary>
    /// Who is expected. A department head's meeting: their team (the department's active members but the chair). The
    /// pre- and post-shift meetings of the floor: every active customer manager, since every manager works every night of a
    /// KTV (no rota: whoever is not on leave is on duty; leave shows as such). The floor's weekly and monthly meetings:
    /// the managers and the department heads. Read when asked, from the staff as they are.
    /// </summary>
    public static async Task<List<(Guid Id, string Badge, string Name, string Department)>> ExpectedAsync(EncoreDb db, Meeting m)
    {
        IQueryable<StaffMember> who = m.Department != ""
            ? db.Users.Where(u => u.VenueId == m.VenueId && u.Department == m.Department)
            : db.InRoles(m.VenueId, m.Kind is "preShift" or "postShift" ? [Roles.Manager] : [Roles.Manager, Roles.DepartmentHead]);
        var rows = await who.Where(u => u.IsActive && u.Id != m.ChairId).Select(u => new { u.Id, Badge = u.UserName!, u.Name, u.Department }).ToListAsync();
        return rows.Select(r => (r.Id, r.Badge, r.Name, r.Department)).ToList();
    }

    /// <summary>Each person expected or checked in, and how they stand: present, late, onLeave, absent, or expected (not come yet).</summary>
    public static async Task<List<MeetingAttendee>> AttendanceAsync(EncoreDb db, VenueNow at, Meeting m)
    {
        var expected = await ExpectedAsync(db, m);
        var checkIns = await (from c in db.Set<MeetingCheckIn>()
                              join u in db.Users on c.StaffId equals u.Id
                              where c.MeetingId == m.Id
                              select new { c.StaffId, c.At, c.Late, Badge = u.UserName!, u.Name, u.Department }).ToListAsync();
        var ids = expected.Select(e => e.Id).ToList();
        // On leave: an approved leave that covers the meeting's start (a whole night off, or a customer dinner at 19:00).
        var onLeave = (await db.LeaveRequests.Where(l => ids.Contains(l.StaffId) && l.Status == LeaveStatus.Approved && l.From <= m.StartsAt && l.To >= m.StartsAt)
            .Select(l => l.StaffId).ToListAsync()).ToHashSet();
        var ended = Ended(at, m);
        var list = new List<MeetingAttendee>();
        foreach (var e in expected)
        {
            var c = checkIns.FirstOrDefault(x => x.StaffId == e.Id);
            var status = c is not null ? (c.Late ? "late" : "present") : onLeave.Contains(e.Id) ? "onLeave" : ended ? "absent" : "expected";
            list.Add(new MeetingAttendee(e.Badge, e.Name, e.Department, status, at.Local(c?.At), true));
        }
        foreach (var c in checkIns.Where(c => !ids.Contains(c.StaffId)))
            list.Add(new MeetingAttendee(c.Badge, c.Name, c.Department, c.Late ? "late" : "present", at.Local(c.At), false));
        return list.OrderBy(a => a.Badge, StringComparer.Ordinal).ToList();
    }

    public static MeetingAttendanceCounts Counts(List<MeetingAttendee> list) => new(list.Count(a => a.Expected), list.Count(a => a.Status == "present"),
        list.Count(a => a.Status == "late"), list.Count(a => a.Status == "absent"), list.Count(a => a.Status == "onLeave"));

    public static async Task<MeetingView> ViewAsync(EncoreDb db, VenueNow at, Meeting m, ClaimsPrincipal user)
    {
        var attendance = await AttendanceAsync(db, at, m);
        var people = await db.BadgesAsync([m.ChairId, m.MinutesById ?? m.ChairId]);
        var chairName = await db.Users.Where(u => u.Id == m.ChairId).Select(u => u.Name).SingleAsync();
        var actions = await ActionViewsAsync(db, at, db.Set<MeetingAction>().Where(a => a.MeetingId == m.Id).OrderBy(a => a.Due).ThenBy(a => a.CreatedAt));
        var canRun = user.Can(Capability.RunMeetings) && (m.ChairId == user.StaffId() || user.Can(Capability.Discipline));
        return new MeetingView(m.Id, m.Kind, m.BusinessDay, at.Local(m.StartsAt), people[m.ChairId], chairName, m.Department, m.Agenda, MeetingsApi.ReadBrief(m.BriefJson),
            attendance, Counts(attendance), m.Minutes, m.MinutesById is { } by ? people[by] : null, at.Local(m.MinutesAt), actions, Ended(at, m),
            attendance.FirstOrDefault(a => a.Badge == user.Badge())?.Status, canRun);
    }
}
