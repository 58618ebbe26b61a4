using Encore.Web.Staff;
using Encore.Web.Rotation;
using Encore.Web.Bookings;
using Microsoft.AspNetCore.SignalR;

namespace Encore.Web.Discipline;

public sealed record LeaveInput(LeaveKind? Kind, string? From, string? To, string? Reason);

public sealed record LeaveDecisionInput(string? Note);

public sealed record LeaveView(Guid Id, string Badge, string Name, LeaveKind Kind, DateTimeOffset From, DateTimeOffset To, string Reason,
    LeaveStatus Status, string? DecidedBy, DateTimeOffset? DecidedAt, string DecisionNote, DateTimeOffset? BackAt, DateOnly BusinessDay, DateTimeOffset CreatedAt)
{
    /// <summary>What may be asked for next (approve, reject; back from an approved customer dinner), by status and kind.</summary>
    public IReadOnlyList<LeaveAction> AllowedActions => LeaveTransitions.Offered(Status, Kind);
}

public sealed record PingInput(IReadOnlyList<string>? Badges, string? Department, string? Message);

public sealed record PingAnswer(Guid Id, DateTimeOffset? AnsweredAt, bool InTime, bool OffPost);

public sealed record PingView(Guid Id, string Badge, string Name, string SentBy, DateTimeOffset SentAt, DateTimeOffset DueAt, DateTimeOffset? AnsweredAt,
    bool OffPost, string Message);

/// <summary>
/// API.md "Attendance": leave (请假) asked for with kind, time and reason, approved by the floor manager responsible
/// for the person's department (or the GM); a customer
/// dinner at least an hour ahead and back by the house-rule time (POST /api/leave/{id}/back). And pings (查岗): a
/// superior pings a person or a department; the phone shows it at once (hub "pinged"); an answer later than the
/// house-rule minutes is off-post (see <see cref="DisciplineSweeper"/>).
/// </summary>
public static class LeaveAndPingsApi
{

    public static void MapLeaveAndPingsApi(this IEndpointRouteBuilder app)
    {
        var leave = app.MapGroup("/api/leave").WithTags("Attendance").RequireAuthorization();
        leave.MapPost("/", RequestLeaveAsync).Answers<LeaveView>(StatusCodes.Status201Created).WithName("RequestLeave");
        leave.MapGet("/", async (HttpContext http, EncoreDb db, string? status, bool? mine) =>
            {
                var at = await http.Caller().NowAsync();
                var query = db.LeaveRequests.Where(l => l.VenueId == at.VenueId && l.CreatedAt >= at.Now.AddDays(-62));
                if (mine == true || !http.User.Can(Capability.Discipline)) { var me = http.User.StaffId(); query = query.Where(l => l.StaffId == me); }
                if (Enum.TryParse<LeaveStatus>(status, true, out var s)) query = query.Where(l => l.Status == s);
                return Results.Ok(await LeaveViewsAsync(db, query, at));
            })
            .Answers<List<LeaveView>>().WithName("ListLeave");
        leave.MapPost("/{id:guid}/approve", (Guid id, LeaveDecisionInput? input, HttpContext http, EncoreDb db, Board.BoardNotifier board) => DecideLeaveAsync(id, true, input, http, db, board))
            .Requires(Capability.Discipline).Answers<LeaveView>().WithName("ApproveLeave");
        leave.MapPost("/{id:guid}/reject", (Guid id, LeaveDecisionInput? input, HttpContext http, EncoreDb db, Board.BoardNotifier board) => DecideLeaveAsync(id, false, input, http, db, board))
            .Requires(Capability.Discipline).Answers<LeaveView>().WithName("RejectLeave");
        leave.MapPost("/{id:guid}/back", BackAsync).Answers<LeaveView>().WithName("BackFromLeave");

        var pings = app.MapGroup("/api/pings").WithTags("Attendance").RequireAuthorization();
        pings.MapPost("/", PingAsync).Requires(Capability.SendPings).Answers<List<PingView>>(StatusCodes.Status201Created).WithName("SendPing");
        pings.MapGet("/", async (HttpContext http, EncoreDb db, string? businessDay) =>
            {
                var at = await http.Caller().NowAsync();
                var me = http.User.StaffId();
                var query = db.Pings.Where(p => p.VenueId == at.VenueId && p.BusinessDay >= at.Today.AddDays(-31));
                if (!string.IsNullOrWhiteSpace(businessDay))
                {
                    if (Ranges.ParseDay("businessDay", businessDay, out var day) is { } refused) return refused;
                    query = query.Where(p => p.BusinessDay == day);
                }
                var all = http.User.Can(Capability.SeeAllPings);
                query = http.User.Can(Capability.SendPings) ? query.Where(p => p.StaffId == me || p.SentById == me || all) : query.Where(p => p.StaffId == me);
                return Results.Ok(await PingViewsAsync(db, query, at));
            })
            .Answers<List<PingView>>().WithName("ListPings");
        pings.MapPost("/{id:guid}/answer", AnswerAsync).Answers<PingAnswer>().WithName("AnswerPing");
    }

