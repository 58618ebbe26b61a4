using Encore.Web.Bookings;

namespace Encore.Web.Performance;

public sealed record CardLine(Guid SessionId, string RoomNumber, bool WalkIn, Guid? BookingId, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt,
    decimal Spend, decimal Discount, decimal CompsValue, string? CreditedBadge);

public sealed record DisputeView(Guid Id, string Badge, DateOnly BusinessDay, Guid SessionId, string Reason, DisputeStatus Status, string Decision, string? DecidedBy, DateTimeOffset CreatedAt)
{
    /// <summary>What a floor manager may answer next (uphold, reject), by status.</summary>
    public IReadOnlyList<DisputeAction> AllowedActions => DisputeTransitions.Offered(Status);
}

public sealed record CardView(DateOnly BusinessDay, string Badge, IReadOnlyList<CardLine> Sessions, decimal Spend, int Rooms,
    bool Signed, DateTimeOffset? SignedAt, DateTimeOffset Deadline, bool CanSign, IReadOnlyList<DisputeView> Disputes);

/// <summary>PUT /api/targets/{badge}/{month}: a person's own target for the month (null: the house rule's).</summary>
public sealed record TargetView(string Badge, string Month, decimal? Spend, int? Rooms);

public sealed record StandingView(string Badge, string Name, string Role, string? ManagerBadge, decimal Spend, int Rooms,
    decimal TargetSpend, int TargetRooms, decimal Attainment, decimal RoomsAttainment, decimal UnsignedSpend,
    decimal Discounts, decimal Comps, int NewCustomers, int NewCustomersQuota, bool NewCustomersDue, bool FlaggedForReview)
{
    /// <summary>
    /// The average satisfaction (1–5) of the month's return visits to the person's customers; null without any. Called
    /// <c>satisfaction</c> before issue 18, whose contract (API.md) gives that name to the 0–100 figure below.
    /// </summary>
    public decimal? ReturnVisitSatisfaction { get; init; }
    /// <summary>The month's complaints about the person's rooms and guests (they were the complaint's manager), issue 16.</summary>
    public int Complaints { get; init; }
    /// <summary>The average satisfaction (1–5) the guests gave the resolution of those complaints; null without any.</summary>
    public decimal? ComplaintSatisfaction { get; init; }
    /// <summary>The average of the guests' own ratings (1–5, through the room's link) of the person's sessions of the month; null without any.</summary>
    public decimal? GuestRating { get; init; }
    /// <summary>
    /// Issue 18 (API.md "satisfaction", 0–100): the person's satisfaction over the month on the appraisal's scale (return
    /// visits, guests' own ratings and complaint resolutions pooled, Appraisal/AppraisalMeasures.cs); null with nothing to
    /// measure. The 1–5 return-visit average is <see cref="ReturnVisitSatisfaction"/>.
    /// </summary>
    public decimal? Satisfaction { get; init; }
    /// <summary>Issue 18: why the person is up for a dismissal review: missedTargets · lowSatisfaction · failedTwice (empty: not flagged).</summary>
    public IReadOnlyList<string> ReviewReasons { get; init; } = [];
}

public sealed record DisputeInput(Guid? SessionId, string? Reason);

public sealed record DecideInput(bool? Upheld, string? Decision, string? CreditBadge);

public sealed record TargetInput(decimal? Spend, int? Rooms);

/// <summary>
/// API.md "Performance": each manager's card (业绩卡) for a business day, signed by them before the house-rule
/// deadline; disputes of a line go to the floor manager; month standings count only signed cards.
/// Performance is the billed spend of the sessions credited to the person (a promoter's also roll up to their
/// manager); discounts and comps are shown beside it, not taken off.
/// </summary>
public static class PerformanceApi
{

