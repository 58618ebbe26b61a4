using System.Text.Json.Serialization;
using Encore.Web.Bookings;
using Encore.Web.Rooms;

namespace Encore.Web.Approvals;

public sealed record ApprovalInput(string? RoomNumber, decimal? Discount, IReadOnlyList<CompInput>? Comps, string? Reason, decimal? Spend);

public sealed record DecisionInput(string? Note);

public sealed record ApprovalView(
    Guid Id, ApprovalStatus Status, string RoomNumber, decimal ExpectedSpend, decimal Discount, JsonElement Comps, decimal CompsValue,
    string Reason, string RequestedBy, string? CreditedBadge, string? DecidedBy, DateTimeOffset? DecidedAt, string DecisionNote,
    DateTimeOffset CreatedAt, Guid SessionId)
{
    [JsonIgnore] public Guid RequestedById { get; init; }

    /// <summary>What an approver may answer (grant, deny), by status; using it is the bill's, not listed.</summary>
    public IReadOnlyList<ApprovalAction> AllowedActions => ApprovalTransitions.Offered(Status);
}

public static class ApprovalQueries
{
    public static async Task<List<ApprovalView>> ViewsAsync(EncoreDb db, IQueryable<Approval> approvals, VenueNow at)
    {
        var rows = await (from a in approvals
                          join r in db.Rooms on a.RoomId equals r.Id
                          join s in db.RoomSessions on a.SessionId equals s.Id
                          join q in db.Users on a.RequestedById equals q.Id
                          orderby a.CreatedAt descending
                          select new { a, Room = r.Number, Requester = q.UserName!, s.CreditedToId }).ToListAsync();
        var ids = rows.SelectMany(r => new[] { r.a.DecidedById, r.CreditedToId }).OfType<Guid>().Distinct().ToList();
        var badges = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName!);
        return rows.Select(r => new ApprovalView(r.a.Id, r.a.Status, r.Room, r.a.ExpectedSpend, r.a.Discount,
                JsonDocument.Parse(r.a.Comps).RootElement.Clone(), r.a.CompsValue, r.a.Reason, r.Requester,
                r.CreditedToId is { } c ? badges.GetValueOrDefault(c) : null,
                r.a.DecidedById is { } d ? badges.GetValueOrDefault(d) : null, at.Local(r.a.DecidedAt), r.a.DecisionNote,
                at.Local(r.a.CreatedAt), r.a.SessionId) { RequestedById = r.a.RequestedById })
            .ToList();
    }

    public static async Task<ApprovalView?> ViewAsync(EncoreDb db, Guid id, VenueNow at) =>
        (await ViewsAsync(db, db.Approvals.Where(a => a.Id == id), at)).SingleOrDefault();
}

