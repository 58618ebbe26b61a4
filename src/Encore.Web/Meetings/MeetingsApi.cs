using Encore.Web.Board;
using Encore.Web.Performance;
using Encore.Web.Staff;

namespace Encore.Web.Meetings;

public sealed record MeetingInput(string? Kind, string? StartsAt, string? Agenda);

public sealed record MeetingActionInput(string? Text, string? OwnerBadge, string? Due);

public sealed record MinutesInput(string? Minutes, List<MeetingActionInput>? Actions);

public sealed record MeetingCheckInResult(bool Late, DateTimeOffset At, DateTimeOffset StartsAt);

/// <summary>Tonight's bookings of one booker, for the pre-shift brief.</summary>
public sealed record BriefBookings(string Badge, string Name, int Count);

/// <summary>One earner's month to date against target, as GET /api/performance computes it (<see cref="StandingsSettings"/>).</summary>
public sealed record BriefTarget(string Badge, string Name, decimal Spend, decimal TargetSpend, int Rooms, int TargetRooms, decimal Attainment, decimal RoomsAttainment);

/// <summary>
/// The pre-filled part of a pre-shift meeting's agenda (班前会): tonight's bookings (how many, by booker) and the
/// month's targets to date. Structured, not prose: the page renders it in each reader's language, and the figures
/// remain numbers a later reader (or the minutes) can compare; the notices are the agenda's free text beside it.
/// </summary>
public sealed record PreShiftBrief(DateOnly BusinessDay, string Month, int Bookings, List<BriefBookings> ByManager, List<BriefTarget> Targets,
    decimal Spend, decimal TargetSpend, int Rooms, int TargetRooms);

/// <summary>One person at a meeting: present, late, absent, onLeave, or expected (not come yet, the meeting still open).</summary>
public sealed record MeetingAttendee(string Badge, string Name, string Department, string Status, DateTimeOffset? CheckedInAt, bool Expected);

public sealed record MeetingAttendanceCounts(int Expected, int Present, int Late, int Absent, int OnLeave);

public sealed record MeetingActionView(Guid Id, Guid MeetingId, string MeetingKind, DateOnly MeetingDay, string Text, string OwnerBadge, string OwnerName,
    DateOnly Due, bool Done, DateTimeOffset? DoneAt, string? DoneBy, bool Overdue);

public sealed record MeetingSummary(Guid Id, string Kind, DateOnly BusinessDay, DateTimeOffset StartsAt, string ChairBadge, string ChairName,
    bool Ended, bool HasMinutes, MeetingAttendanceCounts Counts, string? MyStatus);

public sealed record MeetingView(Guid Id, string Kind, DateOnly BusinessDay, DateTimeOffset StartsAt, string ChairBadge, string ChairName, string Department,
    string Agenda, PreShiftBrief? Brief, List<MeetingAttendee> Attendance, MeetingAttendanceCounts Counts, string? Minutes, string? MinutesBy,
    DateTimeOffset? MinutesAt, List<MeetingActionView> Actions, bool Ended, string? MyStatus, bool CanRun);

/// <summary>
/// API.md "Diary (工作日记), meetings, checklists, shift handover": meetings are called by the floor, a department head or
/// the GM; staff check in from the phone (late after the start, by the sign-in rule <see cref="AttendancePolicy.LateAfter"/>);
/// the chair writes the minutes with actions, which show on each owner's home page until done.
/// </summary>
public static class MeetingsApi
{
    public const int AgendaMax = 2000;
    public const int MinutesMax = 4000;
    public const int ActionTextMax = 500;
    public const int MaxActions = 30;
    public static readonly string[] Kinds = ["preShift", "postShift", "weekly", "monthly"];