    public static void MapPerformanceApi(this IEndpointRouteBuilder app)
    {
        var cards = app.MapGroup("/api/performance-cards").WithTags("Performance").RequireAuthorization();
        cards.MapGet("/{businessDay}", async (string businessDay, string? badge, HttpContext http, EncoreDb db) =>
            {
                var at = await http.Caller().NowAsync();
                if (Ranges.ParseDay("businessDay", businessDay, out var day) is { } refused) return refused;
                var who = await WhoAsync(http, db, badge);
                if (who.Problem is { } problem) return problem;
                return Results.Ok(await CardAsync(db, at, who.Id, who.Badge, day));
            })
            .Answers<CardView>().WithName("GetPerformanceCard");
        cards.MapPost("/{businessDay}/sign", SignAsync).Answers<CardView>().WithName("SignPerformanceCard");
        cards.MapPost("/{businessDay}/disputes", DisputeAsync).Answers<DisputeView>(StatusCodes.Status201Created).WithName("DisputeCardLine");

        var disputes = app.MapGroup("/api/disputes").WithTags("Performance").Requires(Capability.ManagePerformance);
        disputes.MapGet("/", async (HttpContext http, EncoreDb db, string? status) =>
            {
                var at = await http.Caller().NowAsync();
                var query = db.CardDisputes.Where(d => d.VenueId == at.VenueId);
                if (!string.IsNullOrWhiteSpace(status))
                {
                    // An unknown status matches no dispute (as when the status was a plain string).
                    if (!Codes.TryParse<DisputeStatus>(status, out var wanted)) return Results.Ok(new List<DisputeView>());
                    query = query.Where(d => d.Status == wanted);
                }
                return Results.Ok(await DisputesAsync(db, query, at));
            })
            .Answers<List<DisputeView>>().WithName("ListDisputes");
        disputes.MapPost("/{id:guid}/decide", DecideAsync).Answers<DisputeView>().WithName("DecideDispute");

        app.MapGet("/api/performance", GetStandingsAsync).WithTags("Performance").RequireAuthorization().Answers<List<StandingView>>().WithName("GetPerformance");
        app.MapPut("/api/targets/{badge}/{month}", SetTargetAsync).WithTags("Performance")
            .Requires(Capability.ManagePerformance).Answers<TargetView>().WithName("SetTarget");
    }

    private sealed record Who(Guid Id, string Badge, IResult? Problem);

    /// <summary>The caller, or, for a GM, floor manager or department head, the badge asked for.</summary>
    private static async Task<Who> WhoAsync(HttpContext http, EncoreDb db, string? badge)
    {
        var user = http.User;
        if (string.IsNullOrWhiteSpace(badge) || badge == user.Badge()) return new Who(user.StaffId(), user.Badge(), null);
        if (!user.Can(Capability.SeeAllCards) && !user.Can(Capability.SeeDepartment)) return new Who(Guid.Empty, "", Problems.Rule(403, "performance.onlyOwnCard"));
        var normalized = badge.Trim().ToUpperInvariant();
        var person = await db.Users.Where(u => u.VenueId == user.VenueId() && u.NormalizedUserName == normalized)
            .Select(u => new { u.Id, u.Department }).SingleOrDefaultAsync();
        if (person is null) return new Who(Guid.Empty, "", Problems.Validation("badge", "unknown"));
        // A department head reads their own department's cards, as with statements; the floor and the GM anyone's.
        var mine = user.StaffId();
        if (!user.Can(Capability.SeeAllCards) && !await db.Users.AnyAsync(u => u.Id == mine && u.Department == person.Department))
            return new Who(Guid.Empty, "", Problems.Rule(403, "performance.notYourDepartment"));
        return new Who(person.Id, badge.Trim(), null);
    }

