using Encore.Web.Staff;
using Encore.Web.Board;

namespace Encore.Web.Rankings;

public sealed record CommendationInput(string? Badge, string? Reason, string? BusinessDay);

public sealed record WithdrawInput(string? Reason);

public sealed record CommendationView(Guid Id, string Badge, string Name, string Department, DateOnly BusinessDay, string Reason,
    string GivenBy, string GivenByName, DateTimeOffset GivenAt, DateTimeOffset? WithdrawnAt, string? WithdrawnBy, string WithdrawReason, bool CanWithdraw);

/// <summary>
/// Commendations (表扬): the floor manager, the GM or a department head (their own department's people) commends someone
/// for a night, with the reason; each adds <see cref="Domain.RankingRules.PointsPerCommendation"/> to the month's points.
/// Praise is public: the whole venue reads the month's commendations. Only this month's and last month's nights can be
/// commended (a closed month's points do not move later); a mistaken one is withdrawn with a reason by its giver, the
/// floor or the GM, never deleted.
/// </summary>
public static class CommendationsApi
{
    public const int ReasonMax = 500;

    public static void MapCommendationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/commendations").WithTags("Rankings").RequireAuthorization();
        group.MapPost("/", CreateAsync).Requires(Capability.Commend).Answers<CommendationView>(StatusCodes.Status201Created).WithName("Commend");
        group.MapGet("/", ListAsync).Answers<List<CommendationView>>().WithName("ListCommendations");
        group.MapPost("/{id:guid}/withdraw", WithdrawAsync).Requires(Capability.Commend).Answers<CommendationView>().WithName("WithdrawCommendation");
    }

    private static async Task<IResult> CreateAsync(CommendationInput input, HttpContext http, EncoreDb db, BoardNotifier board)
    {
        var at = await http.Caller().NowAsync();
        var v = new Validator().Text("badge", input.Badge, 32).Text("reason", input.Reason, ReasonMax);
        var day = v.Day("businessDay", input.BusinessDay, at.Today);
        var earliest = new DateOnly(at.Today.Year, at.Today.Month, 1).AddMonths(-1);
        if (day is { } d && (d > at.Today || d < earliest)) v.Add("businessDay", "range", earliest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), at.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (!v.Ok) return v.ToResult();
        var normalized = StaffDirectory.Normalize(input.Badge);
        var person = await db.Users.Where(u => u.VenueId == at.VenueId && u.NormalizedUserName == normalized && u.IsActive)
            .Select(u => new { u.Id, u.Department }).SingleOrDefaultAsync();
        if (person is null) return Problems.Validation("badge", "unknown");
        var me = http.User.StaffId();
        if (person.Id == me) return Problems.Rule(409, "commendation.self");
        if (!http.User.Can(Capability.SeeAllCards))
        {
            var mine = await db.Users.Where(u => u.Id == me).Select(u => u.Department).SingleAsync();
            if (mine.Length == 0 || mine != person.Department) return Problems.Rule(403, "commendation.notYourDepartment");
        }
        AuditScope.Name(http, "commendation.give");
        var commendation = new Commendation
        {
            VenueId = at.VenueId, StaffId = person.Id, BusinessDay = day!.Value, Reason = input.Reason!.Trim(), GivenById = me, GivenAt = at.Now,
        };
        db.Set<Commendation>().Add(commendation);
        await db.SaveChangesAsync();
        board.RankingsChanged(at.VenueId, commendation.BusinessDay);
        return Results.Created($"/api/commendations/{commendation.Id}", (await ViewsAsync(db, at, http.User, [commendation])).Single());
    }

    private static async Task<IResult> ListAsync(HttpContext http, EncoreDb db, string? month)
    {
        var at = await http.Caller().NowAsync();
        if (Ranges.ParseMonth("month", month, out var first, new DateOnly(at.Today.Year, at.Today.Month, 1)) is { } refused) return refused;
        var next = first.AddMonths(1);
        var rows = await db.Set<Commendation>().Where(c => c.VenueId == at.VenueId && c.BusinessDay >= first && c.BusinessDay < next)
            .OrderByDescending(c => c.BusinessDay).ThenByDescending(c => c.GivenAt).ToListAsync();
        return Results.Ok(await ViewsAsync(db, at, http.User, rows));
    }

    private static async Task<IResult> WithdrawAsync(Guid id, WithdrawInput input, HttpContext http, EncoreDb db, BoardNotifier board)
    {
        var at = await http.Caller().NowAsync();
        var v = new Validator().Text("reason", input.Reason, ReasonMax);
        if (!v.Ok) return v.ToResult();
        var commendation = await db.Set<Commendation>().SingleOrDefaultAsync(c => c.Id == id && c.VenueId == at.VenueId);
        if (commendation is null) return Problems.Rule(404, "commendation.notFound");
        if (!MayWithdraw(http.User, commendation)) return Problems.Rule(403, "commendation.notYours");
        if (commendation.WithdrawnAt is not null) return Problems.Rule(409, "commendation.withdrawn");
        AuditScope.Name(http, "commendation.withdraw");
        commendation.WithdrawnAt = at.Now;
        commendation.WithdrawnById = http.User.StaffId();
        commendation.WithdrawReason = input.Reason!.Trim();
        commendation.Version++;
        await db.SaveChangesAsync();
        board.RankingsChanged(at.VenueId, commendation.BusinessDay);
        return Results.Ok((await ViewsAsync(db, at, http.User, [commendation])).Single());
    }

    private static bool MayWithdraw(ClaimsPrincipal user, Commendation c) =>
        user.Can(Capability.Commend) && (c.GivenById == user.StaffId() || user.Can(Capability.SeeAllCards));

    private static async Task<List<CommendationView>> ViewsAsync(EncoreDb db, VenueNow at, ClaimsPrincipal user, IReadOnlyList<Commendation> rows)
    {
        var ids = rows.SelectMany(r => new[] { r.StaffId, r.GivenById }).Concat(rows.Select(r => r.WithdrawnById).OfType<Guid>()).Distinct().ToList();
        var people = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new { Badge = u.UserName!, u.Name, u.Department });
        return rows.Select(r => new CommendationView(r.Id, people[r.StaffId].Badge, people[r.StaffId].Name, people[r.StaffId].Department, r.BusinessDay, r.Reason,
            people[r.GivenById].Badge, people[r.GivenById].Name, at.Local(r.GivenAt), at.Local(r.WithdrawnAt),
            r.WithdrawnById is { } w ? people[w].Badge : null, r.WithdrawReason, r.WithdrawnAt is null && MayWithdraw(user, r))).ToList();
    }
}
