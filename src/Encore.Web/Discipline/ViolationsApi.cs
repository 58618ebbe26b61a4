using Encore.Web.Staff;
using Encore.Web.Bookings;
using Encore.Web.Customers;

namespace Encore.Web.Discipline;

public sealed record ViolationInput(string? Badge, string? Type, decimal? Fine, decimal? Tip, string? Evidence, string? Reason, bool? Shared, bool? FoundByFloorManager, bool? Dismissal);

public sealed record AppealInput(string? Reason);

public sealed record ViolationDecisionInput(bool? Upheld, string? Reason);

public sealed record ConfirmInput(decimal? Fine);

public sealed record DismissInput(string? Reason);

public sealed record ViolationTypeInput(string? Code, string? Name, decimal? FineMin, decimal? FineMax, bool? TipBased, bool? MayDismiss, bool? Active);

/// <param name="Shared">Whether a fine of the type is split 40/30/30 when the floor manager did not catch it (a house rule).</param>
/// <param name="RangeRules">The house rules (JSON paths) that set the range; empty for a type the GM added, whose range is its own.</param>
public sealed record ViolationTypeView(string Code, string Name, decimal FineMin, decimal? FineMax, bool TipBased, bool MayDismiss, bool Active,
    bool Shared, IReadOnlyList<string> RangeRules)
{
    /// <summary>A catalogue row as the venue applies it under <paramref name="rules"/>: range and split from the house rules.</summary>
    public static ViolationTypeView Of(ViolationType t, Domain.HouseRules rules, CultureInfo culture)
    {
        var (min, max) = ViolationCatalogue.EffectiveRange(t, rules);
        var range = ViolationCatalogue.RangeOf(t.Code, rules);
        return new(t.Code, ViolationCatalogue.NameFor(t.Code, t.Name, culture), min, max, t.TipBased, t.MayDismiss, t.Active,
            ViolationCatalogue.SharedOf(t.Code, rules), range is null ? [] : new[] { range.MinRule, range.MaxRule }.Distinct().ToList());
    }
}

public sealed record PhotoAdded(Guid Id, string Photo);

public sealed record ViolationView(Guid Id, string Badge, string Name, string Type, string TypeName, decimal Fine, decimal IncidentFine, string ChargedAs,
    ViolationStatus Status, string Evidence, string Reason, DateTimeOffset At, DateOnly BusinessDay, string? RaisedBy, decimal? Tip, bool Dismissal,
    bool HasPhoto, string AppealReason, DateTimeOffset? AppealedAt, string Decision, string? DecidedBy, DateTimeOffset? DecidedAt, Guid IncidentId,
    Guid? ComplaintId)
{
    /// <summary>What may be asked for next (confirm, dismiss, appeal, uphold, overturn), by status; who may do it is the route's to say.</summary>
    public IReadOnlyList<ViolationAction> AllowedActions => ViolationTransitions.Offered(Status);
}

/// <summary>
/// API.md "Violations and fines": the catalogue, violations raised by hand (floor manager and up) or by the
/// system (proposed until a floor manager confirms them), evidence photos, and appeals: obey first, appeal after
/// (先服从后投诉); an appeal is decided by a role above the one who raised it, with its reason recorded.
/// </summary>
public static class ViolationsApi
{
    private const long MaxPhotoBytes = 5 * 1024 * 1024;

