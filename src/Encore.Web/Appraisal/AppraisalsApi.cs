using Encore.Web.Rankings;
using Encore.Web.Staff;

namespace Encore.Web.Appraisals;

/// <summary>
/// API.md "Appraisal (考核), rankings, training (培训)": the KPI templates per role (the GM edits them, each save a new
/// version) and the appraisal flow of a person and a period: started by a superior with the measured items scored
/// (<see cref="AppraisalMeasures"/>), self-assessment by the person, the supervisor's assessment, the department review,
/// publication, an appeal within <c>appraisal.appealDays</c> and its decision, final. Who may do each step is decided
/// by who is above whom (<see cref="AppraisalAuthority"/>); each step once, in order (<see cref="AppraisalFlow"/>).
/// </summary>
public static class AppraisalsApi
{
    public static void MapAppraisalsApi(this IEndpointRouteBuilder app)
    {
        var templates = app.MapGroup("/api/appraisal/templates").WithTags("Appraisal").RequireAuthorization().Requires(Capability.OpenAppraisals);
        templates.MapGet("/{role}", GetTemplateAsync).Answers<AppraisalTemplateView>().WithName("GetAppraisalTemplate");
        templates.MapPut("/{role}", SaveTemplateAsync).Requires(Capability.EditAppraisalTemplates).Answers<AppraisalTemplateView>().WithName("SaveAppraisalTemplate");

        var group = app.MapGroup("/api/appraisals").WithTags("Appraisal").RequireAuthorization().Requires(Capability.OpenAppraisals);
        group.MapGet("/", ListAsync).Answers<List<AppraisalSummary>>().WithName("ListAppraisals");
        group.MapPost("/", StartAsync).Requires(Capability.Appraise).Answers<AppraisalView>(StatusCodes.Status201Created).WithName("StartAppraisal");
        group.MapGet("/{id:guid}", GetAsync).Answers<AppraisalView>().WithName("GetAppraisal");
        group.MapPut("/{id:guid}/self", SelfAsync).Requires(Capability.BeAppraised).Answers<AppraisalView>().WithName("SelfAssessAppraisal");
        group.MapPut("/{id:guid}/supervisor", SupervisorAsync).Requires(Capability.Appraise).Answers<AppraisalView>().WithName("SuperviseAppraisal");
        group.MapPost("/{id:guid}/review", ReviewAsync).Requires(Capability.Appraise).Answers<AppraisalView>().WithName("ReviewAppraisal");
        group.MapPost("/{id:guid}/publish", PublishAsync).Requires(Capability.Appraise).Answers<AppraisalView>().WithName("PublishAppraisal");
        group.MapPost("/{id:guid}/appeal", AppealAsync).Requires(Capability.BeAppraised).Answers<AppraisalView>().WithName("AppealAppraisal");
        group.MapPost("/{id:guid}/appeal/decide", DecideAsync).Requires(Capability.Appraise).Answers<AppraisalView>().WithName("DecideAppraisalAppeal");
    }

    private static IResult? ParseRole(string role) =>
        AppraisalTemplates.Roles.Contains(role) ? null : Problems.Validation("role", "oneOf", string.Join("|", AppraisalTemplates.Roles));

    private static async Task<IResult> GetTemplateAsync(string role, HttpContext http, EncoreDb db)
    {
        if (ParseRole(role) is { } bad) return bad;
        var at = await http.Caller().NowAsync();
        var t = await AppraisalTemplates.LatestAsync(db, at.VenueId, role);
        if (t is null) return Problems.Rule(404, "appraisal.noTemplate");
        return Results.Ok(await TemplateViewAsync(db, at, t));
    }

    private static async Task<AppraisalTemplateView> TemplateViewAsync(EncoreDb db, VenueNow at, AppraisalTemplate t)
    {
        var by = t.SavedById is { } id ? await db.Users.Where(u => u.Id == id).Select(u => u.UserName).SingleOrDefaultAsync() : null;
        return new AppraisalTemplateView(t.Role, t.Version, AppraisalTemplates.ItemsOf(t), by, at.Local(t.SavedAt));
    }

