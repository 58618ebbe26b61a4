using System.Text.RegularExpressions;
using Encore.Web.Reports;
using Encore.Web.Staff;
using Microsoft.AspNetCore.Identity;

namespace Encore.Web.Chain;

public sealed record FirstGmInput(string? Badge, string? Name, string? Password);

/// <summary>API.md's fields, and beside them the venue's region and its first GM (optional: the chain admin may add one later by moving someone).</summary>
public sealed record VenueInput(string? Code, string? Name, string? TimeZone, string? BusinessDayCutoff, string? Region = null, FirstGmInput? Gm = null);

public sealed record VenueUpdate(string? Name, string? Region);

public sealed record VenueView(Guid Id, string Code, string Name, string Region, string TimeZone, string BusinessDayCutoff, int Staff, int Rooms, DateTimeOffset CreatedAt);

public sealed record RegionalManagerInput(string? Venue, string? Badge, IReadOnlyList<string>? Venues);

public sealed record RegionalManagerView(string Venue, string Badge, string Name, IReadOnlyList<string> Venues);

public sealed record StaffMoveInput(string? FromVenue, string? Badge, string? ToVenue, string? Note);

public sealed record StaffMoveView(Guid Id, string Badge, string Name, string FromVenue, string ToVenue, DateTimeOffset At, string ByBadge, string Note);

/// <summary>
/// One venue's night: rooms used and in the house, sessions, occupancy (room-hours sold ÷ open), spend, complaints, and
/// attendance as the daily report has it (signed in, late, absent).
/// </summary>
public sealed record ChainVenueRow(string Code, string Name, string Region, int RoomsInHouse, int Rooms, int Sessions, decimal Occupancy, decimal Spend,
    int Complaints, AttendanceFigures Attendance);

/// <summary>A region's (or the chain's) sum of its venues' rows; occupancy is the region's room-hours sold ÷ open.</summary>
public sealed record ChainRollup(string Region, int Venues, int RoomsInHouse, int Rooms, int Sessions, decimal Occupancy, decimal Spend,
    int Complaints, AttendanceFigures Attendance);

public sealed record ChainSummary(string BusinessDay, IReadOnlyList<ChainVenueRow> Venues, IReadOnlyList<ChainRollup> Regions, ChainRollup Chain);