    public static void MapViolationsApi(this IEndpointRouteBuilder app)
    {
        var types = app.MapGroup("/api/violation-types").WithTags("Violations").RequireAuthorization();
        types.MapGet("/", async (HttpContext http, EncoreDb db) =>
            {
                // The catalogue as the house rules in force make it: their ranges and splits, not the seeded numbers.
                var at = await http.Caller().NowAsync();
                var rows = await db.ViolationTypes.Where(t => t.VenueId == at.VenueId).OrderBy(t => t.Code).ToListAsync();
                return Results.Ok(rows.Select(t => ViolationTypeView.Of(t, at.Rules, CultureInfo.CurrentUICulture)).ToList());
            })
            .Answers<List<ViolationTypeView>>().WithName("ListViolationTypes");
        types.MapPut("/{code}", SaveTypeAsync).Requires(Capability.ManageViolationTypes).Answers<ViolationTypeView>().WithName("SaveViolationType");

        var group = app.MapGroup("/api/violations").WithTags("Violations").RequireAuthorization();
        group.MapGet("/", ListAsync).Answers<List<ViolationView>>().WithName("ListViolations");
        group.MapPost("/", RaiseAsync).Requires(Capability.Discipline).Answers<List<ViolationView>>(StatusCodes.Status201Created).WithName("RaiseViolation");
        group.MapPost("/{id:guid}/confirm", ConfirmAsync).Requires(Capability.Discipline).Answers<ViolationView>().WithName("ConfirmViolation");
        group.MapPost("/{id:guid}/dismiss", DismissAsync).Requires(Capability.Discipline).Answers<ViolationView>().WithName("DismissViolation");
        group.MapPost("/{id:guid}/appeal", AppealAsync).Answers<ViolationView>().WithName("AppealViolation");
        group.MapPost("/{id:guid}/decide", DecideAsync).Requires(Capability.Discipline).Answers<ViolationView>().WithName("DecideViolation");
        group.MapPost("/{id:guid}/photo", PhotoAsync).Requires(Capability.Discipline).DisableAntiforgery().AcceptsUploads().Answers<PhotoAdded>().WithName("AddViolationPhoto");
        group.MapGet("/{id:guid}/photo", GetPhotoAsync).AnswersFile("image/jpeg").WithName("GetViolationPhoto");
    }

    /// <summary>Managers see their own; department heads their department's; floor managers and the GM everyone's.</summary>
    public static async Task<IQueryable<Violation>> VisibleAsync(EncoreDb db, HttpContext http)
    {
        var user = http.User;
        var query = db.Violations.Where(v => v.VenueId == user.VenueId());
        if (user.Can(Capability.Discipline)) return query;
        var me = user.StaffId();
        if (user.Can(Capability.SeeDepartment))
        {
            var department = await db.Users.Where(u => u.Id == me).Select(u => u.Department).SingleAsync();
            return query.Where(v => v.StaffId == me || db.Users.Any(u => u.Id == v.StaffId && u.Department == department));
        }
        return query.Where(v => v.StaffId == me);
    }