    public static void MapMeetingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/meetings").WithTags("Meetings").RequireAuthorization();
        group.MapPost("/", CreateAsync).Requires(Capability.RunMeetings).Answers<MeetingView>(StatusCodes.Status201Created).WithName("CreateMeeting");
        group.MapGet("/", ListAsync).Answers<List<MeetingSummary>>().WithName("ListMeetings");
        group.MapGet("/{id:guid}", GetAsync).Answers<MeetingView>().WithName("GetMeeting");
        group.MapPost("/{id:guid}/check-in", CheckInAsync).Answers<MeetingCheckInResult>().WithName("CheckInAtMeeting");
        group.MapPut("/{id:guid}/minutes", MinutesAsync).Requires(Capability.RunMeetings).Answers<MeetingView>().WithName("WriteMeetingMinutes");
        group.MapGet("/actions", ActionsAsync).Answers<List<MeetingActionView>>().WithName("ListMeetingActions");
        group.MapPost("/actions/{id:guid}/done", DoneAsync).Answers<MeetingActionView>().WithName("FinishMeetingAction");
    }

    private static async Task<IResult> CreateAsync(MeetingInput input, HttpContext http, EncoreDb db, BoardNotifier board)
    {
        var at = await http.Caller().NowAsync();
        var v = new Validator().OneOf("kind", input.Kind, Kinds).Text("agenda", input.Agenda, AgendaMax, required: false);
        var startsAt = at.ParseInstant(v, "startsAt", input.StartsAt);
        if (!v.Ok) return v.ToResult();
        var me = http.User.StaffId();
        // A department head's meeting is their team's; the floor's and the GM's are the venue's.
        var department = http.User.Can(Capability.SeeDepartment) && !http.User.Can(Capability.Discipline)
            ? await db.Users.Where(u => u.Id == me).Select(u => u.Department).SingleAsync()
            : "";
        var agenda = input.Agenda?.Trim() ?? "";
        var day = at.DayOf(startsAt!.Value);
        // Pre-filled only when the chair gave no agenda of their own (API.md): their text is then the whole agenda.
        var brief = input.Kind == "preShift" && agenda.Length == 0 ? await BriefAsync(http, db, at, day) : null;
        AuditScope.Name(http, "meeting.create");
        var meeting = new Meeting
        {
            VenueId = at.VenueId, Kind = input.Kind!, BusinessDay = day, StartsAt = startsAt.Value, Agenda = agenda,
            BriefJson = brief is null ? null : JsonSerializer.Serialize(brief, BriefJson), ChairId = me, Department = department, CreatedAt = at.Now,
        };
        db.Set<Meeting>().Add(meeting);
        await db.SaveChangesAsync();
        board.MeetingChanged(at.VenueId, meeting.Id, meeting.BusinessDay);
        return Results.Created($"/api/meetings/{meeting.Id}", await MeetingQueries.ViewAsync(db, at, meeting, http.User));
    }

    private static readonly JsonSerializerOptions BriefJson = new(JsonSerializerDefaults.Web);

    internal static PreShiftBrief? ReadBrief(string? json) => json is null ? null : JsonSerializer.Deserialize<PreShiftBrief>(json, BriefJson);

    /// <summary>
    /// Tonight's bookings by booker and the month's standings to date. The standings come from the one computation of
    /// GET /api/performance (<see cref="StandingsSettings"/>), so the meeting is told the figures the standings page shows.
    /// </summary>
    public static async Task<PreShiftBrief> BriefAsync(HttpContext http, EncoreDb db, VenueNow at, DateOnly day)
    {
        var bookings = await (from b in db.Bookings
                              join u in db.Users on b.BookerId equals u.Id
                              where b.VenueId == at.VenueId && b.BusinessDay == day && b.Status != BookingStatus.Cancelled
                              group b by new { u.UserName, u.Name } into g
                              select new { Badge = g.Key.UserName!, g.Key.Name, Count = g.Count() }).ToListAsync();
        var first = new DateOnly(day.Year, day.Month, 1);
        var standings = await http.RequestServices.GetRequiredService<StandingsSettings>().StandingsAsync(db, at, first);
        var targets = standings.Where(s => s.Role == Roles.Manager)
            .Select(s => new BriefTarget(s.Badge, s.Name, s.Spend, s.TargetSpend, s.Rooms, s.TargetRooms, s.Attainment, s.RoomsAttainment))
            .OrderBy(t => t.Badge, StringComparer.Ordinal).ToList();
        return new PreShiftBrief(day, first.ToString("yyyy-MM", CultureInfo.InvariantCulture), bookings.Sum(b => b.Count),
            bookings.OrderByDescending(b => b.Count).ThenBy(b => b.Badge, StringComparer.Ordinal).Select(b => new BriefBookings(b.Badge, b.Name, b.Count)).ToList(),
            targets, targets.Sum(t => t.Spend), targets.Sum(t => t.TargetSpend), targets.Sum(t => t.Rooms), targets.Sum(t => t.TargetRooms));
    }

    private static async Task<IResult> ListAsync(HttpContext http, EncoreDb db, string? businessDay, string? from, string? to)
    {
        var at = await http.Caller().NowAsync();
        var v = new Validator();
        DateOnly first, last;
        if (!string.IsNullOrWhiteSpace(from) || !string.IsNullOrWhiteSpace(to))
        {
            first = v.Day("from", from, at.Today.AddDays(-6)) ?? at.Today;
            last = v.Day("to", to, at.Today) ?? at.Today;
            if (v.Ok && last < first) v.Add("to", "order", "from");
            if (v.Ok && last.DayNumber - first.DayNumber > 92) v.Add("to", "maxDaysAhead", 92);
        }
        else first = last = v.Day("businessDay", businessDay, at.Today) ?? at.Today;
        if (!v.Ok) return v.ToResult();
        var meetings = await MeetingQueries.Visible(db, at.VenueId, http.User, await MyDepartmentAsync(db, http))
            .Where(m => m.BusinessDay >= first && m.BusinessDay <= last).ToListAsync();
        var list = new List<MeetingSummary>();
        foreach (var m in meetings.OrderByDescending(m => m.StartsAt))
        {
            var attendance = await MeetingQueries.AttendanceAsync(db, at, m);
            var chair = await db.Users.Where(u => u.Id == m.ChairId).Select(u => new { Badge = u.UserName!, u.Name }).SingleAsync();
            list.Add(new MeetingSummary(m.Id, m.Kind, m.BusinessDay, at.Local(m.StartsAt), chair.Badge, chair.Name, MeetingQueries.Ended(at, m), m.Minutes is not null,
                MeetingQueries.Counts(attendance), attendance.FirstOrDefault(a => a.Badge == http.User.Badge())?.Status));
        }
        return Results.Ok(list);
    }

    private static Task<string> MyDepartmentAsync(EncoreDb db, HttpContext http)
    {
        var me = http.User.StaffId();
        return db.Users.Where(u => u.Id == me).Select(u => u.Department).SingleAsync();
    }

    private static async Task<Meeting?> FindAsync(EncoreDb db, HttpContext http, Guid venue, Guid id) =>
        await MeetingQueries.Visible(db, venue, http.User, await MyDepartmentAsync(db, http)).SingleOrDefaultAsync(m => m.Id == id);

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var meeting = await FindAsync(db, http, at.VenueId, id);
        if (meeting is null) return Problems.Rule(404, "meeting.notFound");
        return Results.Ok(await MeetingQueries.ViewAsync(db, at, meeting, http.User));
    }

    /// <summary>
    /// The caller checks in, once. Late after the start by the house's one lateness rule (<see cref="AttendancePolicy.LateAfter"/>).
    /// A late check-in is recorded on the meeting and shown to the chair, and nothing more: it does not touch the night's
    /// attendance row, pay, booking rights or fines. SPEC.md attaches those consequences to the sign-in (by 18:00, before the
    /// 19:00 meeting), so a second penalty for the same evening would be double; a chair who wants a fine raises one.
    /// </summary>
    private static async Task<IResult> CheckInAsync(Guid id, HttpContext http, EncoreDb db, BoardNotifier board)
    {
        var at = await http.Caller().NowAsync();
        var meeting = await FindAsync(db, http, at.VenueId, id);
        if (meeting is null) return Problems.Rule(404, "meeting.notFound");
        var me = http.User.StaffId();
        var already = await db.Set<MeetingCheckIn>().Where(c => c.MeetingId == id && c.StaffId == me).Select(c => (DateTimeOffset?)c.At).SingleOrDefaultAsync();
        if (already is { } when) return Problems.Rule(409, "meeting.alreadyCheckedIn", at.HourMinute(when));
        if (MeetingQueries.Ended(at, meeting))
            return Problems.Rule(409, "meeting.ended", at.HourMinute(AttendancePolicy.MeetingCheckInClosesAt(meeting.StartsAt, at.Rules)));
        if (at.Today < meeting.BusinessDay) return Problems.Rule(409, "meeting.notYet", meeting.BusinessDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        AuditScope.Name(http, "meeting.checkIn");
        var checkIn = new MeetingCheckIn { VenueId = at.VenueId, MeetingId = id, StaffId = me, At = at.Now, Late = AttendancePolicy.LateAfter(meeting.StartsAt, at.Now) };
        db.Set<MeetingCheckIn>().Add(checkIn);
        await db.SaveChangesAsync();
        board.MeetingChanged(at.VenueId, meeting.Id, meeting.BusinessDay);
        return Results.Ok(new MeetingCheckInResult(checkIn.Late, at.Local(checkIn.At), at.Local(meeting.StartsAt)));
    }

    /// <summary>The chair (or the floor and the GM, who run every meeting) writes the minutes; the actions not yet done are replaced by those given.</summary>
    private static async Task<IResult> MinutesAsync(Guid id, MinutesInput input, HttpContext http, EncoreDb db, BoardNotifier board)
    {
        var at = await http.Caller().NowAsync();
        var v = new Validator().Text("minutes", input.Minutes, MinutesMax);
        var actions = input.Actions ?? [];
        if (actions.Count > MaxActions) v.Add("actions", "maxItems", MaxActions);
        var owners = new Guid[actions.Count];
        var dues = new DateOnly[actions.Count];
        for (var i = 0; i < Math.Min(actions.Count, MaxActions); i++)
        {
            var a = actions[i];
            if (a is null) { v.Add($"actions[{i}]", "required"); continue; }
            v.Text($"actions[{i}].text", a.Text, ActionTextMax).Text($"actions[{i}].ownerBadge", a.OwnerBadge, 32);
            var due = v.Day($"actions[{i}].due", a.Due);
            if (due is { } d && d < at.Today) v.Add($"actions[{i}].due", "notInPast");
            if (!string.IsNullOrWhiteSpace(a.OwnerBadge) && a.OwnerBadge.Length <= 32)
            {
                var owner = await db.StaffIdAsync(at.VenueId, a.OwnerBadge, activeOnly: true);
                if (owner is null) v.Add($"actions[{i}].ownerBadge", "unknown");
                else owners[i] = owner.Value;
            }
            if (due is { } ok) dues[i] = ok;
        }
        if (!v.Ok) return v.ToResult();
        var meeting = await FindAsync(db, http, at.VenueId, id);
        if (meeting is null) return Problems.Rule(404, "meeting.notFound");
        var me = http.User.StaffId();
        if (meeting.ChairId != me && !http.User.Can(Capability.Discipline)) return Problems.Rule(403, "meeting.notChair");
        AuditScope.Name(http, "meeting.minutes");
        meeting.Minutes = input.Minutes!.Trim();
        meeting.MinutesById = me;
        meeting.MinutesAt = at.Now;
        meeting.Version++;
        // Done actions are history and stay; the open ones are the chair's to restate.
        var open = await db.Set<MeetingAction>().Where(a => a.MeetingId == id && a.DoneAt == null).ToListAsync();
        db.Set<MeetingAction>().RemoveRange(open);
        for (var i = 0; i < actions.Count; i++)
            db.Set<MeetingAction>().Add(new MeetingAction
            {
                VenueId = at.VenueId, MeetingId = id, Text = actions[i].Text!.Trim(), OwnerId = owners[i], Due = dues[i], CreatedAt = at.Now,
            });
        await db.SaveChangesAsync();
        board.MeetingChanged(at.VenueId, meeting.Id, meeting.BusinessDay);
        return Results.Ok(await MeetingQueries.ViewAsync(db, at, meeting, http.User));
    }

    private static async Task<IResult> ActionsAsync(HttpContext http, EncoreDb db, string? owner, bool? open)
    {
        var at = await http.Caller().NowAsync();
        var query = db.Set<MeetingAction>().Where(a => a.VenueId == at.VenueId);
        var who = string.IsNullOrWhiteSpace(owner) ? "me" : owner.Trim();
        if (who == "me") { var me = http.User.StaffId(); query = query.Where(a => a.OwnerId == me); }
        else
        {
            // Others' actions (or all of them) are for those who run meetings.
            if (!http.User.Can(Capability.RunMeetings)) return Problems.Rule(403, "meeting.onlyOwnActions");
            if (who != "all")
            {
                if (who.Length > 32) return Problems.Validation("owner", "maxLength", 32);
                var id = await db.StaffIdAsync(at.VenueId, who);
                if (id is null) return Problems.Validation("owner", "unknown");
                query = query.Where(a => a.OwnerId == id);
            }
        }
        if (open == true) query = query.Where(a => a.DoneAt == null);
        return Results.Ok(await MeetingQueries.ActionViewsAsync(db, at, query.OrderBy(a => a.Due).ThenBy(a => a.CreatedAt).Take(500)));
    }

    private static async Task<IResult> DoneAsync(Guid id, HttpContext http, EncoreDb db, BoardNotifier board)
    {
        var at = await http.Caller().NowAsync();
        var action = await db.Set<MeetingAction>().SingleOrDefaultAsync(a => a.Id == id && a.VenueId == at.VenueId);
        if (action is null) return Problems.Rule(404, "meeting.actionNotFound");
        var meeting = await db.Set<Meeting>().SingleAsync(m => m.Id == action.MeetingId);
        var me = http.User.StaffId();
        if (action.OwnerId != me && meeting.ChairId != me) return Problems.Rule(403, "meeting.actionNotYours");
        if (action.DoneAt is { } done) return Problems.Rule(409, "meeting.actionDone", at.Local(done).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        AuditScope.Name(http, "meeting.actionDone");
        action.DoneAt = at.Now;
        action.DoneById = me;
        await db.SaveChangesAsync();
        board.MeetingChanged(at.VenueId, meeting.Id, meeting.BusinessDay);
        return Results.Ok((await MeetingQueries.ActionViewsAsync(db, at, db.Set<MeetingAction>().Where(a => a.Id == id))).Single());
    }
}