    public static async Task<List<LeaveView>> LeaveViewsAsync(EncoreDb db, IQueryable<LeaveRequest> query, VenueNow at)
    {
        var rows = await (from l in query join u in db.Users on l.StaffId equals u.Id orderby l.From descending select new { l, Badge = u.UserName!, u.Name }).ToListAsync();
        var ids = rows.Select(r => r.l.DecidedById).OfType<Guid>().Distinct().ToList();
        var badges = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName!);
        return rows.Select(r => new LeaveView(r.l.Id, r.Badge, r.Name, r.l.Kind, at.Local(r.l.From), at.Local(r.l.To), r.l.Reason, r.l.Status,
            r.l.DecidedById is { } d ? badges.GetValueOrDefault(d) : null, at.Local(r.l.DecidedAt), r.l.DecisionNote, at.Local(r.l.BackAt),
            r.l.BusinessDay, at.Local(r.l.CreatedAt))).ToList();
    }

    private static async Task<IResult> RequestLeaveAsync(LeaveInput input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var at = await http.Caller().NowAsync();
        var v = new Validator().Text("reason", input.Reason, 500);
        if (input.Kind is null) v.Add("kind", "required");
        else if (!Enum.IsDefined(input.Kind.Value)) v.Add("kind", "oneOf", "personal|sick|customerDinner");
        var from = at.ParseInstant(v, "from", input.From);
        var to = at.ParseInstant(v, "to", input.To);
        // Leave is asked for around now (a sick day noted afterwards, a holiday planned ahead): within a year of
        // today either way. Beyond, it is a typo, and a span of decades would weigh on every rotation check.
        var earliest = at.Now.AddDays(-Ranges.LeaveHorizonDays);
        var latest = at.Now.AddDays(Ranges.LeaveHorizonDays);
        foreach (var (field, instant) in new[] { ("from", from), ("to", to) })
            if (instant is { } i && (i < earliest || i > latest))
                v.Add(field, "range", at.Local(earliest).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), at.Local(latest).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (from is { } f && to is { } t && t <= f) v.Add("to", "order", "from");
        if (input.Kind == LeaveKind.CustomerDinner && from is { } start && !AttendancePolicy.DinnerNoticeOk(at.Now, start, at.Rules))
            v.Add("from", "dinnerNotice", at.Rules.Attendance.CustomerDinnerNoticeMinutes);
        if (!v.Ok) return v.ToResult();
        AuditScope.Name(http, "leave.request");
        var leave = new LeaveRequest
        {
            VenueId = at.VenueId, StaffId = http.User.StaffId(), BusinessDay = at.DayOf(from!.Value), Kind = input.Kind!.Value,
            From = from.Value, To = to!.Value, Reason = input.Reason!.Trim(), CreatedAt = at.Now,
        };
        db.LeaveRequests.Add(leave);
        await db.SaveChangesAsync();
        board.RotationChanged(at.VenueId);
        return Results.Created($"/api/leave/{leave.Id}", (await LeaveViewsAsync(db, db.LeaveRequests.Where(l => l.Id == leave.Id), at)).Single());
    }

    private static async Task<IResult> DecideLeaveAsync(Guid id, bool approve, LeaveDecisionInput? input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var v = new Validator().Text("note", input?.Note, 500, required: !approve);
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        var leave = await db.LeaveRequests.SingleOrDefaultAsync(l => l.Id == id && l.VenueId == at.VenueId);
        if (leave is null) return Problems.Rule(404, "leave.notFound");
        var action = approve ? LeaveAction.Approve : LeaveAction.Reject;
        if (!LeaveTransitions.CanMove(leave.Status, leave.Kind, action)) return Problems.Rule(409, "leave.decided");
        if (leave.StaffId == http.User.StaffId()) return Problems.Rule(403, "leave.notYourOwn");
        // SPEC.md: leave is approved by the person's direct floor manager — the one the GM made responsible for their
        // department — or the GM; another floor manager is refused, naming who decides. A department nobody is
        // responsible for yet leaves it to any floor manager, as before assignments existed.
        if (!http.User.Can(Capability.OverruleFloor))
        {
            var department = await db.Users.Where(u => u.Id == leave.StaffId).Select(u => u.Department).SingleAsync();
            if (await Departments.FloorManagerOfAsync(db, at.VenueId, department) is { } responsible && responsible != http.User.StaffId())
            {
                var badge = await db.Users.Where(u => u.Id == responsible).Select(u => u.UserName!).SingleAsync();
                return Problems.Rule(403, "leave.notTheirFloorManager", department, badge);
            }
        }
        AuditScope.Name(http, approve ? "leave.approve" : "leave.reject");
        leave.Status = LeaveTransitions.Apply(leave.Status, action);
        leave.DecidedById = http.User.StaffId();
        leave.DecidedAt = at.Now;
        leave.DecisionNote = input?.Note?.Trim() ?? "";
        await db.SaveChangesAsync();
        board.RotationChanged(at.VenueId);
        return Results.Ok((await LeaveViewsAsync(db, db.LeaveRequests.Where(l => l.Id == id), at)).Single());
    }

    private static async Task<IResult> BackAsync(Guid id, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var at = await http.Caller().NowAsync();
        var leave = await db.LeaveRequests.SingleOrDefaultAsync(l => l.Id == id && l.VenueId == at.VenueId && l.StaffId == http.User.StaffId());
        if (leave is null) return Problems.Rule(404, "leave.notFound");
        if (!LeaveTransitions.CanMove(leave.Status, leave.Kind, LeaveAction.Back)) return Problems.Rule(409, "leave.notApprovedDinner");
        if (leave.BackAt is not null) return Results.Ok((await LeaveViewsAsync(db, db.LeaveRequests.Where(l => l.Id == id), at)).Single());
        AuditScope.Name(http, "leave.back");
        leave.BackAt = at.Now;
        await db.SaveChangesAsync();
        board.RotationChanged(at.VenueId);
        return Results.Ok((await LeaveViewsAsync(db, db.LeaveRequests.Where(l => l.Id == id), at)).Single());
    }

    public static async Task<List<PingView>> PingViewsAsync(EncoreDb db, IQueryable<Ping> query, VenueNow at)
    {
        var rows = await (from p in query join u in db.Users on p.StaffId equals u.Id join s in db.Users on p.SentById equals s.Id
                          orderby p.SentAt descending select new { p, Badge = u.UserName!, u.Name, SentBy = s.UserName! }).ToListAsync();
        return rows.Select(r => new PingView(r.p.Id, r.Badge, r.Name, r.SentBy, at.Local(r.p.SentAt), at.Local(r.p.DueAt), at.Local(r.p.AnsweredAt), r.p.OffPost, r.p.Message)).ToList();
    }

    private static async Task<IResult> PingAsync(PingInput input, HttpContext http, EncoreDb db, Board.BoardNotifier board, Push.PushSender push)
    {
        var v = new Validator().Text("message", input.Message, 200, required: false).Text("department", input.Department, 50, required: false);
        var badges = input.Badges?.Where(b => !string.IsNullOrWhiteSpace(b)).Select(b => b.Trim().ToUpperInvariant()).Distinct().ToList() ?? [];
        if (badges.Count == 0 && string.IsNullOrWhiteSpace(input.Department)) v.Add("badges", "requiredEither", "department");
        if (badges.Count > 100) v.Add("badges", "maxItems", 100);
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        var department = input.Department?.Trim();
        var found = await db.Users.Where(u => u.VenueId == at.VenueId && u.IsActive && u.Id != http.User.StaffId()
                && (badges.Contains(u.NormalizedUserName!) || (department != null && department != "" && u.Department == department)))
            .Select(u => new { u.Id, u.NormalizedUserName, Badge = u.UserName!, u.Department }).ToListAsync();
        var unknown = badges.Except(found.Select(t => t.NormalizedUserName!)).ToList();
        if (unknown.Count > 0) return Problems.Validation("badges", "unknown");
        if (found.Count == 0) return Problems.Validation("department", "unknown");
        // One pings one's own people only (Oversight): a named badge out of reach is refused; a department ping
        // reaches those of the department the sender oversees.
        var caller = http.Caller();
        var myDepartment = await db.Users.Where(u => u.Id == caller.StaffId).Select(u => u.Department).SingleAsync();
        var targets = new List<Guid>();
        foreach (var person in found)
        {
            if (Oversight.Oversees(caller.Roles, myDepartment, await db.RolesOfAsync(person.Id), person.Department)) targets.Add(person.Id);
            else if (badges.Contains(person.NormalizedUserName!)) return Problems.Rule(403, "ping.notYourPeople", person.Badge);
        }
        if (targets.Count == 0) return Problems.Rule(403, "ping.notYourPeople", department ?? "");
        AuditScope.Name(http, "ping.send");
        var pings = targets.Select(t => new Ping
        {
            VenueId = at.VenueId, StaffId = t, SentById = http.User.StaffId(), BusinessDay = at.Today, SentAt = at.Now,
            DueAt = AttendancePolicy.PingDue(at.Now, at.Rules), Message = input.Message?.Trim() ?? "",
        }).ToList();
        db.Pings.AddRange(pings);
        await db.SaveChangesAsync();
        var ids = pings.Select(p => p.Id).ToList();
        var views = await PingViewsAsync(db, db.Pings.Where(p => ids.Contains(p.Id)), at);
        // Each pinged person's phone hears it once the pings are committed.
        foreach (var (ping, view) in pings.Zip(views.OrderBy(x => ids.IndexOf(x.Id))))
        {
            board.Post(at.VenueId, live => live.Clients.User(ping.StaffId.ToString()).SendAsync("pinged", view, live.Ct));
            // And through the browser's push service, for a phone where Encore is in the background or closed.
            var due = at.Local(view.DueAt).ToString("HH:mm", CultureInfo.InvariantCulture);
            push.Send([ping.StaffId], culture => new Push.PushNotice("ping", ping.Id,
                string.Format(culture, Texts.Get("ping.by", culture), view.SentBy),
                view.Message is { Length: > 0 } message ? message : string.Format(culture, Texts.Get("ping.answerBy", culture), due),
                "/attendance"));
        }
        return Results.Created("/api/pings", views);
    }

    private static async Task<IResult> AnswerAsync(Guid id, HttpContext http, EncoreDb db, Board.BoardNotifier board, TimeProvider clock)
    {
        var at = await http.Caller().NowAsync();
        Ping? ping;
        // The discipline sweeper may mark the ping off-post at the very moment it is answered (both bump its
        // version). The answer is then recorded on the row as the sweeper left it, at the time it is written: the
        // sweeper only marks a ping once its due time has passed, so an answer written after that is late, and the
        // record never says "answered in time" beside an off-post fine. Nor is the answer lost to a 409: the
        // version conflict runs the request again (Writes), on the row as the sweeper left it.
        ping = await db.Pings.SingleOrDefaultAsync(p => p.Id == id && p.VenueId == at.VenueId && p.StaffId == http.User.StaffId());
        if (ping is null) return Problems.Rule(404, "ping.notFound");
        if (ping.AnsweredAt is null)
        {
            AuditScope.Name(http, "ping.answer");
            ping.AnsweredAt = clock.GetUtcNow();
            ping.Version++;
            await db.SaveChangesAsync();
        }
        var view = (await PingViewsAsync(db, db.Pings.Where(p => p.Id == id), at)).Single();
        var sender = ping.SentById;
        board.Post(at.VenueId, live => live.Clients.User(sender.ToString()).SendAsync("pingAnswered", view, live.Ct));
        return Results.Ok(new PingAnswer(view.Id, view.AnsweredAt, AttendancePolicy.PingAnsweredInTime(ping.SentAt, ping.AnsweredAt, at.Rules), view.OffPost));
    }
}