    /// <summary>
    /// The violations as the caller may read them: phones named in system evidence masked unless theirs to see
    /// (<see cref="PhoneSight"/>). Evidence that showed the floor or the GM a phone of a customer they do not own is
    /// one audit entry for the request, listing those violations (as GET /api/bookings does for bookings).
    /// </summary>
    public static async Task<List<ViolationView>> ViewsAsync(EncoreDb db, IQueryable<Violation> query, VenueNow at, HttpContext http)
    {
        var rows = await (from v in query
                          join u in db.Users on v.StaffId equals u.Id
                          join t in db.ViolationTypes on new { v.VenueId, Code = v.Kind } equals new { t.VenueId, t.Code } into types
                          from t in types.DefaultIfEmpty()
                          orderby v.At descending, v.Id
                          select new { v, Badge = u.UserName!, u.Name, TypeName = t == null ? v.Kind : t.Name }).ToListAsync();
        var ids = rows.SelectMany(r => new[] { r.v.RaisedById, r.v.DecidedById }).OfType<Guid>().Distinct().ToList();
        var badges = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName!);
        var evidence = rows.Select(r => PhoneText.Parse(r.v.EvidencePhones)).ToList();
        var sight = await PhoneSight.ForAsync(db, http.User, evidence);
        var shown = new List<Guid>();
        string Evidence(Violation v, PhoneText? parts)
        {
            var before = sight.ShownToNonOwner;
            var text = sight.Render(v.Evidence, parts);
            if (sight.ShownToNonOwner > before) shown.Add(v.Id);
            return text;
        }
        var views = rows.Select((r, i) => new ViolationView(r.v.Id, r.Badge, r.Name, r.v.Kind, ViolationCatalogue.NameFor(r.v.Kind, r.TypeName, CultureInfo.CurrentUICulture), r.v.Amount, r.v.IncidentFine, r.v.ChargedAs,
            r.v.Status, Evidence(r.v, evidence[i]), r.v.Reason, at.Local(r.v.At), r.v.BusinessDay,
            r.v.RaisedById is { } by ? badges.GetValueOrDefault(by) : "system", r.v.Tip, r.v.Dismissal, r.v.PhotoPath is not null,
            r.v.AppealReason, at.Local(r.v.AppealedAt), r.v.Decision, r.v.DecidedById is { } d ? badges.GetValueOrDefault(d) : null,
            at.Local(r.v.DecidedAt), r.v.IncidentId, r.v.ComplaintId)).ToList();
        if (shown.Count > 0)
            await http.RequestServices.GetRequiredService<AuditLog>().WriteAsync(http.User, "violation.phonesViewed", nameof(Violation),
                shown.Count == 1 ? shown[0].ToString() : "", null, new { count = shown.Count, violations = shown, route = http.Request.Path.Value });
        return views;
    }

    private static async Task<IResult> ListAsync(HttpContext http, EncoreDb db, string? badge, string? month)
    {
        var at = await http.Caller().NowAsync();
        var query = await VisibleAsync(db, http);
        if (!string.IsNullOrWhiteSpace(badge))
        {
            var normalized = badge.Trim().ToUpperInvariant();
            query = query.Where(v => db.Users.Any(u => u.Id == v.StaffId && u.NormalizedUserName == normalized));
        }
        if (!string.IsNullOrWhiteSpace(month))
        {
            if (Ranges.ParseMonth("month", month, out var first) is { } refused) return refused;
            var next = first.AddMonths(1);
            query = query.Where(v => v.BusinessDay >= first && v.BusinessDay < next);
        }
        return Results.Ok(await ViewsAsync(db, query, at, http));
    }

    private static async Task<IResult> RaiseAsync(ViolationInput input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var at = await http.Caller().NowAsync();
        var v = new Validator().Text("badge", input.Badge, 32).Text("type", input.Type, 32).Text("evidence", input.Evidence, 2000)
            .Text("reason", input.Reason, 500, required: false);
        if (!v.Ok) return v.ToResult();
        var venue = at.VenueId;
        var type = await db.ViolationTypes.SingleOrDefaultAsync(t => t.VenueId == venue && t.Code == input.Type!.Trim() && t.Active);
        if (type is null) return Problems.Validation("type", "unknown");
        var offender = await db.StaffIdAsync(venue, input.Badge);
        if (offender is null) return Problems.Validation("badge", "unknown");

        var (fine, dismissal, refused) = await Fines.AmountAsync(db, type, offender.Value, input.Fine, input.Tip, "fine", at.Rules);
        if (refused is not null) return refused;
        if (!type.TipBased)
        {
            if (input.Dismissal == true && !type.MayDismiss) return Problems.Validation("dismissal", "notForType");
            dismissal = input.Dismissal == true;
        }

        // The type's house rule says whether its fine is shared; `shared` in the request overrides it either way.
        var shared = input.Shared ?? ViolationCatalogue.SharedOf(type.Code, at.Rules);
        AuditScope.Name(http, "violation.raise");
        await using var tx = await db.BeginWriteAsync();
        var charges = await Fines.RaiseAsync(db, new Fines.Incident(venue, offender.Value, type.Code, fine, at.Today, at.Now, input.Evidence!.Trim(),
            http.User.StaffId(), ViolationStatus.Confirmed, shared, input.FoundByFloorManager == true, Tip: input.Tip, Dismissal: dismissal,
            Reason: input.Reason?.Trim() ?? ""), at.Rules);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        var ids = charges.Select(c => c.Id).ToList();
        board.ViolationsChanged(venue, ids);
        return Results.Created($"/api/violations/{charges[0].Id}", await ViewsAsync(db, db.Violations.Where(x => ids.Contains(x.Id)), at, http));
    }

    private static async Task<IResult> ConfirmAsync(Guid id, ConfirmInput? input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var at = await http.Caller().NowAsync();
        AuditScope.Name(http, "violation.confirm");
        var charge = await db.Violations.SingleOrDefaultAsync(x => x.Id == id && x.VenueId == at.VenueId);
        if (charge is null) return Problems.Rule(404, "violation.notFound");
        if (!ViolationTransitions.CanMove(charge.Status, ViolationAction.Confirm)) return Problems.Rule(409, "violation.notProposed");
        if (input?.Fine is { } fine)
        {
            var type = await db.ViolationTypes.SingleOrDefaultAsync(t => t.VenueId == at.VenueId && t.Code == charge.Kind);
            var (min, max) = type is null ? (0, null) : ViolationCatalogue.EffectiveRange(type, at.Rules);
            if (!FineSchedule.WithinRange(fine, min, max ?? Ranges.ItemMax))
                return Problems.Validation("fine", "range", min, max ?? Ranges.ItemMax);
            charge.Amount = fine;
            charge.IncidentFine = fine;
        }
        charge.Status = ViolationTransitions.Apply(charge.Status, ViolationAction.Confirm);
        // The day it came to stand: a confirmed suspension runs from this business day (house rule attendance.suspensionDays).
        charge.ConfirmedDay = at.Today;
        charge.Version++;
        await db.SaveChangesAsync();
        board.ViolationsChanged(at.VenueId, [id]);
        return Results.Ok((await ViewsAsync(db, db.Violations.Where(x => x.Id == id), at, http)).Single());
    }

    /// <summary>
    /// The floor (whoever may confirm) drops a proposed fine it finds unfounded, with the reason kept as the decision:
    /// a dismissed fine is owed by nobody and counts in no total.
    /// </summary>
    private static async Task<IResult> DismissAsync(Guid id, DismissInput input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var v = new Validator().Text("reason", input.Reason, 1000);
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        var charge = await db.Violations.SingleOrDefaultAsync(x => x.Id == id && x.VenueId == at.VenueId);
        if (charge is null) return Problems.Rule(404, "violation.notFound");
        if (!ViolationTransitions.CanMove(charge.Status, ViolationAction.Dismiss)) return Problems.Rule(409, "violation.notProposed");
        AuditScope.Name(http, "violation.dismiss");
        charge.Status = ViolationTransitions.Apply(charge.Status, ViolationAction.Dismiss);
        charge.Decision = input.Reason!.Trim();
        charge.DecidedById = http.User.StaffId();
        charge.DecidedAt = at.Now;
        charge.Version++;
        await db.SaveChangesAsync();
        board.ViolationsChanged(at.VenueId, [id]);
        return Results.Ok((await ViewsAsync(db, db.Violations.Where(x => x.Id == id), at, http)).Single());
    }

    private static async Task<IResult> AppealAsync(Guid id, AppealInput input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var v = new Validator().Text("reason", input.Reason, 1000);
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        var charge = await db.Violations.SingleOrDefaultAsync(x => x.Id == id && x.VenueId == at.VenueId);
        if (charge is null) return Problems.Rule(404, "violation.notFound");
        switch (Appeals.MayAppeal(charge.Status, charge.StaffId, http.User.StaffId()))
        {
            case Appeals.Refusal.NotTheirs: return Problems.Rule(404, "violation.notFound");
            case not null: return Problems.Rule(409, "violation.notAppealable");
        }
        AuditScope.Name(http, "violation.appeal");
        charge.Status = ViolationTransitions.Apply(charge.Status, ViolationAction.Appeal);
        charge.AppealReason = input.Reason!.Trim();
        charge.AppealedAt = at.Now;
        charge.Version++;
        await db.SaveChangesAsync();
        board.ViolationsChanged(at.VenueId, [id]);
        return Results.Ok((await ViewsAsync(db, db.Violations.Where(x => x.Id == id), at, http)).Single());
    }

    private static async Task<IResult> DecideAsync(Guid id, ViolationDecisionInput input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var v = new Validator().Text("reason", input.Reason, 1000);
        if (input.Upheld is null) v.Add("upheld", "required");
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        var user = http.User;
        var charge = await db.Violations.SingleOrDefaultAsync(x => x.Id == id && x.VenueId == at.VenueId);
        if (charge is null) return Problems.Rule(404, "violation.notFound");
        if (!ViolationTransitions.CanMove(charge.Status, ViolationAction.Uphold)) return Problems.Rule(409, "violation.notAppealed");
        // A role above the one who raised it decides (Appeals.MayDecide); the roles are looked up here.
        var raiserRoles = charge.RaisedById is { } raiser ? await db.RolesOfAsync(raiser) : [];
        var raiserIsFloorOnly = Capabilities.Allows(Capability.Discipline, raiserRoles) && !Capabilities.Allows(Capability.OverruleFloor, raiserRoles);
        if (Appeals.MayDecide(new Appeals.Charge(charge.Status, charge.StaffId, charge.RaisedById, raiserIsFloorOnly), user.StaffId(), user.Can(Capability.OverruleFloor)) is not null)
            return Problems.Rule(403, "violation.decideHigherRole");
        AuditScope.Name(http, "violation.decide");
        charge.Status = ViolationTransitions.Apply(charge.Status, input.Upheld == true ? ViolationAction.Uphold : ViolationAction.Overturn);
        // Upheld after an appeal made while it was still proposed: it stands from today; one confirmed before keeps its day.
        if (input.Upheld == true) charge.ConfirmedDay ??= at.Today;
        charge.Decision = input.Reason!.Trim();
        charge.DecidedById = user.StaffId();
        charge.DecidedAt = at.Now;
        charge.Version++;
        await db.SaveChangesAsync();
        board.ViolationsChanged(at.VenueId, [id]);
        return Results.Ok((await ViewsAsync(db, db.Violations.Where(x => x.Id == id), at, http)).Single());
    }

    private static async Task<IResult> PhotoAsync(Guid id, HttpContext http, EncoreDb db, EncoreSettings settings, Board.BoardNotifier board)
    {
        var (file, extension, problem) = await Photos.ReadAsync(http.Request, MaxPhotoBytes);
        if (problem is not null) return problem;
        var charge = await db.Violations.SingleOrDefaultAsync(x => x.Id == id && x.VenueId == http.User.VenueId());
        if (charge is null) return Problems.Rule(404, "violation.notFound");
        var name = $"{charge.IncidentId:N}-{Ids.New():N}{extension}";
        await Photos.SaveAsync(settings, "evidence", name, file!);
        AuditScope.Name(http, "violation.photo");
        var incident = await db.Violations.Where(x => x.IncidentId == charge.IncidentId).ToListAsync();
        foreach (var c in incident) { c.PhotoPath = name; c.Version++; }
        await db.SaveChangesAsync();
        board.ViolationsChanged(charge.VenueId, incident.Select(c => c.Id).ToList());
        return Results.Ok(new PhotoAdded(id, $"/api/violations/{id}/photo"));
    }

    private static async Task<IResult> GetPhotoAsync(Guid id, HttpContext http, EncoreDb db, EncoreSettings settings)
    {
        var visible = await VisibleAsync(db, http);
        var path = await visible.Where(x => x.Id == id).Select(x => x.PhotoPath).SingleOrDefaultAsync();
        if (path is null) return Problems.Rule(404, "violation.notFound");
        return Photos.Serve(settings, "evidence", path) ?? Problems.Rule(404, "violation.notFound");
    }

    private static async Task<IResult> SaveTypeAsync(string code, ViolationTypeInput input, HttpContext http, EncoreDb db)
    {
        var v = new Validator().Text("name", input.Name, 100).Range("fineMin", input.FineMin, 0, Ranges.ItemMax).Range("fineMax", input.FineMax, 0, Ranges.ItemMax, required: false);
        if (input.FineMax is { } max && input.FineMin is { } min && max < min) v.Add("fineMax", "minMax", min);
        if (string.IsNullOrWhiteSpace(code) || code.Length > 32) v.Add("code", "maxLength", 32);
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        var venue = at.VenueId;
        // A range the house rules set is changed there (one number, one place): a different one here is refused by
        // the rule to change, the same one (a form sending back what it read) passes.
        if (ViolationCatalogue.RangeOf(code, at.Rules) is { } rules)
        {
            if (input.FineMin != rules.Min) v.Add("fineMin", "houseRule", Problems.Label(rules.MinRule), rules.MinRule);
            if (input.FineMax != rules.Max) v.Add("fineMax", "houseRule", Problems.Label(rules.MaxRule), rules.MaxRule);
            if (!v.Ok) return v.ToResult();
        }
        AuditScope.Name(http, "violationType.save");
        var type = await db.ViolationTypes.SingleOrDefaultAsync(t => t.VenueId == venue && t.Code == code);
        if (type is null) db.ViolationTypes.Add(type = new ViolationType { VenueId = venue, Code = code, Name = "" });
        type.Name = ViolationCatalogue.NameToStore(code, input.Name!.Trim());
        type.FineMin = input.FineMin!.Value;
        type.FineMax = input.FineMax;
        type.TipBased = input.TipBased ?? type.TipBased;
        type.MayDismiss = input.MayDismiss ?? type.MayDismiss;
        type.Active = input.Active ?? true;
        await db.SaveChangesAsync();
        return Results.Ok(ViolationTypeView.Of(type, at.Rules, CultureInfo.CurrentUICulture));
    }
}