/// <summary>
/// API.md "Venues and the chain" (issue 21): the chain admin opens venues — each with its own code, time zone and
/// business-day cut-off (its house rules), rooms, staff and customers — gives regional managers their venues and moves
/// staff between venues; the chain admin and regional managers compare the venues they oversee in the chain summary,
/// read from the replica when there is one. Nothing here reaches into one venue's work: a venue's own routes stay
/// scoped to the caller's venue, whatever chain role the caller holds.
/// </summary>
public static partial class ChainApi
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,31}$")]
    private static partial Regex CodePattern();

    public static void MapChainApi(this IEndpointRouteBuilder app)
    {
        var venues = app.MapGroup("/api/venues").WithTags("Chain").RequireAuthorization();
        venues.MapPost("/", CreateAsync).Requires(Capability.ManageChain).Answers<VenueView>(StatusCodes.Status201Created).WithName("CreateVenue");
        venues.MapGet("/", ListAsync).Requires(Capability.SeeChain).Answers<List<VenueView>>().WithName("ListVenues");
        venues.MapPut("/{code}", UpdateAsync).Requires(Capability.ManageChain).Answers<VenueView>().WithName("UpdateVenue");

        var chain = app.MapGroup("/api/chain").WithTags("Chain").RequireAuthorization();
        chain.MapGet("/summary", SummaryAsync).Requires(Capability.SeeChain).Answers<ChainSummary>().WithName("ChainSummary");
        chain.MapGet("/regional-managers", async (EncoreDb db) => Results.Ok(await RegionalManagersAsync(db)))
            .Requires(Capability.ManageChain).Answers<List<RegionalManagerView>>().WithName("ListRegionalManagers");
        chain.MapPut("/regional-managers", SetRegionalManagerAsync).Requires(Capability.ManageChain).Answers<RegionalManagerView>().WithName("SetRegionalManager");
        chain.MapPost("/staff-moves", MoveAsync).Requires(Capability.ManageChain).Answers<StaffMoveView>(StatusCodes.Status201Created).WithName("MoveStaff");
        chain.MapGet("/staff-moves", async (EncoreDb db, string? badge) => Results.Ok(await MovesAsync(db, badge))).Requires(Capability.ManageChain).Answers<List<StaffMoveView>>().WithName("ListStaffMoves");
    }

    /// <summary>The venues the caller oversees: every one for the chain admin, a regional manager's own list otherwise.</summary>
    public static async Task<List<Venue>> OverseenAsync(EncoreDb db, ClaimsPrincipal user)
    {
        if (user.Can(Capability.ManageChain)) return await db.Venues.AsNoTracking().OrderBy(v => v.Code).ToListAsync();
        var me = user.StaffId();
        return await db.Venues.AsNoTracking().Where(v => db.Set<ChainAccess>().Any(a => a.StaffId == me && a.VenueId == v.Id)).OrderBy(v => v.Code).ToListAsync();
    }

    private static async Task<VenueView> ViewAsync(EncoreDb db, HouseRulesStore rules, TimeProvider clock, Venue v) =>
        await ViewAsync(db, v, (await rules.AtAsync(v.Id, clock.GetUtcNow())).BusinessDay);

    /// <summary>The view with the business day's rules given (a venue being opened: its rules are not committed, so the store cannot read them yet).</summary>
    private static async Task<VenueView> ViewAsync(EncoreDb db, Venue v, BusinessDayRules day)
    {
        return new VenueView(v.Id, v.Code, v.Name, v.Region, day.TimeZone, day.Cutoff.ToString("HH:mm", CultureInfo.InvariantCulture),
            await db.Users.CountAsync(u => u.VenueId == v.Id && u.IsActive), await db.Rooms.CountAsync(r => r.VenueId == v.Id), v.CreatedAt);
    }

    private static async Task<IResult> CreateAsync(VenueInput input, HttpContext http, EncoreDb db, HouseRulesStore store, TimeProvider clock,
        UserManager<StaffMember> users, IEnumerable<IFeatureData> featureData)
    {
        var v = new Validator().Text("code", input.Code, 32).Text("name", input.Name, 100).Text("timeZone", input.TimeZone, 64)
            .Text("businessDayCutoff", input.BusinessDayCutoff, 5).Text("region", input.Region, 50, required: false);
        var code = input.Code?.Trim() ?? "";
        if (code.Length > 0 && !CodePattern().IsMatch(code)) v.Add("code", "venueCode");
        TimeOnly cutoff = default;
        if (input.BusinessDayCutoff is { Length: > 0 } c && !TimeOnly.TryParseExact(c.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out cutoff))
            v.Add("businessDayCutoff", "format", "06:00");
        if (input.Gm is { } gm)
            v.Text("gm.badge", gm.Badge, 32).Text("gm.name", gm.Name, 50).Text("gm.password", gm.Password, 200);
        if (!v.Ok) return v.ToResult();
        // The zone and the cut-off are the venue's house rules: the rules' own checks decide (a known zone, a cut-off by noon).
        var defaults = Encore.Domain.HouseRules.Defaults;
        var rules = defaults with { BusinessDay = defaults.BusinessDay with { TimeZone = input.TimeZone!.Trim(), Cutoff = cutoff } };
        foreach (var p in HouseRulesValidator.Validate(rules))
            v.Add(p with { Field = p.Field switch { "businessDay.timeZone" => "timeZone", "businessDay.cutoff" => "businessDayCutoff", var f => f } });
        if (!v.Ok) return v.ToResult();
        if (await db.Venues.AnyAsync(x => x.Code == code)) return Problems.Rule(StatusCodes.Status409Conflict, "venue.codeTaken", code);

        AuditScope.Name(http, "venue.create");
        var now = clock.GetUtcNow();
        var venue = await VenueOpening.OpenAsync(db, featureData, code, input.Name!.Trim(), input.Region?.Trim() ?? "", rules, http.User.StaffId(), now);
        if (input.Gm is { } first)
        {
            var member = new StaffMember { UserName = first.Badge!.Trim(), Name = first.Name!.Trim(), VenueId = venue.Id, CreatedAt = now };
            var created = await users.CreateAsync(member, first.Password!);
            // Refused (a weak password, a badge's characters): answered 4xx, so the request's transaction undoes the venue too.
            if (!created.Succeeded) return Problems.Validation(StaffCommands.PasswordProblems(created, "gm."));
            await users.AddToRoleAsync(member, Roles.Gm);
        }
        Writes.AfterCommit(() => store.Forget(venue.Id));
        return Results.Created($"/api/venues/{venue.Code}", await ViewAsync(db, venue, rules.BusinessDay));
    }

    private static async Task<IResult> ListAsync(HttpContext http, EncoreDb db, HouseRulesStore store, TimeProvider clock)
    {
        var views = new List<VenueView>();
        foreach (var venue in await OverseenAsync(db, http.User)) views.Add(await ViewAsync(db, store, clock, venue));
        return Results.Ok(views);
    }

    private static async Task<IResult> UpdateAsync(string code, VenueUpdate input, HttpContext http, EncoreDb db, HouseRulesStore store, TimeProvider clock)
    {
        var venue = await db.Venues.SingleOrDefaultAsync(v => v.Code == code);
        if (venue is null) return Problems.Rule(StatusCodes.Status404NotFound, "venue.notFound", code);
        var v = new Validator().Text("name", input.Name, 100).Text("region", input.Region, 50, required: false);
        if (!v.Ok) return v.ToResult();
        AuditScope.Name(http, "venue.update");
        venue.Name = input.Name!.Trim();
        venue.Region = input.Region?.Trim() ?? "";
        await db.SaveChangesAsync();
        return Results.Ok(await ViewAsync(db, store, clock, venue));
    }

    private static async Task<IResult> SummaryAsync(HttpContext http, EncoreDb db, ReadDb reads, HouseRulesStore store, TimeProvider clock, string? businessDay)
    {
        var at = await http.Caller().NowAsync();
        if (Ranges.ParseDay("businessDay", businessDay, out var day, at.Today.AddDays(-1)) is { } refused) return refused;
        return Results.Ok(await SummaryOfAsync(db, reads, store, clock, http.User, day));
    }

    /// <summary>The chain summary of the venues <paramref name="user"/> oversees for one business day (each venue's own day), as the API and the page read it.</summary>
    public static async Task<ChainSummary> SummaryOfAsync(EncoreDb db, ReadDb reads, HouseRulesStore store, TimeProvider clock, ClaimsPrincipal user, DateOnly day)
    {
        var now = clock.GetUtcNow();
        var rows = new List<(ChainVenueRow Row, double Sold, double Open)>();
        foreach (var venue in await OverseenAsync(db, user))
        {
            var rules = await store.AtAsync(venue.Id, now);
            var zone = BusinessDay.FindZone(rules.BusinessDay.TimeZone);
            // The long read goes to the replica when there is one (ENCORE_DB_READ): a head office's comparison must not load the venues' primary.
            var f = await DailyFigures.OfDayAsync(reads.Db, venue.Id, day, rules, zone, now);
            var house = await reads.Db.Rooms.CountAsync(r => r.VenueId == venue.Id);
            rows.Add((new ChainVenueRow(venue.Code, venue.Name, venue.Region, house, f.Rooms, f.Sessions, f.Occupancy, f.Spend, f.Complaints, f.Attendance),
                f.RoomHoursSold, f.RoomHoursOpen));
        }
        var regions = rows.GroupBy(r => r.Row.Region).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Rollup(g.Key, [.. g])).ToList();
        return new ChainSummary(Ranges.DayText(day), [.. rows.Select(r => r.Row)], regions, Rollup("", rows));
    }

    private static ChainRollup Rollup(string region, List<(ChainVenueRow Row, double Sold, double Open)> rows)
    {
        var open = rows.Sum(r => r.Open);
        return new ChainRollup(region, rows.Count, rows.Sum(r => r.Row.RoomsInHouse), rows.Sum(r => r.Row.Rooms), rows.Sum(r => r.Row.Sessions),
            open <= 0 ? 0 : Math.Round((decimal)(rows.Sum(r => r.Sold) / open), 4), rows.Sum(r => r.Row.Spend), rows.Sum(r => r.Row.Complaints),
            new AttendanceFigures(rows.Sum(r => r.Row.Attendance.SignedIn), rows.Sum(r => r.Row.Attendance.Late), rows.Sum(r => r.Row.Attendance.Absent)));
    }

    private static Task<StaffMember?> FindAsync(EncoreDb db, UserManager<StaffMember> users, Guid venue, string badge) =>
        db.MemberAsync(venue, users.NormalizeName(badge));

    /// <summary>Gives a member of staff (of any venue) the regional manager's role over the listed venues; an empty list takes it away.</summary>
    private static async Task<IResult> SetRegionalManagerAsync(RegionalManagerInput input, HttpContext http, EncoreDb db, UserManager<StaffMember> users,
        AccountStatus status, TimeProvider clock)
    {
        var v = new Validator().Text("venue", input.Venue, 32).Text("badge", input.Badge, 32);
        if (input.Venues is null) v.Add("venues", "required");
        if (!v.Ok) return v.ToResult();
        var home = await db.Venues.SingleOrDefaultAsync(x => x.Code == input.Venue!.Trim());
        if (home is null) return Problems.Validation("venue", "unknownVenue", input.Venue!);
        var member = await FindAsync(db, users, home.Id, input.Badge!);
        if (member is null) return Problems.Rule(StatusCodes.Status404NotFound, "staff.notFound", input.Badge!);
        var codes = input.Venues!.Select(c => c.Trim()).Distinct().ToList();
        var overseen = await db.Venues.Where(x => codes.Contains(x.Code)).ToListAsync();
        foreach (var unknown in codes.Except(overseen.Select(x => x.Code))) v.Add("venues", "unknownVenue", unknown);
        if (!v.Ok) return v.ToResult();

        AuditScope.Name(http, "chain.regionalManager");
        var access = db.Set<ChainAccess>();
        access.RemoveRange(await access.Where(a => a.StaffId == member.Id).ToListAsync());
        access.AddRange(overseen.Select(x => new ChainAccess { StaffId = member.Id, VenueId = x.Id, GrantedAt = clock.GetUtcNow() }));
        await db.SaveChangesAsync();
        var isRegional = await users.IsInRoleAsync(member, Roles.RegionalManager);
        // A change of role renews the stamp (Identity): the person signs in again and their token carries the new role.
        if (overseen.Count > 0 && !isRegional) await users.AddToRoleAsync(member, Roles.RegionalManager);
        if (overseen.Count == 0 && isRegional) await users.RemoveFromRoleAsync(member, Roles.RegionalManager);
        Writes.AfterCommit(() => status.Forget(member.Id));
        return Results.Ok(new RegionalManagerView(home.Code, member.Badge, member.Name, [.. overseen.Select(x => x.Code).Order(StringComparer.Ordinal)]));
    }

    /// <summary>
    /// Moves a member of staff to another venue: their badge must be free there; what they did stays with the venue it was
    /// done in (bookings, cards, fines keep that venue), their department and manager (the old venue's) are cleared, their
    /// roles kept; they are signed out everywhere. The move is kept as history.
    /// </summary>
    private static async Task<IResult> MoveAsync(StaffMoveInput input, HttpContext http, EncoreDb db, UserManager<StaffMember> users,
        AccountStatus status, Board.LiveConnections live, TimeProvider clock)
    {
        var v = new Validator().Text("fromVenue", input.FromVenue, 32).Text("badge", input.Badge, 32).Text("toVenue", input.ToVenue, 32)
            .Text("note", input.Note, 200, required: false);
        if (!v.Ok) return v.ToResult();
        var from = await db.Venues.SingleOrDefaultAsync(x => x.Code == input.FromVenue!.Trim());
        var to = await db.Venues.SingleOrDefaultAsync(x => x.Code == input.ToVenue!.Trim());
        if (from is null) v.Add("fromVenue", "unknownVenue", input.FromVenue!);
        if (to is null) v.Add("toVenue", "unknownVenue", input.ToVenue!);
        if (from is not null && from.Id == to?.Id) v.Add("toVenue", "sameVenue");
        if (!v.Ok) return v.ToResult();
        var member = await FindAsync(db, users, from!.Id, input.Badge!);
        if (member is null) return Problems.Rule(StatusCodes.Status404NotFound, "staff.notFound", input.Badge!);
        if (string.Equals(member.UserName, Startup.AdminBadge, StringComparison.OrdinalIgnoreCase) && await users.IsInRoleAsync(member, Roles.ChainAdmin))
            return Problems.Rule(StatusCodes.Status409Conflict, "staff.cannotMoveBootstrap", member.Badge);
        if (await FindAsync(db, users, to!.Id, member.Badge) is not null)
            return Problems.Rule(StatusCodes.Status409Conflict, "chain.badgeTakenThere", member.Badge, to.Code);

        AuditScope.Name(http, "staff.move");
        var move = new StaffMove { StaffId = member.Id, FromVenueId = from.Id, ToVenueId = to.Id, At = clock.GetUtcNow(), ById = http.User.StaffId(), Note = input.Note?.Trim() ?? "" };
        db.Add(move);
        member.VenueId = to.Id;
        member.Department = "";
        member.ManagerId = null;
        // Nobody keeps working under the old venue's manager: the promoters who worked under this person lose their manager too.
        foreach (var promoter in await db.Users.Where(u => u.ManagerId == member.Id).ToListAsync()) promoter.ManagerId = null;
        await users.UpdateSecurityStampAsync(member);
        Writes.AfterCommit(() => { status.Forget(member.Id); live.Close(member.Id); });
        return Results.Created($"/api/chain/staff-moves/{move.Id}", new StaffMoveView(move.Id, member.Badge, member.Name, from.Code, to.Code, move.At, http.User.Badge(), move.Note));
    }

    /// <summary>The latest <paramref name="take"/> moves (500 for the API), newest first; of one badge (in any venue) when given. The API and the page read them here.</summary>
    public static async Task<List<StaffMoveView>> MovesAsync(EncoreDb db, string? badge, int take = 500)
    {
        var normalized = badge?.Trim().ToUpperInvariant();
        return await (from m in db.Set<StaffMove>()
                      join u in db.Users on m.StaffId equals u.Id
                      join f in db.Venues on m.FromVenueId equals f.Id
                      join t in db.Venues on m.ToVenueId equals t.Id
                      join b in db.Users on m.ById equals b.Id into movers
                      from b in movers.DefaultIfEmpty()
                      where normalized == null || u.NormalizedUserName == normalized
                      orderby m.At descending
                      select new StaffMoveView(m.Id, u.UserName!, u.Name, f.Code, t.Code, m.At, b == null ? "" : b.UserName!, m.Note)).Take(take).ToListAsync();
    }

    /// <summary>Every regional manager with the venues they oversee, by home venue and badge. The API and the page read them here.</summary>
    public static async Task<List<RegionalManagerView>> RegionalManagersAsync(EncoreDb db)
    {
        var grants = await (from a in db.Set<ChainAccess>()
                            join u in db.Users on a.StaffId equals u.Id
                            join home in db.Venues on u.VenueId equals home.Id
                            join v in db.Venues on a.VenueId equals v.Id
                            select new { u.Id, Home = home.Code, Badge = u.UserName!, u.Name, Venue = v.Code }).ToListAsync();
        return [.. grants.GroupBy(g => g.Id)
            .Select(g => new RegionalManagerView(g.First().Home, g.First().Badge, g.First().Name, [.. g.Select(x => x.Venue).Order(StringComparer.Ordinal)]))
            .OrderBy(r => r.Venue, StringComparer.Ordinal).ThenBy(r => r.Badge, StringComparer.Ordinal)];
    }
}