/// <summary>
/// API.md "Approvals": a discount or comps beyond the credited manager's authority is asked for, goes live to
/// the floor managers and the GM, and is granted or denied by one whose own authority covers it. The answer
/// reaches the requester live; a granted approval is used once, by the bill of that session.
/// </summary>
public static class ApprovalsApi
{
    public static void MapApprovalsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/approvals").WithTags("Approvals").RequireAuthorization();
        group.MapPost("/", RequestAsync).Requires(Capability.RequestApprovals).Answers<ApprovalView>(StatusCodes.Status201Created).WithName("RequestApproval");
        group.MapGet("/", async (HttpContext http, EncoreDb db, string? status) =>
            {
                var at = await http.Caller().NowAsync();
                var query = Visible(db, http);
                if (!string.IsNullOrWhiteSpace(status))
                {
                    if (!Enum.TryParse<ApprovalStatus>(status, true, out var s) || !Enum.IsDefined(s) || int.TryParse(status, out _))
                        return Problems.Validation("status", "oneOf", "pending|granted|denied|used");
                    query = query.Where(a => a.Status == s);
                }
                return Results.Ok(await ApprovalQueries.ViewsAsync(db, query.Where(a => a.CreatedAt >= at.Now.AddDays(-31)), at));
            })
            .Answers<List<ApprovalView>>().WithName("ListApprovals");
        group.MapGet("/{id:guid}", async (Guid id, HttpContext http, EncoreDb db) =>
                await Visible(db, http).AnyAsync(a => a.Id == id) && await ApprovalQueries.ViewAsync(db, id, await http.Caller().NowAsync()) is { } view
                    ? Results.Ok(view)
                    : Problems.Rule(404, "approval.notFound"))
            .Answers<ApprovalView>().WithName("GetApproval");
        group.MapPost("/{id:guid}/grant", (Guid id, DecisionInput? input, HttpContext http, EncoreDb db, Board.BoardNotifier board) =>
                DecideAsync(id, true, input, http, db, board))
            .Requires(Capability.DecideApprovals).Answers<ApprovalView>().WithName("GrantApproval");
        group.MapPost("/{id:guid}/deny", (Guid id, DecisionInput? input, HttpContext http, EncoreDb db, Board.BoardNotifier board) =>
                DecideAsync(id, false, input, http, db, board))
            .Requires(Capability.DecideApprovals).Answers<ApprovalView>().WithName("DenyApproval");
    }

    /// <summary>Approvers and the desk see the venue's requests; anyone else only their own.</summary>
    private static IQueryable<Approval> Visible(EncoreDb db, HttpContext http)
    {
        var user = http.User;
        var query = db.Approvals.Where(a => a.VenueId == user.VenueId());
        if (user.Can(Capability.SeeAllApprovals)) return query;
        var me = user.StaffId();
        return query.Where(a => a.RequestedById == me);
    }

    private static async Task<IResult> RequestAsync(ApprovalInput input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var v = new Validator()
            .Text("roomNumber", input.RoomNumber, 16)
            .Range("discount", input.Discount ?? 0, 0, Ranges.BillMax)
            .Range("spend", input.Spend, 0, Ranges.BillMax, required: false)
            .Text("reason", input.Reason, 500);
        var comps = input.Comps ?? [];
        CloseRoom.ValidateComps(v, comps);
        if ((input.Discount ?? 0) == 0 && comps.Count == 0) v.Add("discount", "requiredEither", "comps");
        if (!v.Ok) return v.ToResult();

        var at = await http.Caller().NowAsync();
        var user = http.User;
        AuditScope.Name(http, "approval.request");
        Approval approval;
        await using (var tx = await db.BeginWriteAsync())
        {
            var room = await Desk.FindRoomAsync(db, at.VenueId, input.RoomNumber);
            if (room is null) return Problems.Validation("roomNumber", "unknown");
            var claim = await Desk.ActiveClaimAsync(db, room.Id);
            if (claim?.SessionId is not { } sessionId) return Problems.Rule(409, "room.notOpen", room.Number);
            var session = await db.RoomSessions.SingleAsync(s => s.Id == sessionId);
            // A manager asks for their own guests only; the desk and the cashier for any room.
            if (!user.Can(Capability.RequestForAnyRoom) && session.CreditedToId != user.StaffId()) return Problems.Rule(403, "approval.notYourRoom", room.Number);
            var catalogue = await CloseRoom.CatalogueAsync(db, at.VenueId);
            if (CloseRoom.UnknownItem(comps, catalogue) is { } unknown) return Problems.Validation(unknown, "notInCatalogue");

            approval = new Approval
            {
                VenueId = at.VenueId, RoomId = room.Id, SessionId = session.Id, RequestedById = user.StaffId(),
                ExpectedSpend = input.Spend ?? room.MinimumSpend, Discount = input.Discount ?? 0,
                Comps = CloseRoom.CompsJson(comps), CompsValue = comps.Sum(c => c.Value!.Value),
                Reason = input.Reason!.Trim(), CreatedAt = at.Now,
            };
            db.Approvals.Add(approval);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        board.ApprovalChanged(at.VenueId, approval.Id);
        return Results.Created($"/api/approvals/{approval.Id}", await ApprovalQueries.ViewAsync(db, approval.Id, at));
    }

    private static async Task<IResult> DecideAsync(Guid id, bool grant, DecisionInput? input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var v = new Validator().Text("note", input?.Note, 500, required: !grant);
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        var user = http.User;
        AuditScope.Name(http, grant ? "approval.grant" : "approval.deny");
        try
        {
            await using var tx = await db.BeginWriteAsync();
            var approval = await db.Approvals.SingleOrDefaultAsync(a => a.Id == id && a.VenueId == at.VenueId);
            if (approval is null) return Problems.Rule(404, "approval.notFound");
            var action = grant ? ApprovalAction.Grant : ApprovalAction.Deny;
            if (!ApprovalTransitions.CanMove(approval.Status, action)) return Problems.Rule(409, "approval.alreadyDecided");
            if (approval.RequestedById == user.StaffId()) return Problems.Rule(403, "approval.notYourOwn");
            var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                               where ur.UserId == approval.RequestedById || ur.UserId == user.StaffId()
                               select new { ur.UserId, r.Name }).ToListAsync();
            var mine = roles.Where(r => r.UserId == user.StaffId()).Select(r => r.Name!).ToList();
            if (grant && !Domain.Authority.CanGrant(at.Rules.Authority, mine, approval.ExpectedSpend, approval.Discount, approval.CompsValue))
                return Problems.Rule(403, "approval.beyondYourAuthority");
            approval.Status = ApprovalTransitions.Apply(approval.Status, action);
            approval.DecidedById = user.StaffId();
            approval.DecidedAt = at.Now;
            approval.DecisionNote = input?.Note?.Trim() ?? "";
            approval.Version++;
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        catch (DbUpdateException e) when (e.IsConflict())
        {
            return Problems.Rule(409, "approval.alreadyDecided");
        }
        board.ApprovalChanged(at.VenueId, id);
        return Results.Ok(await ApprovalQueries.ViewAsync(db, id, at));
    }
}
