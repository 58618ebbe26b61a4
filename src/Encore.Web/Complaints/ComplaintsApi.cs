using CustomerRules = Encore.Web.Customers.CustomerRules;
using Encore.Web.Discipline;
using Encore.Web.Staff;

namespace Encore.Web.Complaints;

public sealed record ComplaintInput(string? Category, string? Severity, string? Description, string? RoomNumber, Guid? CustomerId,
    string? GuestName, string? GuestPhone, List<string>? StaffBadges);

public sealed record ComplaintActionInput(string? Kind, string? Note, decimal? Value, Guid? ApprovalId);

public sealed record ResolveInput(string? Resolution, int? Satisfaction);

public sealed record ComplaintFineInput(string? Badge, decimal? Amount, decimal? Tip, string? Evidence);

public sealed record ComplaintActionView(Guid Id, ComplaintActionKind Kind, string Note, decimal? Value, string? By, DateTimeOffset At);

public sealed record ComplaintFineView(Guid Id, string Badge, string Type, decimal Fine, ViolationStatus Status);

/// <param name="GuestPhone">In full for who sees the complaint's customer file (the floor, the GM, the customer's owner) and the desk that took it; masked otherwise.</param>
/// <param name="Overdue">A time limit has passed without what it asks for (on the venue's clock, now).</param>
/// <param name="EscalatedTo">Who the overdue complaint is with now: departmentHead, floorManager or gm.</param>
public sealed record ComplaintView(Guid Id, ComplaintStatus Status, ComplaintCategory Category, ComplaintSeverity Severity, ComplaintSource Source,
    string Description, string? RoomNumber, Guid? CustomerId, string? CustomerName, string GuestName, string GuestPhone,
    string? ManagerBadge, string? ManagerName, IReadOnlyList<string> StaffBadges, string? CreatedBy, DateTimeOffset CreatedAt, DateOnly BusinessDay,
    DateTimeOffset AcknowledgeBy, DateTimeOffset SolutionBy, DateTimeOffset FinalBy,
    DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, DateTimeOffset? ResolvedAt, string? ResolvedBy, string Resolution, int? Satisfaction,
    bool Overdue, EscalationLevel? EscalatedTo, bool ResolvedLate, IReadOnlyList<ComplaintActionView> Actions, IReadOnlyList<ComplaintFineView> Fines)
{
    /// <summary>What the complaint's status allows next (acknowledge, act, resolve, fine); who may is the route's to say.</summary>
    public IReadOnlyList<ComplaintMove> AllowedActions => ComplaintTransitions.Offered(Status);
}

/// <param name="GuestRating">On byManager rows: the average of the guests' own ratings (1–5) of the manager's room sessions of the period, through the guest link.</param>
public sealed record StatsRow(string Key, string Name, int Count, int Overdue, decimal? Satisfaction, decimal? GuestRating = null);

/// <summary>GET /api/complaints/stats: counts over the business days from–to, of the complaints the caller may see.</summary>
public sealed record ComplaintStats(DateOnly From, DateOnly To, int Total, int Open, int Overdue, int ResolvedLate, decimal? Satisfaction,
    IReadOnlyList<StatsRow> ByCategory, IReadOnlyList<StatsRow> ByManager, IReadOnlyList<StatsRow> ByRoom, IReadOnlyList<StatsRow> ByDay);

/// <summary>
/// API.md "Complaints": intake by any member of staff, acknowledgement and actions on the spot (comps through the
/// giver's authority and the approvals), resolution with the guest's satisfaction, fines proposed from a complaint
/// into the usual confirm/appeal flow, and statistics. The time limits are house rules on the venue's clock and
/// working calendar (<see cref="ComplaintDeadlines"/>); an overdue complaint is escalated department head → floor
/// manager → GM (<see cref="ComplaintSweeper"/> announces each step live).
/// </summary>
public static class ComplaintsApi
{
    private static readonly string[] CategoryCodes = Enum.GetValues<ComplaintCategory>().Select(c => c.Code()).ToArray();
    private static readonly string[] SeverityCodes = Enum.GetValues<ComplaintSeverity>().Select(c => c.Code()).ToArray();
    private static readonly string[] KindCodes = Enum.GetValues<ComplaintActionKind>().Select(c => c.Code()).ToArray();
    private static readonly string[] StatusCodes_ = Enum.GetValues<ComplaintStatus>().Select(c => c.Code()).ToArray();
    private const int MaxStaffNamed = 20;

