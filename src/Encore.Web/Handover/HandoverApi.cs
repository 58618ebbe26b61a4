using Encore.Web.Checklists;
using Encore.Web.Meetings;
using Encore.Web.Staff;

namespace Encore.Web.Handover;

public sealed record HandoverInput(string? Notes, IReadOnlyList<string?>? OpenMatters);

public sealed record HandoverComplaint(Guid Id, ComplaintCategory Category, ComplaintStatus Status, string? RoomNumber, string Description, bool Overdue);
public sealed record HandoverLostItem(Guid Id, string RoomNumber, string Description, string Storage);
public sealed record HandoverValuable(Guid Id, string? RoomNumber, string Description, DateTimeOffset TakenAt);
public sealed record HandoverRoom(string Number, string Note, DateTimeOffset? Since);
public sealed record HandoverAction(Guid Id, string Text, string OwnerBadge, string OwnerName, DateOnly Due, bool Overdue);

/// <summary>
/// What the next shift must know, as Encore knows it (SPEC.md "Shift handover"): complaints not resolved, lost items
/// kept and valuables held, rooms out of service, meeting actions not done, and whether the night's closing round is
/// complete (Checklists). A handover keeps this as it stood when written.
/// </summary>
public sealed record HandoverFacts(List<HandoverComplaint> OpenComplaints, List<HandoverLostItem> ItemsKept, List<HandoverValuable> ValuablesHeld,
    List<HandoverRoom> OutOfServiceRooms, List<HandoverAction> UnfinishedActions, ClosingRoundState ClosingRound)
{
    public static async Task<HandoverFacts> GatherAsync(EncoreDb db, VenueNow at)
    {
        var complaints = await (from c in db.Complaints
                                join r in db.Rooms on c.RoomId equals r.Id into complaintRooms
                                from r in complaintRooms.DefaultIfEmpty()
                                where c.VenueId == at.VenueId && c.Status != ComplaintStatus.Resolved
                                orderby c.CreatedAt
                                select new { c, Room = r == null ? null : r.Number }).ToListAsync();
        var lost = await db.LostItems.Where(i => i.VenueId == at.VenueId && i.Status == "kept").OrderBy(i => i.FoundAt)
            .Select(i => new HandoverLostItem(i.Id, i.RoomNumber, i.Description, i.Storage)).ToListAsync();
        var valuables = await db.Valuables.Where(v => v.VenueId == at.VenueId && v.ReturnedAt == null).OrderBy(v => v.TakenAt)
            .Select(v => new HandoverValuable(v.Id, v.RoomNumber, v.Description, v.TakenAt)).ToListAsync();
        var rooms = (await db.Rooms.Where(r => r.VenueId == at.VenueId && r.State == RoomState.OutOfService)
            .Select(r => new HandoverRoom(r.Number, r.StateNote, r.StateSince)).ToListAsync())
            .OrderBy(r => r.Number.Length).ThenBy(r => r.Number, StringComparer.Ordinal).ToList();
        var actions = (await MeetingQueries.OpenActionsAsync(db, at))
            .Select(a => new HandoverAction(a.Id, a.Text, a.OwnerBadge, a.OwnerName, a.Due, a.Overdue)).ToList();
        var closing = await ChecklistQueries.ClosingRoundStateAsync(db, at.VenueId, at.Today);
        return new HandoverFacts(
            complaints.Select(x => new HandoverComplaint(x.c.Id, x.c.Category, x.c.Status, x.Room, x.c.Description,
                x.c.Deadlines.EscalationAt(x.c.Status, at.Now) != EscalationLevel.None)).ToList(),
            lost, valuables.Select(v => v with { TakenAt = at.Local(v.TakenAt) }).ToList(), rooms.Select(r => r with { Since = at.Local(r.Since) }).ToList(),
            actions, closing);
    }
}

public sealed record HandoverView(Guid Id, DateOnly BusinessDay, string WrittenBy, string WrittenByName, DateTimeOffset WrittenAt, string Notes,
    List<string> OpenMatters, HandoverFacts Matters, string? AcknowledgedBy, string? AcknowledgedByName, DateTimeOffset? AcknowledgedAt);

/// <summary>
/// API.md "shift handover" (交接班): the outgoing shift writes it (notes and open matters of its own, with Encore's
/// matters pre-filled and kept as they stood), the incoming shift acknowledges it (who, when; not the writer).
/// The host desk, its supervisor, the floor manager and the GM hand over shifts.
/// </summary>
public static class HandoverApi
{
    public const int MaxMatters = 30;
    public const int MatterLength = 200;