    private static async Task<IResult> SaveTemplateAsync(string role, AppraisalTemplateInput input, HttpContext http, EncoreDb db)
    {
        if (ParseRole(role) is { } bad) return bad;
        var items = input.Items?.Select(i => i is null ? null : new AppraisalItem(i.Key?.Trim() ?? "", i.Name?.Trim() ?? "", i.Weight ?? -1, i.Source?.Trim() ?? "",
            i.Scale is null ? null : new AppraisalScale(i.Scale.ZeroAt ?? 0, i.Scale.FullAt ?? 0))).ToList();
        var v = new Validator();
        foreach (var problem in AppraisalFlow.Validate(items)) v.Add(problem);
        if (input.Items is { } raw)
            for (var i = 0; i < raw.Count; i++)
            {
                if (raw[i] is not { } item) continue;
                if (item.Weight is null) v.Add($"items[{i}].weight", "required");
                if (item.Scale is { } s && (s.ZeroAt is null || s.FullAt is null)) v.Add($"items[{i}].scale", "required");
                if (item.Name is { } name && Validator.HasControlChars(name)) v.Add($"items[{i}].name", "controlChars");
            }
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        AuditScope.Name(http, "appraisalTemplate.save");
        var latest = await AppraisalTemplates.LatestAsync(db, at.VenueId, role);
        // A manual item keeps no scale: what it would say is never read.
        var saved = new AppraisalTemplate
        {
            VenueId = at.VenueId, Role = role, Version = (latest?.Version ?? 0) + 1,
            Items = AppraisalTemplates.ItemsJson(items!.Select(i => i! with { Scale = i.Measured ? i.Scale : null })),
            SavedById = http.User.StaffId(), SavedAt = at.Now,
        };
        db.Set<AppraisalTemplate>().Add(saved);
        await db.SaveChangesAsync();
        return Results.Ok(await TemplateViewAsync(db, at, saved));
    }