    public static void MapComplaintsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/complaints").WithTags("Complaints").RequireAuthorization();
        group.MapGet("/", ListAsync).Answers<List<ComplaintView>>().WithName("ListComplaints");
        group.MapGet("/stats", StatsAsync).Answers<ComplaintStats>().WithName("ComplaintStats");
        group.MapGet("/{id:guid}", GetAsync).Answers<ComplaintView>().WithName("GetComplaint");
        group.MapPost("/", CreateAsync).Answers<ComplaintView>(StatusCodes.Status201Created).WithName("CreateComplaint");
        group.MapPost("/{id:guid}/acknowledge", AcknowledgeAsync).Answers<ComplaintView>().WithName("AcknowledgeComplaint");
        group.MapPost("/{id:guid}/actions", ActAsync).Answers<ComplaintView>().WithName("AddComplaintAction");
        group.MapPost("/{id:guid}/resolve", ResolveAsync).Requires(Capability.ResolveComplaints).Answers<ComplaintView>().WithName("ResolveComplaint");
        group.MapPost("/{id:guid}/fine", FineAsync).Requires(Capability.ResolveComplaints).Answers<ViolationView>(StatusCodes.Status201Created).WithName("FineFromComplaint");
    }

    /// <summary>
    /// Who sees a complaint: the floor, the GM and the desk every one; a department head those whose manager or named
    /// staff are in their department; anyone else those about their own guests (the complaint's manager), naming them,
    /// or that they took.
    /// </summary>
    public static async Task<IQueryable<Complaint>> VisibleAsync(EncoreDb db, ClaimsPrincipal user)
    {
        var venue = user.VenueId();
        var query = db.Complaints.Where(c => c.VenueId == venue);
        if (user.Can(Capability.SeeAllComplaints)) return query;
        var me = user.StaffId();
        if (user.Can(Capability.SeeDepartment))
        {
            var department = await db.Users.Where(u => u.Id == me).Select(u => u.Department).SingleAsync();
            return query.Where(c => c.ManagerId == me || c.CreatedById == me || db.ComplaintStaff.Any(s => s.ComplaintId == c.Id && s.StaffId == me)
                                    || db.Users.Any(u => u.Department == department && (u.Id == c.ManagerId || db.ComplaintStaff.Any(s => s.ComplaintId == c.Id && s.StaffId == u.Id))));
        }
        return query.Where(c => c.ManagerId == me || c.CreatedById == me || db.ComplaintStaff.Any(s => s.ComplaintId == c.Id && s.StaffId == me));
    }

    public static async Task<List<ComplaintView>> ViewsAsync(EncoreDb db, IQueryable<Complaint> query, VenueNow at, ClaimsPrincipal user)
    {
        var rows = await (from c in query
                          join r in db.Rooms on c.RoomId equals r.Id into rooms
                          from r in rooms.DefaultIfEmpty()
                          join cu in db.Customers on c.CustomerId equals cu.Id into customers
                          from cu in customers.DefaultIfEmpty()
                          select new { c, Room = r == null ? null : r.Number, Customer = cu }).AsNoTracking().ToListAsync();
        var ids = rows.Select(r => r.c.Id).ToList();
        var named = await db.ComplaintStaff.Where(s => ids.Contains(s.ComplaintId)).ToListAsync();
        var actions = await db.ComplaintActions.Where(a => ids.Contains(a.ComplaintId)).OrderBy(a => a.At).ToListAsync();
        var fines = await (from v in db.Violations join u in db.Users on v.StaffId equals u.Id
                           where v.ComplaintId != null && ids.Contains(v.ComplaintId.Value)
                           orderby v.At select new { v.ComplaintId, v.Id, Badge = u.UserName!, v.Kind, v.Amount, v.Status }).ToListAsync();
        var people = rows.SelectMany(r => new[] { r.c.ManagerId, r.c.CreatedById, r.c.AcknowledgedById, r.c.ResolvedById })
            .Concat(named.Select(n => (Guid?)n.StaffId)).Concat(actions.Select(a => (Guid?)a.ById)).OfType<Guid>().Distinct().ToList();
        var staff = await db.Users.Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new { Badge = u.UserName!, u.Name });
        string? Badge(Guid? id) => id is { } i && staff.TryGetValue(i, out var s) ? s.Badge : null;
        var me = user.StaffId();
        bool SeesPhone(Complaint c, Customer? customer) =>
            user.Can(Capability.ManageAllCustomers) || user.Can(Capability.SeeBookingPhones) || c.CreatedById == me
            || (customer is not null && customer.OwnerId == me) || (customer is null && c.ManagerId == me);

        return rows.Select(r =>
        {
            var c = r.c;
            var escalation = c.Deadlines.EscalationAt(c.Status, at.Now);
            var phone = c.GuestPhone == "" || SeesPhone(c, r.Customer) ? c.GuestPhone : CustomerRules.Mask(c.GuestPhone);
            return new ComplaintView(c.Id, c.Status, c.Category, c.Severity, c.Source, c.Description, r.Room, c.CustomerId, r.Customer?.Name,
                c.GuestName, phone, Badge(c.ManagerId), c.ManagerId is { } m && staff.TryGetValue(m, out var mgr) ? mgr.Name : null,
                named.Where(n => n.ComplaintId == c.Id).Select(n => Badge(n.StaffId)).OfType<string>().Order(StringComparer.Ordinal).ToList(),
                c.Source == ComplaintSource.Guest ? "guest" : Badge(c.CreatedById), at.Local(c.CreatedAt), c.BusinessDay,
                at.Local(c.AcknowledgeBy), at.Local(c.SolutionBy), at.Local(c.FinalBy),
                at.Local(c.AcknowledgedAt), Badge(c.AcknowledgedById), at.Local(c.ResolvedAt), Badge(c.ResolvedById), c.Resolution, c.Satisfaction,
                escalation != EscalationLevel.None, escalation == EscalationLevel.None ? null : escalation,
                c.ResolvedAt is { } done && done > c.SolutionBy,
                actions.Where(a => a.ComplaintId == c.Id).Select(a => new ComplaintActionView(a.Id, a.Kind, a.Note, a.Value, Badge(a.ById), at.Local(a.At))).ToList(),
                fines.Where(f => f.ComplaintId == c.Id).Select(f => new ComplaintFineView(f.Id, f.Badge, f.Kind, f.Amount, f.Status)).ToList());
        })
            // Overdue first, the furthest escalated first among them; then the newest.
            .OrderByDescending(v => v.EscalatedTo ?? EscalationLevel.None).ThenByDescending(v => v.CreatedAt).ToList();
    }

    private static async Task<ComplaintView> ViewAsync(EncoreDb db, Guid id, VenueNow at, ClaimsPrincipal user) =>
        (await ViewsAsync(db, db.Complaints.Where(c => c.Id == id), at, user)).Single();

    private static async Task<IResult> ListAsync(HttpContext http, EncoreDb db, string? status, bool? overdue, string? from, string? to)
    {
        var v = new Validator().OneOf("status", status, StatusCodes_, required: false);
        var at = await http.Caller().NowAsync();
        var first = v.Day("from", from, DateOnly.MinValue);
        var last = v.Day("to", to, DateOnly.MaxValue);
        if (!v.Ok) return v.ToResult();
        var query = (await VisibleAsync(db, http.User)).Where(c => c.BusinessDay >= first!.Value && c.BusinessDay <= last!.Value);
        if (Codes.TryParse<ComplaintStatus>(status, out var wanted)) query = query.Where(c => c.Status == wanted);
        // Overdue is a reading of the clock: only the unresolved can be, and the views decide which of them are.
        if (overdue == true) query = query.Where(c => c.Status != ComplaintStatus.Resolved && (c.AcknowledgeBy < at.Now || c.SolutionBy < at.Now));
        var views = await ViewsAsync(db, query, at, http.User);
        if (overdue is { } o) views = views.Where(x => x.Overdue == o).ToList();
        return Results.Ok(views);
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var visible = await VisibleAsync(db, http.User);
        if (!await visible.AnyAsync(c => c.Id == id)) return Problems.Rule(404, "complaint.notFound");
        return Results.Ok(await ViewAsync(db, id, at, http.User));
    }

    private static async Task<IResult> CreateAsync(ComplaintInput input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var v = new Validator().OneOf("category", input.Category, CategoryCodes).OneOf("severity", input.Severity, SeverityCodes)
            .Text("description", input.Description, 2000).Text("roomNumber", input.RoomNumber, 16, required: false)
            .Text("guestName", input.GuestName, 50, required: false);
        if (!string.IsNullOrWhiteSpace(input.GuestPhone)) CustomerRules.Phone(v, "guestPhone", input.GuestPhone);
        if (input.StaffBadges is { Count: > MaxStaffNamed }) v.Add("staffBadges", "maxItems", MaxStaffNamed);
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        Room? room = null;
        if (!string.IsNullOrWhiteSpace(input.RoomNumber))
        {
            room = await db.Rooms.SingleOrDefaultAsync(r => r.VenueId == at.VenueId && r.Number == input.RoomNumber.Trim());
            if (room is null) return Problems.Validation("roomNumber", "unknown");
        }
        Customer? customer = null;
        if (input.CustomerId is { } customerId)
        {
            customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId && c.VenueId == at.VenueId);
            if (customer is null) return Problems.Validation("customerId", "unknown");
        }
        var staffIds = new List<Guid>();
        foreach (var (badge, i) in (input.StaffBadges ?? []).Select((b, i) => (b, i)))
        {
            if (await db.StaffIdAsync(at.VenueId, badge) is not { } staffId) return Problems.Validation($"staffBadges[{i}]", "unknown");
            staffIds.Add(staffId);
        }
        AuditScope.Name(http, "complaint.create");
        var complaint = await ComplaintIntake.OpenAsync(db, at, new ComplaintIntake.Draft(
            Codes.Parse<ComplaintCategory>(input.Category!), Codes.Parse<ComplaintSeverity>(input.Severity!), ComplaintSource.Staff,
            input.Description!.Trim(), room, null, customer, input.GuestName?.Trim() ?? customer?.Name ?? "",
            CustomerRules.ValidPhone(input.GuestPhone) ?? customer?.Phone ?? "", staffIds, http.User.StaffId()));
        await db.SaveChangesAsync();
        board.ComplaintChanged(at.VenueId, complaint.Id);
        return Results.Created($"/api/complaints/{complaint.Id}", await ViewAsync(db, complaint.Id, at, http.User));
    }

    /// <summary>The complaint if the caller may handle it: who holds <see cref="Capability.HandleComplaints"/> and sees it, or its own manager.</summary>
    private static async Task<(Complaint? Complaint, IResult? Refused)> ForHandlingAsync(Guid id, HttpContext http, EncoreDb db)
    {
        var visible = await VisibleAsync(db, http.User);
        var complaint = await visible.SingleOrDefaultAsync(c => c.Id == id);
        if (complaint is null) return (null, Problems.Rule(404, "complaint.notFound"));
        if (!http.User.Can(Capability.HandleComplaints) && complaint.ManagerId != http.User.StaffId())
            return (null, Problems.Rule(403, "complaint.notYours"));
        return (complaint, null);
    }

    private static async Task<IResult> AcknowledgeAsync(Guid id, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var (complaint, refused) = await ForHandlingAsync(id, http, db);
        if (refused is not null) return refused;
        if (!ComplaintTransitions.CanMove(complaint!.Status, ComplaintMove.Acknowledge)) return Problems.Rule(409, "complaint.notOpen");
        var at = await http.Caller().NowAsync();
        AuditScope.Name(http, "complaint.acknowledge");
        Acknowledge(complaint, ComplaintMove.Acknowledge, http.User.StaffId(), at.Now);
        await db.SaveChangesAsync();
        board.ComplaintChanged(at.VenueId, id);
        return Results.Ok(await ViewAsync(db, id, at, http.User));
    }

    private static void Acknowledge(Complaint complaint, ComplaintMove move, Guid by, DateTimeOffset now)
    {
        if (complaint.Status == ComplaintStatus.Open)
        {
            complaint.AcknowledgedAt = now;
            complaint.AcknowledgedById = by;
        }
        complaint.Status = ComplaintTransitions.Apply(complaint.Status, move);
        complaint.Version++;
    }

    /// <summary>
    /// An action taken about the complaint. A comp on the spot is within the giver's authority (house rules
    /// authority.*.maxCompValue) or under a granted approval for the complaint's room session that covers its value;
    /// otherwise 403 naming the approval needed, as closing a bill would. A discount is recorded here and applied, with
    /// its own authority check, on the room's bill.
    /// </summary>
    private static async Task<IResult> ActAsync(Guid id, ComplaintActionInput input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var v = new Validator().OneOf("kind", input.Kind, KindCodes).Text("note", input.Note, 1000)
            .Range("value", input.Value, 0.01m, Ranges.ItemMax, required: false);
        if (input.Value is { } money && decimal.Round(money, 2) != money) v.Add("value", "money");
        var known = Codes.TryParse<ComplaintActionKind>(input.Kind, out var kind);
        if (known && kind is ComplaintActionKind.Comp or ComplaintActionKind.Discount && input.Value is null) v.Add("value", "required");
        if (!v.Ok) return v.ToResult();
        var (complaint, refused) = await ForHandlingAsync(id, http, db);
        if (refused is not null) return refused;
        if (!ComplaintTransitions.CanMove(complaint!.Status, ComplaintMove.Act)) return Problems.Rule(409, "complaint.resolved");
        var at = await http.Caller().NowAsync();
        if (kind == ComplaintActionKind.Comp)
        {
            var authority = await Training.TrainingGate.AuthorityOfAsync(db, at, http.User.StaffId(), http.Caller().Roles);
            if (authority.MaxCompValue is { } max && input.Value > max)
            {
                var approval = input.ApprovalId is { } approvalId && complaint.SessionId is { } session
                    ? await db.Approvals.SingleOrDefaultAsync(a => a.Id == approvalId && a.SessionId == session && a.Status == ApprovalStatus.Granted)
                    : null;
                if (approval is null || approval.CompsValue < input.Value) return Problems.Rule(403, "authority.compsNeedApproval", input.Value!.Value, max);
            }
        }
        AuditScope.Name(http, "complaint.act");
        db.ComplaintActions.Add(new ComplaintAction
        {
            ComplaintId = id, Kind = kind, Note = input.Note!.Trim(), Value = input.Value, ApprovalId = input.ApprovalId, ById = http.User.StaffId(), At = at.Now,
        });
        Acknowledge(complaint, ComplaintMove.Act, http.User.StaffId(), at.Now);
        await db.SaveChangesAsync();
        board.ComplaintChanged(at.VenueId, id);
        return Results.Ok(await ViewAsync(db, id, at, http.User));
    }

    private static async Task<IResult> ResolveAsync(Guid id, ResolveInput input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var v = new Validator().Text("resolution", input.Resolution, 2000).Range("satisfaction", input.Satisfaction, 1, 5);
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        var complaint = await db.Complaints.SingleOrDefaultAsync(c => c.Id == id && c.VenueId == at.VenueId);
        if (complaint is null) return Problems.Rule(404, "complaint.notFound");
        if (!ComplaintTransitions.CanMove(complaint.Status, ComplaintMove.Resolve)) return Problems.Rule(409, "complaint.resolved");
        AuditScope.Name(http, "complaint.resolve");
        if (complaint.Status == ComplaintStatus.Open) { complaint.AcknowledgedAt = at.Now; complaint.AcknowledgedById = http.User.StaffId(); }
        complaint.Status = ComplaintTransitions.Apply(complaint.Status, ComplaintMove.Resolve);
        complaint.Resolution = input.Resolution!.Trim();
        complaint.Satisfaction = input.Satisfaction;
        complaint.ResolvedAt = at.Now;
        complaint.ResolvedById = http.User.StaffId();
        complaint.Version++;
        await db.SaveChangesAsync();
        board.ComplaintChanged(at.VenueId, id);
        return Results.Ok(await ViewAsync(db, id, at, http.User));
    }

    /// <summary>
    /// A fine proposed on the responsible person from a complaint: the catalogue's <c>complaint</c> type (its house-rule
    /// range; the minimum when no amount is given), or <c>tips</c> for a tips complaint (5× → 10× → dismissal by the
    /// person's standing tips offences, from the tip). Shared 40/30/30 by the type's house rule, proposed (the floor
    /// confirms it as any proposed fine), and linked both ways: the violation names the complaint, the complaint lists it.
    /// </summary>
    private static async Task<IResult> FineAsync(Guid id, ComplaintFineInput input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var v = new Validator().Text("badge", input.Badge, 32).Text("evidence", input.Evidence, 2000, required: false);
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        var complaint = await db.Complaints.SingleOrDefaultAsync(c => c.Id == id && c.VenueId == at.VenueId);
        if (complaint is null) return Problems.Rule(404, "complaint.notFound");
        var offender = await db.StaffIdAsync(at.VenueId, input.Badge, activeOnly: true);
        if (offender is null) return Problems.Validation("badge", "unknown");
        var tips = complaint.Category == ComplaintCategory.Tips;
        var typeCode = tips ? "tips" : "complaint";
        var type = await db.ViolationTypes.SingleOrDefaultAsync(t => t.VenueId == at.VenueId && t.Code == typeCode);
        if (type is null || !type.Active) return Problems.Rule(409, "complaint.typeInactive", typeCode);
        var (fine, dismissal, refused) = await Fines.AmountAsync(db, type, offender.Value, input.Amount, input.Tip, "amount", at.Rules);
        if (refused is not null) return refused;
        AuditScope.Name(http, "complaint.fine");
        var evidence = string.IsNullOrWhiteSpace(input.Evidence)
            ? string.Format(CultureInfo.InvariantCulture, Texts.Get("complaint.fineEvidence", CultureInfo.GetCultureInfo("zh-CN")), at.Local(complaint.CreatedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                complaint.Description.Length > 200 ? complaint.Description[..200] + "…" : complaint.Description)
            : input.Evidence.Trim();
        var charges = await Fines.RaiseAsync(db, new Fines.Incident(at.VenueId, offender.Value, typeCode, fine, at.Today, at.Now, evidence,
            http.User.StaffId(), ViolationStatus.Proposed, ViolationCatalogue.SharedOf(typeCode, at.Rules), Tip: tips ? input.Tip : null, Dismissal: dismissal), at.Rules);
        foreach (var charge in charges) charge.ComplaintId = complaint.Id;
        complaint.Version++;
        await db.SaveChangesAsync();
        var ids = charges.Select(c => c.Id).ToList();
        board.ViolationsChanged(at.VenueId, ids);
        board.ComplaintChanged(at.VenueId, id);
        var views = await ViolationsApi.ViewsAsync(db, db.Violations.Where(x => ids.Contains(x.Id)), at, http);
        // The shares come first in the list (floor manager, department head): the answer is the person's own charge.
        var own = charges.First(c => c.StaffId == offender.Value);
        var offenderView = views.First(x => x.Id == own.Id);
        return Results.Created($"/api/violations/{offenderView.Id}", offenderView);
    }

    private static async Task<IResult> StatsAsync(HttpContext http, EncoreDb db, string? from, string? to)
    {
        var at = await http.Caller().NowAsync();
        var v = new Validator();
        var first = v.Day("from", from, new DateOnly(at.Today.Year, at.Today.Month, 1));
        var last = v.Day("to", to, at.Today);
        if (v.Ok && last < first) v.Add("to", "order", "from");
        if (!v.Ok) return v.ToResult();
        var query = (await VisibleAsync(db, http.User)).Where(c => c.BusinessDay >= first!.Value && c.BusinessDay <= last!.Value);
        var rows = await (from c in query
                          join r in db.Rooms on c.RoomId equals r.Id into rooms
                          from r in rooms.DefaultIfEmpty()
                          join u in db.Users on c.ManagerId equals u.Id into managers
                          from u in managers.DefaultIfEmpty()
                          select new { c.Category, c.Status, c.Satisfaction, c.BusinessDay, c.AcknowledgeBy, c.SolutionBy, c.FinalBy, c.ResolvedAt,
                              Room = r == null ? null : r.Number, Badge = u == null ? null : u.UserName, Manager = u == null ? null : u.Name }).ToListAsync();
        var culture = CultureInfo.CurrentUICulture;
        bool Overdue(ComplaintStatus s, DateTimeOffset ack, DateTimeOffset sol, DateTimeOffset fin) =>
            new ComplaintDeadlines(ack, sol, fin).EscalationAt(s, at.Now) != EscalationLevel.None;
        static decimal? Average(IEnumerable<int?> scores) =>
            scores.OfType<int>().ToList() is { Count: > 0 } given ? decimal.Round((decimal)given.Average(), 2) : null;
        var byCategory = rows.GroupBy(r => r.Category).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => new StatsRow(g.Key.Code(), Texts.Get($"complaint.category.{g.Key.Code()}", culture), g.Count(),
                g.Count(r => Overdue(r.Status, r.AcknowledgeBy, r.SolutionBy, r.FinalBy)), Average(g.Select(r => r.Satisfaction)))).ToList();
        var byManager = rows.GroupBy(r => (r.Badge ?? "", r.Manager ?? "")).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Item1, StringComparer.Ordinal)
            .Select(g => new StatsRow(g.Key.Item1, g.Key.Item2, g.Count(),
                g.Count(r => Overdue(r.Status, r.AcknowledgeBy, r.SolutionBy, r.FinalBy)), Average(g.Select(r => r.Satisfaction)))).ToList();
        var guestRatings = await GuestApi.AverageRatingByManagerAsync(db, at.VenueId, first!.Value, last!.Value);
        byManager = byManager.Select(r => r with { GuestRating = guestRatings.GetValueOrDefault(r.Key) }).ToList();
        var byRoom = rows.GroupBy(r => r.Room ?? "").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new StatsRow(g.Key, g.Key, g.Count(),
                g.Count(r => Overdue(r.Status, r.AcknowledgeBy, r.SolutionBy, r.FinalBy)), Average(g.Select(r => r.Satisfaction)))).ToList();
        var byDay = rows.GroupBy(r => r.BusinessDay).OrderBy(g => g.Key)
            .Select(g => new StatsRow(Ranges.DayText(g.Key), Ranges.DayText(g.Key), g.Count(),
                g.Count(r => Overdue(r.Status, r.AcknowledgeBy, r.SolutionBy, r.FinalBy)), Average(g.Select(r => r.Satisfaction)))).ToList();
        return Results.Ok(new ComplaintStats(first!.Value, last!.Value, rows.Count, rows.Count(r => r.Status != ComplaintStatus.Resolved),
            rows.Count(r => Overdue(r.Status, r.AcknowledgeBy, r.SolutionBy, r.FinalBy)),
            rows.Count(r => r.ResolvedAt is { } done && done > r.SolutionBy), Average(rows.Select(r => r.Satisfaction)),
            byCategory, byManager, byRoom, byDay));
    }
}