    public static async Task<CardView> CardAsync(EncoreDb db, VenueNow at, Guid staffId, string badge, DateOnly day)
    {
        var rows = await (from s in db.RoomSessions
                          join r in db.Rooms on s.RoomId equals r.Id
                          where s.VenueId == at.VenueId && s.CreditedToId == staffId && s.BusinessDay == day
                          orderby s.OpenedAt
                          select new { s, Room = r.Number }).ToListAsync();
        var lines = rows.Select(x => new CardLine(x.s.Id, x.Room, x.s.WalkIn, x.s.BookingId, at.Local(x.s.OpenedAt), at.Local(x.s.ClosedAt),
            x.s.Spend, x.s.Discount, x.s.CompsValue, badge)).ToList();
        var card = await db.PerformanceCards.SingleOrDefaultAsync(c => c.StaffId == staffId && c.BusinessDay == day);
        var closed = lines.Where(l => l.ClosedAt is not null).ToList();
        var disputes = await DisputesAsync(db, db.CardDisputes.Where(d => d.StaffId == staffId && d.BusinessDay == day), at);
        return new CardView(day, badge, lines, closed.Sum(l => l.Spend), closed.Count, card is not null, at.Local(card?.SignedAt),
            at.Local(Targets.SignDeadline(day, at.Rules)), card is null && Targets.CanSign(day, at.Now, at.Today, at.Rules), disputes);
    }

    private static async Task<List<DisputeView>> DisputesAsync(EncoreDb db, IQueryable<CardDispute> query, VenueNow at)
    {
        var rows = await (from d in query join u in db.Users on d.StaffId equals u.Id orderby d.CreatedAt select new { d, Badge = u.UserName! }).ToListAsync();
        var deciders = rows.Select(r => r.d.DecidedById).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.Where(u => deciders.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName!);
        return rows.Select(r => new DisputeView(r.d.Id, r.Badge, r.d.BusinessDay, r.d.SessionId, r.d.Reason, r.d.Status, r.d.Decision,
            r.d.DecidedById is { } id ? names.GetValueOrDefault(id) : null, at.Local(r.d.CreatedAt))).ToList();
    }

