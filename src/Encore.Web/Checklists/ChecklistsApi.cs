using Encore.Web.Rooms;

namespace Encore.Web.Checklists;

/// <summary>
/// API.md "Diary (工作日记), meetings, checklists, shift handover": the GM's templates (each save a new version), runs
/// done on the phone (a room inspection per room, one closing round per business day), each item ok or failed with a
/// note and a photo; a failed room-inspection item may take the room out of service on the live board through the
/// desk's own room move (Rooms/Release.cs) until it is marked fixed.
/// </summary>
public static class ChecklistsApi
{
    public static void MapChecklistsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/checklists").WithTags("Checklists").RequireAuthorization();
        group.MapGet("/templates", TemplatesAsync).Requires(Capability.RunChecklists).Answers<List<ChecklistTemplateView>>().WithName("ListChecklistTemplates");
        group.MapPut("/templates/{template}", SaveTemplateAsync).Requires(Capability.EditChecklists).Answers<ChecklistTemplateView>().WithName("SaveChecklistTemplate");
        group.MapPost("/runs", StartAsync).Requires(Capability.RunChecklists).Answers<ChecklistRunView>(StatusCodes.Status201Created).WithName("StartChecklistRun");
        group.MapGet("/runs", ListAsync).Requires(Capability.RunChecklists).Answers<List<ChecklistRunView>>().WithName("ListChecklistRuns");
        group.MapGet("/runs/{id:guid}", GetAsync).Requires(Capability.RunChecklists).Answers<ChecklistRunView>().WithName("GetChecklistRun");
        group.MapPut("/runs/{id:guid}/items/{itemId:guid}", TickAsync).Requires(Capability.RunChecklists).Answers<ChecklistRunView>().WithName("TickChecklistItem");
        group.MapPost("/runs/{id:guid}/items/{itemId:guid}/photo", PhotoAsync).Requires(Capability.RunChecklists).DisableAntiforgery().AcceptsUploads()
            .Answers<ChecklistRunView>().WithName("AddChecklistPhoto");
        group.MapGet("/runs/{id:guid}/items/{itemId:guid}/photo", GetPhotoAsync).Requires(Capability.RunChecklists).AnswersFile("image/jpeg").WithName("GetChecklistPhoto");
        group.MapPost("/runs/{id:guid}/items/{itemId:guid}/fixed", FixedAsync).Requires(Capability.RunChecklists).Answers<ChecklistRunView>().WithName("ChecklistItemFixed");
        group.MapGet("/closing", ClosingAsync).Requires(Capability.RunChecklists).Answers<ClosingRoundView>().WithName("ClosingRound");
    }

    private static async Task<IResult> TemplatesAsync(HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var views = new List<ChecklistTemplateView>();
        foreach (var name in Checklist.Templates)
            if (await Checklist.LatestAsync(db, at.VenueId, name) is { } t) views.Add(await TemplateViewAsync(db, at, t));
        return Results.Ok(views);
    }

    private static async Task<ChecklistTemplateView> TemplateViewAsync(EncoreDb db, VenueNow at, ChecklistTemplate t)
    {
        var by = t.SavedById is { } id ? await db.Users.Where(u => u.Id == id).Select(u => u.UserName).SingleOrDefaultAsync() : null;
        return new ChecklistTemplateView(t.Template, t.Version, Checklist.ItemsOf(t), by, at.Local(t.SavedAt));
    }

    private static async Task<IResult> SaveTemplateAsync(string template, ChecklistTemplateInput input, HttpContext http, EncoreDb db)
    {
        var v = new Validator().OneOf("template", template, Checklist.Templates);
        if (input.Items is not { Count: > 0 } items) v.Add("items", "required");
        else if (items.Count > Checklist.MaxItems) v.Add("items", "maxItems", Checklist.MaxItems);
        else
        {
            var seen = new HashSet<string>();
            for (var i = 0; i < items.Count; i++)
            {
                v.Text($"items[{i}]", items[i], Checklist.ItemLength);
                if (items[i] is { } text && !string.IsNullOrWhiteSpace(text) && !seen.Add(text.Trim())) v.Add($"items[{i}]", "unique");
            }
        }
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        AuditScope.Name(http, "checklistTemplate.save");
        var latest = await Checklist.LatestAsync(db, at.VenueId, template);
        var saved = new ChecklistTemplate
        {
            VenueId = at.VenueId, Template = template, Version = (latest?.Version ?? 0) + 1,
            Items = Checklist.ItemsJson(input.Items!.Select(i => i!.Trim())), SavedById = http.User.StaffId(), SavedAt = at.Now,
        };
        db.ChecklistTemplates.Add(saved);
        await db.SaveChangesAsync();
        return Results.Ok(await TemplateViewAsync(db, at, saved));
    }

    private static async Task<IResult> StartAsync(ChecklistRunInput input, HttpContext http, EncoreDb db)
    {
        var v = new Validator().OneOf("template", input.Template, Checklist.Templates).Text("roomNumber", input.RoomNumber, 16, required: input.Template == Checklist.RoomInspection);
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        Room? room = null;
        if (input.Template == Checklist.RoomInspection)
        {
            var number = input.RoomNumber!.Trim();
            room = await db.Rooms.SingleOrDefaultAsync(r => r.VenueId == at.VenueId && r.Number == number);
            if (room is null) return Problems.Validation("roomNumber", "unknown");
        }
        else if (!string.IsNullOrWhiteSpace(input.RoomNumber)) return Problems.Validation("roomNumber", "closingHasNoRoom");
        else if (await db.ChecklistRuns.AnyAsync(r => r.VenueId == at.VenueId && r.Template == Checklist.Closing && r.BusinessDay == at.Today))
            return Problems.Rule(409, "checklist.closingStarted", at.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var template = await Checklist.LatestAsync(db, at.VenueId, input.Template!);
        if (template is null) return Problems.Rule(409, "checklist.noTemplate");
        AuditScope.Name(http, "checklist.start");
        var run = new ChecklistRun
        {
            VenueId = at.VenueId, Template = template.Template, TemplateVersion = template.Version, RoomId = room?.Id, RoomNumber = room?.Number,
            BusinessDay = at.Today, StartedById = http.User.StaffId(), StartedAt = at.Now,
        };
        db.ChecklistRuns.Add(run);
        // The run keeps the items it started with: a later edit of the template makes a new version, never changes these.
        db.ChecklistRunItems.AddRange(Checklist.ItemsOf(template).Select((text, i) => new ChecklistRunItem { VenueId = at.VenueId, RunId = run.Id, Position = i + 1, Text = text }));
        await db.SaveChangesAsync();
        return Results.Created($"/api/checklists/runs/{run.Id}", await ViewAsync(db, at, run));
    }

    private static async Task<IResult> ListAsync(HttpContext http, EncoreDb db, string? businessDay, string? template)
    {
        var at = await http.Caller().NowAsync();
        if (at.ParseDay("businessDay", businessDay, out var day) is { } bad) return bad;
        if (template is not (null or "") && !Checklist.Templates.Contains(template)) return Problems.Validation("template", "oneOf", string.Join("|", Checklist.Templates));
        var query = db.ChecklistRuns.Where(r => r.VenueId == at.VenueId && r.BusinessDay == day);
        if (template is { Length: > 0 }) query = query.Where(r => r.Template == template);
        var runs = await query.OrderBy(r => r.StartedAt).ToListAsync();
        return Results.Ok(await ViewsAsync(db, at, runs));
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var run = await db.ChecklistRuns.SingleOrDefaultAsync(r => r.Id == id && r.VenueId == at.VenueId);
        return run is null ? Problems.Rule(404, "checklist.notFound") : Results.Ok(await ViewAsync(db, at, run));
    }

    /// <summary>The run and its item, or the 404 to answer; the run is tracked, so a change of an item bumps its version.</summary>
    private static async Task<(ChecklistRun? Run, ChecklistRunItem? Item, IResult? Refusal)> FindAsync(EncoreDb db, VenueNow at, Guid id, Guid itemId)
    {
        var run = await db.ChecklistRuns.SingleOrDefaultAsync(r => r.Id == id && r.VenueId == at.VenueId);
        if (run is null) return (null, null, Problems.Rule(404, "checklist.notFound"));
        var item = await db.ChecklistRunItems.SingleOrDefaultAsync(i => i.Id == itemId && i.RunId == id);
        return item is null ? (run, null, Problems.Rule(404, "checklist.itemNotFound")) : (run, item, null);
    }

    private static async Task<IResult> TickAsync(Guid id, Guid itemId, ChecklistItemInput input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var v = new Validator().Text("note", input.Note, Checklist.NoteLength, required: false);
        if (input.Ok is null) v.Add("ok", "required");
        // A failed item says what is wrong (the next shift and the repair read it); the rule names the field.
        else if (input.Ok == false && string.IsNullOrWhiteSpace(input.Note)) v.Add("note", "requiredWhenFailed");
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        var (run, item, refusal) = await FindAsync(db, at, id, itemId);
        if (refusal is not null) return refusal;
        if (input.OutOfService == true && (run!.Template != Checklist.RoomInspection || input.Ok != false))
            return Problems.Validation("outOfService", "outOfServiceFailedInspection");
        if (run!.BusinessDay != at.Today) return Problems.Rule(409, "checklist.dayOver", run.BusinessDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (item!.OutOfServiceAt is not null && item.FixedAt is null) return Problems.Rule(409, "checklist.itemOutOfService", run.RoomNumber);
        AuditScope.Name(http, input.OutOfService == true ? "checklist.outOfService" : "checklist.tick");
        item.Ok = input.Ok;
        item.Note = input.Note?.Trim() ?? "";
        item.CheckedById = http.User.StaffId();
        item.CheckedAt = at.Now;
        run.Version++;
        if (run.CompletedAt is null && !await db.ChecklistRunItems.AnyAsync(i => i.RunId == run.Id && i.Id != item.Id && i.Ok == null)) run.CompletedAt = at.Now;
        if (input.OutOfService == true)
        {
            item.OutOfServiceAt = at.Now;
            (item.FixedAt, item.FixedById) = (null, null);
            // The board shows why: the checklist item and the note, cut to the room's reason length.
            var reason = string.Format(CultureInfo.CurrentUICulture, Texts.Get("checklist.roomReason", CultureInfo.CurrentUICulture), item.Text, item.Note);
            var (_, notFree) = await ReleaseRoom.MoveAsync(db, at, board, run.RoomNumber!, RoomAction.OutOfService, reason.Length > 200 ? reason[..200] : reason, "checklist.roomInUse");
            if (notFree is not null) return notFree;
        }
        else await db.SaveChangesAsync();
        return Results.Ok(await ViewAsync(db, at, run));
    }

    private static async Task<IResult> PhotoAsync(Guid id, Guid itemId, HttpContext http, EncoreDb db, EncoreSettings settings)
    {
        var (file, extension, problem) = await Photos.ReadAsync(http.Request, Checklist.MaxPhotoBytes);
        if (problem is not null) return problem;
        var at = await http.Caller().NowAsync();
        var (run, item, refusal) = await FindAsync(db, at, id, itemId);
        if (refusal is not null) return refusal;
        // A photo shows what failed: an unticked or ok item has nothing to show.
        if (item!.Ok != false) return Problems.Rule(409, "checklist.photoForFailed");
        var name = $"{run!.Id:N}-{Ids.New():N}{extension}";
        await Photos.SaveAsync(settings, Checklist.PhotoFolder, name, file!);
        AuditScope.Name(http, "checklist.photo");
        item.PhotoPath = name;
        run.Version++;
        await db.SaveChangesAsync();
        return Results.Ok(await ViewAsync(db, at, run));
    }

    private static async Task<IResult> GetPhotoAsync(Guid id, Guid itemId, HttpContext http, EncoreDb db, EncoreSettings settings)
    {
        var venue = http.User.VenueId();
        var path = await db.ChecklistRunItems.Where(i => i.Id == itemId && i.RunId == id && i.VenueId == venue).Select(i => i.PhotoPath).SingleOrDefaultAsync();
        return (path is null ? null : Photos.Serve(settings, Checklist.PhotoFolder, path)) ?? Problems.Rule(404, "checklist.itemNotFound");
    }

    /// <summary>
    /// The failed item is fixed: the room is free again on the board, unless another failed item still has it out of
    /// service, or the desk already released it (POST /api/rooms/{number}/release frees the room too; this then records the repair).
    /// </summary>
    private static async Task<IResult> FixedAsync(Guid id, Guid itemId, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var at = await http.Caller().NowAsync();
        var (run, item, refusal) = await FindAsync(db, at, id, itemId);
        if (refusal is not null) return refusal;
        if (item!.OutOfServiceAt is null || item.FixedAt is not null) return Problems.Rule(409, "checklist.notOutOfService");
        AuditScope.Name(http, "checklist.fixed");
        (item.FixedAt, item.FixedById) = (at.Now, http.User.StaffId());
        run!.Version++;
        var room = await db.Rooms.SingleOrDefaultAsync(r => r.Id == run.RoomId);
        var stillOut = await (from i in db.ChecklistRunItems
                              join r in db.ChecklistRuns on i.RunId equals r.Id
                              where r.RoomId == run.RoomId && i.Id != item.Id && i.OutOfServiceAt != null && i.FixedAt == null
                              select i.Id).AnyAsync();
        if (room is { State: RoomState.OutOfService } && !stillOut)
        {
            var (_, notFree) = await ReleaseRoom.MoveAsync(db, at, board, room.Number, RoomAction.Release);
            if (notFree is not null) return notFree;
        }
        else await db.SaveChangesAsync();
        return Results.Ok(await ViewAsync(db, at, run));
    }

    private static async Task<IResult> ClosingAsync(HttpContext http, EncoreDb db, string? businessDay)
    {
        var at = await http.Caller().NowAsync();
        if (at.ParseDay("businessDay", businessDay, out var day) is { } bad) return bad;
        return Results.Ok(await ChecklistQueries.ClosingRoundAsync(db, at, day));
    }

    public static async Task<ChecklistRunView> ViewAsync(EncoreDb db, VenueNow at, ChecklistRun run) => (await ViewsAsync(db, at, [run])).Single();

    public static async Task<List<ChecklistRunView>> ViewsAsync(EncoreDb db, VenueNow at, IReadOnlyList<ChecklistRun> runs)
    {
        var ids = runs.Select(r => r.Id).ToList();
        var items = (await db.ChecklistRunItems.Where(i => ids.Contains(i.RunId)).ToListAsync()).ToLookup(i => i.RunId);
        var staffIds = runs.Select(r => r.StartedById).Concat(items.SelectMany(g => g).SelectMany(i => new[] { i.CheckedById, i.FixedById }).OfType<Guid>()).Distinct().ToList();
        var badges = await db.Users.Where(u => staffIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName);
        string? Badge(Guid? id) => id is { } i && badges.TryGetValue(i, out var b) ? b : null;
        return runs.Select(r =>
        {
            var list = items[r.Id].OrderBy(i => i.Position).Select(i => new ChecklistItemView(i.Id, i.Position, i.Text, i.Ok, i.Note,
                i.PhotoPath is null ? null : $"/api/checklists/runs/{r.Id}/items/{i.Id}/photo", Badge(i.CheckedById), at.Local(i.CheckedAt),
                i.OutOfServiceAt is not null && i.FixedAt is null, at.Local(i.OutOfServiceAt), Badge(i.FixedById), at.Local(i.FixedAt))).ToList();
            return new ChecklistRunView(r.Id, r.Template, r.TemplateVersion, r.RoomNumber, r.BusinessDay, Badge(r.StartedById), at.Local(r.StartedAt),
                r.CompletedAt is null ? "open" : "complete", at.Local(r.CompletedAt), list.Count(i => i.Ok == false), list);
        }).ToList();
    }
}