    private static async Task<IResult> StartAsync(AppraisalStartInput input, HttpContext http, EncoreDb db)
    {
        var v = new Validator().Text("badge", input.Badge, 32);
        AppraisalPeriod? period = null;
        if (string.IsNullOrWhiteSpace(input.Period)) v.Add("period", "required");
        else if (!AppraisalPeriod.TryParse(input.Period, out period)) v.Add("period", "appraisalPeriod");
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        if (period!.First > at.Today) return Problems.Validation("period", "notBegun", period.Key);
        var person = await AppraisalAuthority.PersonAsync(db, at.VenueId, input.Badge);
        if (person is null) return Problems.Validation("badge", "unknown");
        if (person.Role is null) return Problems.Validation("badge", "notAppraised", person.Badge);
        if (!AppraisalAuthority.IsAbove(http.User, await AppraisalAuthority.DepartmentAsync(db, http.User), person))
            return Problems.Rule(403, "appraisal.notAbove");
        if (await db.Set<Appraisal>().AnyAsync(a => a.StaffId == person.Id && a.Period == period.Key))
            return Problems.Rule(409, "appraisal.exists", person.Badge, period.Key);
        var template = await AppraisalTemplates.LatestAsync(db, at.VenueId, person.Role);
        if (template is null) return Problems.Rule(409, "appraisal.noTemplate");
        var measures = await AppraisalMeasures.MeasureAsync(db, at, person.Id, period);
        var lines = AppraisalTemplates.ItemsOf(template).Select(i =>
        {
            var measure = i.Measured ? measures.Of(i.Source) : null;
            return new AppraisalLine(i.Key, i.Name, i.Weight, i.Source, i.Scale, measure, i.Measured ? i.Scale!.Score(measure) : null);
        }).ToList();
        AuditScope.Name(http, "appraisal.start");
        var appraisal = new Appraisal
        {
            VenueId = at.VenueId, StaffId = person.Id, Role = person.Role, Period = period.Key, PeriodKind = period.Kind.Code(),
            TemplateVersion = template.Version, Items = AppraisalLines.Json(lines), CreatedById = http.User.StaffId(), CreatedAt = at.Now,
        };
        db.Set<Appraisal>().Add(appraisal);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.IsConflict())
        {
            return Problems.Rule(409, "appraisal.exists", person.Badge, period.Key);
        }
        return Results.Created($"/api/appraisals/{appraisal.Id}", await ViewAsync(db, http, at, appraisal));
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var found = await FindAsync(db, http, at, id);
        if (found.Problem is { } refused) return refused;
        return Results.Ok(await ViewAsync(db, http, at, found.Appraisal!));
    }

    private static async Task<IResult> ListAsync(HttpContext http, EncoreDb db, string? period, string? badge, string? queue)
    {
        var v = new Validator();
        AppraisalPeriod? wanted = null;
        if (!string.IsNullOrWhiteSpace(period) && !AppraisalPeriod.TryParse(period, out wanted)) v.Add("period", "appraisalPeriod");
        if (!string.IsNullOrWhiteSpace(queue) && queue != "mine") v.Add("queue", "oneOf", "mine");
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        var query = db.Set<Appraisal>().Where(a => a.VenueId == at.VenueId);
        if (wanted is not null) query = query.Where(a => a.Period == wanted.Key);
        if (!string.IsNullOrWhiteSpace(badge))
        {
            var staff = await db.StaffIdAsync(at.VenueId, badge);
            if (staff is null) return Problems.Validation("badge", "unknown");
            query = query.Where(a => a.StaffId == staff);
        }
        var rows = await query.OrderByDescending(a => a.CreatedAt).Take(500).ToListAsync();
        var people = await AppraisalAuthority.PeopleAsync(db, rows.Select(r => r.StaffId).Distinct().ToList());
        var myDepartment = await AppraisalAuthority.DepartmentAsync(db, http.User);
        var me = http.User.StaffId();
        var result = new List<AppraisalSummary>();
        foreach (var a in rows)
        {
            var person = people[a.StaffId] with { Role = a.Role };
            if (person.Id != me && !AppraisalAuthority.IsAbove(http.User, myDepartment, person)) continue;
            var actions = AppraisalAuthority.Actions(http.User, myDepartment, person, a, at);
            if (queue == "mine" && actions.Count == 0) continue;
            var status = Status(a, at);
            result.Add(new AppraisalSummary(a.Id, person.Badge, person.Name, person.Department, a.Role, a.Period, a.PeriodKind, status.Code(),
                a.Total, at.Local(a.PublishedAt), a.PublishedAt is { } p ? at.Local(AppraisalFlow.AppealDeadline(p, at.Rules.Appraisal.AppealDays)) : null, actions));
        }
        return Results.Ok(result);
    }

    private static AppraisalStatus Status(Appraisal a, VenueNow at) =>
        AppraisalFlow.Effective(Codes.Parse<AppraisalStatus>(a.Status), a.PublishedAt, at.Now, at.Rules.Appraisal.AppealDays);

    private sealed record Found(Appraisal? Appraisal, AppraisalAuthority.Person? Person, string Department, IResult? Problem);

    /// <summary>The appraisal, if the caller may read it (their own, or they are above the person): 404 or 403 otherwise.</summary>
    private static async Task<Found> FindAsync(EncoreDb db, HttpContext http, VenueNow at, Guid id)
    {
        var a = await db.Set<Appraisal>().SingleOrDefaultAsync(x => x.Id == id && x.VenueId == at.VenueId);
        if (a is null) return new(null, null, "", Problems.Rule(404, "appraisal.notFound"));
        var person = (await AppraisalAuthority.PeopleAsync(db, [a.StaffId]))[a.StaffId] with { Role = a.Role };
        var department = await AppraisalAuthority.DepartmentAsync(db, http.User);
        if (person.Id != http.User.StaffId() && !AppraisalAuthority.IsAbove(http.User, department, person))
            return new(null, null, "", Problems.Rule(403, "appraisal.notYours"));
        return new(a, person, department, null);
    }

    /// <summary>One step: found and readable, the caller allowed to give it (403), and the step next in the flow (409).</summary>
    private static async Task<(Found Found, IResult? Problem)> StepAsync(EncoreDb db, HttpContext http, VenueNow at, Guid id, AppraisalStep step)
    {
        var found = await FindAsync(db, http, at, id);
        if (found.Problem is { } refused) return (found, refused);
        if (!AppraisalAuthority.May(http.User, found.Department, found.Person!, step)) return (found, Problems.Rule(403, $"appraisal.forbidden.{step.Code()}"));
        var status = Status(found.Appraisal!, at);
        if (step == AppraisalStep.Appeal && status == AppraisalStatus.Final && found.Appraisal!.Status == AppraisalStatus.Published.Code())
            return (found, Problems.Rule(409, "appraisal.appealClosed",
                at.Local(AppraisalFlow.AppealDeadline(found.Appraisal.PublishedAt!.Value, at.Rules.Appraisal.AppealDays)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)));
        if (!AppraisalFlow.Table.CanMove(status, step)) return (found, Problems.Rule(409, "appraisal.outOfOrder", status.Code()));
        return (found, null);
    }

    /// <summary>
    /// Scores for the items scored by hand: every one of them, each 0–100, no other key. The person's self-assessment
    /// and the supervisor's give the same set; an appeal decision may also set a measured item's score.
    /// </summary>
    private static Validator CheckScores(IReadOnlyList<AppraisalLine> lines, Dictionary<string, decimal?>? scores, bool all, bool anyItem)
    {
        var v = new Validator();
        if (scores is null) { if (all) v.Add("scores", "required"); return v; }
        foreach (var (key, value) in scores)
        {
            var line = lines.FirstOrDefault(l => l.Key == key);
            if (line is null || (!anyItem && !line.ByHand)) v.Add($"scores.{key}", "notScoredByHand");
            else v.Range($"scores.{key}", value, 0, 100);
        }
        if (all)
            foreach (var line in lines.Where(l => l.ByHand && !scores.ContainsKey(l.Key)))
                v.Add($"scores.{line.Key}", "required");
        return v;
    }

    private static Dictionary<string, decimal> Clean(Dictionary<string, decimal?> scores) =>
        scores.ToDictionary(s => s.Key, s => decimal.Round(s.Value!.Value, 2, MidpointRounding.AwayFromZero));

    private static async Task<IResult> SelfAsync(Guid id, AppraisalScoresInput input, HttpContext http, EncoreDb db) =>
        await ScoresAsync(id, input, http, db, AppraisalStep.Self);

    private static async Task<IResult> SupervisorAsync(Guid id, AppraisalScoresInput input, HttpContext http, EncoreDb db) =>
        await ScoresAsync(id, input, http, db, AppraisalStep.Supervisor);

    private static async Task<IResult> ScoresAsync(Guid id, AppraisalScoresInput input, HttpContext http, EncoreDb db, AppraisalStep step)
    {
        var at = await http.Caller().NowAsync();
        var (found, problem) = await StepAsync(db, http, at, id, step);
        if (problem is not null) return problem;
        var a = found.Appraisal!;
        var lines = AppraisalLines.Of(a);
        var v = CheckScores(lines, input.Scores, all: true, anyItem: false).Text("comment", input.Comment, AppraisalTemplates.CommentLength, required: false);
        if (!v.Ok) return v.ToResult();
        var scores = AppraisalLines.ScoresJson(Clean(input.Scores!));
        var comment = input.Comment?.Trim() ?? "";
        if (step == AppraisalStep.Self)
        {
            AuditScope.Name(http, "appraisal.self");
            (a.SelfScores, a.SelfComment, a.SelfAt) = (scores, comment, at.Now);
        }
        else
        {
            AuditScope.Name(http, "appraisal.supervisor");
            (a.SupervisorScores, a.SupervisorComment, a.SupervisorAt, a.SupervisorId) = (scores, comment, at.Now, http.User.StaffId());
            a.Total = AppraisalLines.Total(a);
        }
        a.Status = AppraisalFlow.Table.Apply(Codes.Parse<AppraisalStatus>(a.Status), step).Code();
        a.Version++;
        await db.SaveChangesAsync();
        // A published month's total places the person on the rankings board.
        if (step == AppraisalStep.Publish) http.RequestServices.GetRequiredService<Board.BoardNotifier>().RankingsChanged(at.VenueId, a.Period);
        return Results.Ok(await ViewAsync(db, http, at, a));
    }

    private static async Task<IResult> ReviewAsync(Guid id, HttpContext http, EncoreDb db) => await MarkAsync(id, http, db, AppraisalStep.Review);

    private static async Task<IResult> PublishAsync(Guid id, HttpContext http, EncoreDb db) => await MarkAsync(id, http, db, AppraisalStep.Publish);

    private static async Task<IResult> MarkAsync(Guid id, HttpContext http, EncoreDb db, AppraisalStep step)
    {
        var at = await http.Caller().NowAsync();
        var (found, problem) = await StepAsync(db, http, at, id, step);
        if (problem is not null) return problem;
        var a = found.Appraisal!;
        if (step == AppraisalStep.Review)
        {
            AuditScope.Name(http, "appraisal.review");
            (a.ReviewedById, a.ReviewedAt) = (http.User.StaffId(), at.Now);
        }
        else
        {
            AuditScope.Name(http, "appraisal.publish");
            (a.PublishedById, a.PublishedAt) = (http.User.StaffId(), at.Now);
        }
        a.Status = AppraisalFlow.Table.Apply(Codes.Parse<AppraisalStatus>(a.Status), step).Code();
        a.Version++;
        await db.SaveChangesAsync();
        // A published month's total places the person on the rankings board.
        if (step == AppraisalStep.Publish) http.RequestServices.GetRequiredService<Board.BoardNotifier>().RankingsChanged(at.VenueId, a.Period);
        return Results.Ok(await ViewAsync(db, http, at, a));
    }

    private static async Task<IResult> AppealAsync(Guid id, AppraisalAppealInput input, HttpContext http, EncoreDb db)
    {
        var v = new Validator().Text("reason", input.Reason, AppraisalTemplates.CommentLength);
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        var (found, problem) = await StepAsync(db, http, at, id, AppraisalStep.Appeal);
        if (problem is not null) return problem;
        var a = found.Appraisal!;
        AuditScope.Name(http, "appraisal.appeal");
        (a.AppealReason, a.AppealedAt) = (input.Reason!.Trim(), at.Now);
        a.Status = AppraisalStatus.Appealed.Code();
        a.Version++;
        await db.SaveChangesAsync();
        return Results.Ok(await ViewAsync(db, http, at, a));
    }

    private static async Task<IResult> DecideAsync(Guid id, AppraisalDecideInput input, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var (found, problem) = await StepAsync(db, http, at, id, AppraisalStep.Decide);
        if (problem is not null) return problem;
        var a = found.Appraisal!;
        var v = new Validator().Text("comment", input.Comment, AppraisalTemplates.CommentLength);
        if (input.Upheld is null) v.Add("upheld", "required");
        // New scores only with an upheld appeal: a rejected one leaves the result as published.
        if (input.Upheld == false && input.Scores is { Count: > 0 }) v.Add("scores", "onlyWhenUpheld");
        else foreach (var bad in CheckScores(AppraisalLines.Of(a), input.Scores, all: false, anyItem: true).Problems) v.Add(bad);
        if (!v.Ok) return v.ToResult();
        AuditScope.Name(http, "appraisal.decide");
        a.AppealUpheld = input.Upheld;
        a.DecisionComment = input.Comment!.Trim();
        (a.DecidedById, a.DecidedAt) = (http.User.StaffId(), at.Now);
        if (input.Upheld == true && input.Scores is { Count: > 0 } scores)
        {
            a.AppealScores = AppraisalLines.ScoresJson(Clean(scores));
            a.Total = AppraisalLines.Total(a);
        }
        a.Status = AppraisalStatus.Final.Code();
        a.Version++;
        await db.SaveChangesAsync();
        // A decided appeal may change the total the rankings place the person by.
        http.RequestServices.GetRequiredService<Board.BoardNotifier>().RankingsChanged(at.VenueId, a.Period);
        return Results.Ok(await ViewAsync(db, http, at, a));
    }

    public static async Task<AppraisalView> ViewAsync(EncoreDb db, HttpContext http, VenueNow at, Appraisal a)
    {
        var person = (await AppraisalAuthority.PeopleAsync(db, [a.StaffId]))[a.StaffId] with { Role = a.Role };
        var self = AppraisalLines.Scores(a.SelfScores);
        var supervisor = AppraisalLines.Scores(a.SupervisorScores);
        var appeal = AppraisalLines.Scores(a.AppealScores);
        var items = AppraisalLines.Of(a).Select(l => new AppraisalItemView(l.Key, l.Name, l.Weight, l.Source, l.Scale, l.Measure, l.MeasuredScore, l.ByHand,
            self.TryGetValue(l.Key, out var s) ? s : null, supervisor.TryGetValue(l.Key, out var p) ? p : null,
            appeal.TryGetValue(l.Key, out var x) ? x : null, AppraisalLines.Score(l, supervisor, appeal))).ToList();
        var status = Status(a, at);
        var passScore = at.Rules.Appraisal.PassScore;
        var deadline = a.PublishedAt is { } published ? AppraisalFlow.AppealDeadline(published, at.Rules.Appraisal.AppealDays) : (DateTimeOffset?)null;
        var department = await AppraisalAuthority.DepartmentAsync(db, http.User);
        return new AppraisalView(a.Id, person.Badge, person.Name, person.Department, a.Role, a.Period, a.PeriodKind, a.TemplateVersion, status.Code(),
            a.Total, a.Total is { } t ? AppraisalFlow.Passed(t, passScore) : null, passScore, items, a.SelfComment, a.SupervisorComment, a.AppealReason,
            a.AppealUpheld, a.DecisionComment, at.Local(a.PublishedAt), at.Local(deadline), person.Id == http.User.StaffId(),
            AppraisalAuthority.Actions(http.User, department, person, a, at), await TimelineAsync(db, at, a, status, deadline));
    }

    private static async Task<List<AppraisalTimelineEntry>> TimelineAsync(EncoreDb db, VenueNow at, Appraisal a, AppraisalStatus status, DateTimeOffset? deadline)
    {
        var ids = new[] { a.CreatedById, a.StaffId, a.SupervisorId, a.ReviewedById, a.PublishedById, a.DecidedById }.OfType<Guid>().Distinct().ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => (Badge: u.UserName!, u.Name));
        AppraisalTimelineEntry Entry(string step, Guid? by, DateTimeOffset when, string? note = null) =>
            new(step, by is { } b && names.TryGetValue(b, out var n) ? n.Badge : null, by is { } c && names.TryGetValue(c, out var m) ? m.Name : null, at.Local(when), note);
        var list = new List<AppraisalTimelineEntry> { Entry("created", a.CreatedById, a.CreatedAt) };
        if (a.SelfAt is { } selfAt) list.Add(Entry("self", a.StaffId, selfAt, a.SelfComment));
        if (a.SupervisorAt is { } supAt) list.Add(Entry("supervisor", a.SupervisorId, supAt, a.SupervisorComment));
        if (a.ReviewedAt is { } revAt) list.Add(Entry("reviewed", a.ReviewedById, revAt));
        if (a.PublishedAt is { } pubAt) list.Add(Entry("published", a.PublishedById, pubAt));
        if (a.AppealedAt is { } appAt) list.Add(Entry("appealed", a.StaffId, appAt, a.AppealReason));
        if (a.DecidedAt is { } decAt) list.Add(Entry(a.AppealUpheld == true ? "upheld" : "rejected", a.DecidedById, decAt, a.DecisionComment));
        // Final without an appeal: when the window closed (computed on read, nobody's step).
        if (status == AppraisalStatus.Final && a.DecidedAt is null && deadline is { } closed) list.Add(Entry("final", null, closed));
        return list;
    }
}