    public static void MapHandoverApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/shift-handover").WithTags("Shift handover").RequireAuthorization().Requires(Capability.HandOverShifts);
        group.MapPost("/", WriteAsync).Answers<HandoverView>(StatusCodes.Status201Created).WithName("WriteHandover");
        group.MapGet("/", ListAsync).Answers<List<HandoverView>>().WithName("ListHandovers");
        group.MapGet("/prefill", async (HttpContext http, EncoreDb db) => Results.Ok(await HandoverFacts.GatherAsync(db, await http.Caller().NowAsync())))
            .Answers<HandoverFacts>().WithName("HandoverPrefill");
        group.MapPost("/{id:guid}/acknowledge", AcknowledgeAsync).Answers<HandoverView>().WithName("AcknowledgeHandover");
    }

    private static async Task<IResult> WriteAsync(HandoverInput input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var v = new Validator().Text("notes", input.Notes, 2000, required: false);
        var matters = input.OpenMatters ?? [];
        if (matters.Count > MaxMatters) v.Add("openMatters", "maxItems", MaxMatters);
        else for (var i = 0; i < matters.Count; i++) v.Text($"openMatters[{i}]", matters[i], MatterLength);
        if (string.IsNullOrWhiteSpace(input.Notes) && matters.Count == 0) v.Add("notes", "requiredEither", "openMatters");
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        AuditScope.Name(http, "handover.write");
        var handover = new ShiftHandover
        {
            VenueId = at.VenueId, BusinessDay = at.Today, WrittenById = http.User.StaffId(), WrittenAt = at.Now, Notes = input.Notes?.Trim() ?? "",
            OpenMatters = JsonSerializer.Serialize(matters.Select(m => m!.Trim()).ToList(), EncoreJson.Options),
            Snapshot = JsonSerializer.Serialize(await HandoverFacts.GatherAsync(db, at), EncoreJson.Options),
        };
        db.ShiftHandovers.Add(handover);
        await db.SaveChangesAsync();
        board.HandoverChanged(at.VenueId, handover.BusinessDay);
        return Results.Created($"/api/shift-handover?businessDay={Ranges.DayText(handover.BusinessDay)}", (await ViewsAsync(db, at, [handover])).Single());
    }

    private static async Task<IResult> ListAsync(HttpContext http, EncoreDb db, string? businessDay)
    {
        var at = await http.Caller().NowAsync();
        if (at.ParseDay("businessDay", businessDay, out var day) is { } refused) return refused;
        var rows = await db.ShiftHandovers.Where(h => h.VenueId == at.VenueId && h.BusinessDay == day).OrderByDescending(h => h.WrittenAt).ToListAsync();
        return Results.Ok(await ViewsAsync(db, at, rows));
    }

    private static async Task<IResult> AcknowledgeAsync(Guid id, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var at = await http.Caller().NowAsync();
        var handover = await db.ShiftHandovers.SingleOrDefaultAsync(h => h.Id == id && h.VenueId == at.VenueId);
        if (handover is null) return Problems.Rule(404, "handover.notFound");
        if (handover.AcknowledgedAt is { } when)
            return Problems.Rule(409, "handover.acknowledged", (await db.BadgesAsync([handover.AcknowledgedById!.Value])).GetValueOrDefault(handover.AcknowledgedById.Value), at.Local(when).ToString("HH:mm", CultureInfo.InvariantCulture));
        if (handover.WrittenById == http.User.StaffId()) return Problems.Rule(409, "handover.ownAcknowledge");
        AuditScope.Name(http, "handover.acknowledge");
        handover.AcknowledgedById = http.User.StaffId();
        handover.AcknowledgedAt = at.Now;
        handover.Version++;
        await db.SaveChangesAsync();
        board.HandoverChanged(at.VenueId, handover.BusinessDay);
        return Results.Ok((await ViewsAsync(db, at, [handover])).Single());
    }

    private static async Task<List<HandoverView>> ViewsAsync(EncoreDb db, VenueNow at, IReadOnlyList<ShiftHandover> rows)
    {
        var ids = rows.Select(r => r.WrittenById).Concat(rows.Select(r => r.AcknowledgedById).OfType<Guid>()).Distinct().ToList();
        var people = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new { Badge = u.UserName!, u.Name });
        return rows.Select(r => new HandoverView(r.Id, r.BusinessDay, people[r.WrittenById].Badge, people[r.WrittenById].Name, at.Local(r.WrittenAt), r.Notes,
            JsonSerializer.Deserialize<List<string>>(r.OpenMatters, EncoreJson.Options) ?? [],
            JsonSerializer.Deserialize<HandoverFacts>(r.Snapshot, EncoreJson.Options)!,
            r.AcknowledgedById is { } a ? people[a].Badge : null, r.AcknowledgedById is { } b ? people[b].Name : null, at.Local(r.AcknowledgedAt))).ToList();
    }
}