    private static async Task<IResult> SignAsync(string businessDay, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var at = await http.Caller().NowAsync();
        if (Ranges.ParseDay("businessDay", businessDay, out var day) is { } refused) return refused;
        var me = http.User.StaffId();
        if (await db.PerformanceCards.AnyAsync(c => c.StaffId == me && c.BusinessDay == day))
            return Results.Ok(await CardAsync(db, at, me, http.User.Badge(), day)); // signing twice is harmless
        if (!Targets.CanSign(day, at.Now, at.Today, at.Rules))
            return Problems.Rule(409, day > at.Today ? "card.notYet" : "card.deadlinePassed", at.Local(Targets.SignDeadline(day, at.Rules)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        var card = await CardAsync(db, at, me, http.User.Badge(), day);
        if (card.Sessions.Any(s => s.ClosedAt is null)) return Problems.Rule(409, "card.roomsStillOpen");
        AuditScope.Name(http, "card.sign");
        db.PerformanceCards.Add(new PerformanceCard { VenueId = at.VenueId, StaffId = me, BusinessDay = day, SignedAt = at.Now, SignedSpend = card.Spend, SignedRooms = card.Rooms });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.IsConflict())
        {
            // A double tap: the other request signed it.
        }
        board.StandingsChanged(at.VenueId);
        return Results.Ok(await CardAsync(db, at, me, http.User.Badge(), day));
    }

    private static async Task<IResult> DisputeAsync(string businessDay, DisputeInput input, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        if (Ranges.ParseDay("businessDay", businessDay, out var day) is { } refused) return refused;
        var v = new Validator().Text("reason", input.Reason, 500);
        if (input.SessionId is null) v.Add("sessionId", "required");
        if (!v.Ok) return v.ToResult();
        // A line of one's own card, or a session of that night one believes is theirs.
        var session = await db.RoomSessions.SingleOrDefaultAsync(s => s.Id == input.SessionId && s.VenueId == at.VenueId && s.BusinessDay == day);
        if (session is null) return Problems.Validation("sessionId", "unknown");
        AuditScope.Name(http, "card.dispute");
        var dispute = new CardDispute { VenueId = at.VenueId, StaffId = http.User.StaffId(), BusinessDay = day, SessionId = session.Id, Reason = input.Reason!.Trim(), CreatedAt = at.Now };
        db.CardDisputes.Add(dispute);
        await db.SaveChangesAsync();
        return Results.Created($"/api/disputes/{dispute.Id}", (await DisputesAsync(db, db.CardDisputes.Where(d => d.Id == dispute.Id), at)).Single());
    }

    private static async Task<IResult> DecideAsync(Guid id, DecideInput input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var v = new Validator().Text("decision", input.Decision, 500).Text("creditBadge", input.CreditBadge, 32, required: false);
        if (input.Upheld is null) v.Add("upheld", "required");
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        AuditScope.Name(http, "card.disputeDecided");
        await using var tx = await db.BeginWriteAsync();
        var dispute = await db.CardDisputes.SingleOrDefaultAsync(d => d.Id == id && d.VenueId == at.VenueId);
        if (dispute is null) return Problems.Rule(404, "dispute.notFound");
        var action = input.Upheld == true ? DisputeAction.Uphold : DisputeAction.Reject;
        if (!DisputeTransitions.CanMove(dispute.Status, action)) return Problems.Rule(409, "dispute.decided");
        if (input.Upheld == true && !string.IsNullOrWhiteSpace(input.CreditBadge))
        {
            // Upheld with a new owner of the line: the session's credit moves (the decision says why).
            var badge = input.CreditBadge.Trim().ToUpperInvariant();
            var to = await db.Users.Where(u => u.VenueId == at.VenueId && u.NormalizedUserName == badge).Select(u => (Guid?)u.Id).SingleOrDefaultAsync();
            if (to is null) return Problems.Validation("creditBadge", "unknown");
            var session = await db.RoomSessions.SingleAsync(s => s.Id == dispute.SessionId);
            session.CreditedToId = to;
        }
        dispute.Status = DisputeTransitions.Apply(dispute.Status, action);
        dispute.Decision = input.Decision!.Trim();
        dispute.DecidedById = http.User.StaffId();
        dispute.DecidedAt = at.Now;
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        board.StandingsChanged(at.VenueId);
        return Results.Ok((await DisputesAsync(db, db.CardDisputes.Where(d => d.Id == id), at)).Single());
    }

    private static async Task<IResult> SetTargetAsync(string badge, string month, TargetInput input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var v = new Validator().Range("spend", input.Spend, 0, Ranges.MonthlyTargetMax, required: false).Range("rooms", input.Rooms, 0, Ranges.MonthlyRoomsMax, required: false);
        v.Month("month", month);
        if (!v.Ok) return v.ToResult();
        var venue = http.User.VenueId();
        var normalized = badge.ToUpperInvariant();
        var staffId = await db.Users.Where(u => u.VenueId == venue && u.NormalizedUserName == normalized).Select(u => (Guid?)u.Id).SingleOrDefaultAsync();
        if (staffId is null) return Problems.Rule(404, "staff.notFound", badge);
        AuditScope.Name(http, "target.set");
        // An upsert: two edits of one target at the same moment (a double tap, two floor managers) must both
        // answer. The read and the write share the request's transaction (serialized on SQLite); on PostgreSQL the
        // loser of the insert race meets the unique index and the request runs again (Writes), finding the row.
        var target = await db.MonthlyTargets.SingleOrDefaultAsync(t => t.StaffId == staffId && t.Month == month);
        if (target is null) db.MonthlyTargets.Add(target = new MonthlyTarget { VenueId = venue, StaffId = staffId.Value, Month = month });
        target.Spend = input.Spend;
        target.Rooms = input.Rooms;
        await db.SaveChangesAsync();
        board.StandingsChanged(venue);
        return Results.Ok(new TargetView(badge, month, target.Spend, target.Rooms));
    }

    private static async Task<IResult> GetStandingsAsync(HttpContext http, EncoreDb db, string? month)
    {
        var at = await http.Caller().NowAsync();
        if (Ranges.ParseMonth("month", month, out var first, new DateOnly(at.Today.Year, at.Today.Month, 1)) is { } refused) return refused;
        return Results.Ok(await http.RequestServices.GetRequiredService<StandingsSettings>().AnswerAsync(db, at, first));
    }
}
