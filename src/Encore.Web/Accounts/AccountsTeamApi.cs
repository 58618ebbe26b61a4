namespace Encore.Web.Accounts;

public sealed record RenewalView(Guid AccountId, string Company, string OwnerBadge, string OwnerName, Guid ContractId, DateOnly From, DateOnly To,
    int DaysLeft, decimal DiscountRate, decimal CreditLimit, ContractSettlement Settlement);

public sealed record ResearchInput(string? Day, string? Title, string? Note, string? Tags);

public sealed record ResearchView(Guid Id, DateOnly Day, string Title, string Note, IReadOnlyList<string> Tags, string StaffBadge, string StaffName, DateTimeOffset CreatedAt);

/// <summary>One person's market-development figures for a month (the KPIs of SPEC.md "Market development").</summary>
public sealed record AccountKpi(string Badge, string Name, int NewLeads, int Activities, int Visits, int ContractsSigned, decimal ContractedSpend);

public sealed record AccountKpis(string Month, IReadOnlyList<AccountKpi> People);

/// <summary>
/// The team's side of market development: the contracts due for renewal (house rule
/// <c>accounts.renewalReminderDays</c>), market-research notes (市场调研: dated, tagged), and each person's KPI figures
/// for a month. The owner sees their own renewals and figures; the floor and the GM everyone's.
/// </summary>
public static class AccountsTeamApi
{
    public const int ResearchPage = 200;

    public static void MapAccountsTeamApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/accounts").WithTags("Accounts").RequireAuthorization();
        group.MapGet("/renewals", GetRenewalsAsync).Requires(Capability.WorkAccounts).Answers<List<RenewalView>>().WithName("AccountRenewals");
        group.MapPost("/research", AddResearchAsync).Requires(Capability.WorkAccounts).Answers<ResearchView>(StatusCodes.Status201Created).WithName("AddResearchNote");
        group.MapGet("/research", ResearchAsync).Requires(Capability.WorkAccounts).Answers<List<ResearchView>>().WithName("ListResearchNotes");
        group.MapGet("/kpis", GetKpisAsync).Requires(Capability.WorkAccounts).Answers<AccountKpis>().WithName("AccountKpis");
    }

    /// <summary>The renewals the caller answers for: their own accounts', or every account's for the floor and the GM.</summary>
    public static async Task<List<RenewalView>> RenewalsAsync(EncoreDb db, VenueNow at, ClaimsPrincipal user)
    {
        var me = user.StaffId();
        var all = user.Can(Capability.ManageAllAccounts);
        var rows = await (from c in Contracts.DueForRenewal(db, at.VenueId, at.Today, at.Rules.Accounts.RenewalReminderDays)
                          join a in db.Accounts on c.AccountId equals a.Id
                          join u in db.Users on a.OwnerId equals u.Id
                          where all || a.OwnerId == me
                          select new { c, a.Company, Badge = u.UserName!, u.Name }).ToListAsync();
        return rows.OrderBy(r => r.c.To).ThenBy(r => r.Company, Customers.CustomerRules.NameOrder)
            .Select(r => new RenewalView(r.c.AccountId, r.Company, r.Badge, r.Name, r.c.Id, r.c.From, r.c.To, r.c.To.DayNumber - at.Today.DayNumber,
                r.c.DiscountRate, r.c.CreditLimit, r.c.Settlement)).ToList();
    }

    private static async Task<IResult> GetRenewalsAsync(HttpContext http, EncoreDb db) =>
        Results.Ok(await RenewalsAsync(db, await http.Caller().NowAsync(), http.User));

    private static async Task<IResult> AddResearchAsync(ResearchInput input, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var v = new Validator().Text("title", input.Title, 100).Text("note", input.Note, 4000, required: false).Text("tags", input.Tags, 200, required: false);
        var day = v.Day("day", input.Day, at.Today);
        if (day is { } d && d > at.Today) v.Add("day", "notInFuture", Ranges.DayText(at.Today));
        if (!v.Ok) return v.ToResult();
        AuditScope.Name(http, "account.research");
        var note = new ResearchNote
        {
            VenueId = at.VenueId, Day = day!.Value, Title = input.Title!.Trim(), Note = input.Note?.Trim() ?? "", Tags = AccountPipeline.Tags(input.Tags),
            StaffId = http.User.StaffId(), CreatedAt = at.Now,
        };
        db.ResearchNotes.Add(note);
        await db.SaveChangesAsync();
        return Results.Created($"/api/accounts/research/{note.Id}", ViewOf(note, at, new BadgeAndName(http.User.Badge(), http.User.DisplayNameOf())));
    }

    private static ResearchView ViewOf(ResearchNote n, VenueNow at, BadgeAndName by) =>
        new(n.Id, n.Day, n.Title, n.Note, n.Tags.Length == 0 ? [] : n.Tags.Split(','), by.Badge, by.Name, at.Local(n.CreatedAt));

    /// <summary>The venue's research notes, newest first, the latest <see cref="ResearchPage"/>; <c>?tag=</c> keeps those with that tag.</summary>
    private static async Task<IResult> ResearchAsync(HttpContext http, EncoreDb db, string? tag)
    {
        var at = await http.Caller().NowAsync();
        var query = db.ResearchNotes.Where(n => n.VenueId == at.VenueId);
        if (!string.IsNullOrWhiteSpace(tag))
        {
            var wanted = AccountPipeline.Tags(tag);
            if (wanted.Length > 50) return Problems.Validation("tag", "maxLength", 50);
            // Tags are stored comma-joined: match the whole tag, not a part of another.
            query = query.Where(n => ("," + n.Tags + ",").Contains("," + wanted + ","));
        }
        var notes = await query.OrderByDescending(n => n.Day).ThenByDescending(n => n.CreatedAt).Take(ResearchPage).ToListAsync();
        var people = await db.BadgesAndNamesAsync(notes.Select(n => n.StaffId));
        return Results.Ok(notes.Select(n => ViewOf(n, at, people[n.StaffId])).ToList());
    }

    /// <summary>
    /// Each person's figures for a month: new leads (accounts they filed), activities and visits they logged, contracts
    /// they signed (put in force in the month: at once, or when the GM approved), and contracted spend.
    /// </summary>
    public static async Task<List<AccountKpi>> KpisAsync(EncoreDb db, VenueNow at, DateOnly month)
    {
        var from = BusinessDay.Start(month, at.Zone, at.Cutoff);
        var to = BusinessDay.Start(month.AddMonths(1), at.Zone, at.Cutoff);
        var leads = await db.Accounts.Where(a => a.VenueId == at.VenueId && a.CreatedAt >= from && a.CreatedAt < to)
            .GroupBy(a => a.CreatedById).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var activities = await db.AccountActivities.Where(x => x.VenueId == at.VenueId && x.At >= from && x.At < to)
            .GroupBy(x => new { x.StaffId, x.Kind }).Select(g => new { g.Key.StaffId, g.Key.Kind, Count = g.Count() }).ToListAsync();
        var signed = (await db.Contracts.Where(c => c.VenueId == at.VenueId && c.Status == ContractStatus.Active)
                .Select(c => new { c.CreatedById, c.CreatedAt, c.DecidedAt }).ToListAsync())
            .Where(c => (c.DecidedAt ?? c.CreatedAt) >= from && (c.DecidedAt ?? c.CreatedAt) < to)
            .GroupBy(c => c.CreatedById).ToDictionary(g => g.Key, g => g.Count());
        // Contracted spend: the month's closed sessions of bookings made for an account (Booking.AccountId), credited to
        // the account's owner (who brought the company in), whoever booked the night. Summed here: SQLite keeps money as fen.
        var end = month.AddMonths(1);
        var spend = (await (from x in db.RoomSessions
                            join b in db.Bookings on x.BookingId equals b.Id
                            join a in db.Accounts on b.AccountId equals a.Id
                            where x.VenueId == at.VenueId && x.ClosedAt != null && x.BusinessDay >= month && x.BusinessDay < end
                            select new { a.OwnerId, x.Spend }).ToListAsync())
            .GroupBy(x => x.OwnerId).ToDictionary(g => g.Key, g => g.Sum(x => x.Spend));
        var people = await Staff.StaffDirectory.Holding(db, at.VenueId, Capability.WorkAccounts).Where(u => u.IsActive)
            .Select(u => new { u.Id, Badge = u.UserName!, u.Name }).ToListAsync();
        int Count(Guid staff, AccountActivityKind? kind) => activities.Where(a => a.StaffId == staff && (kind is null || a.Kind == kind)).Sum(a => a.Count);
        return people.OrderBy(p => p.Badge, StringComparer.OrdinalIgnoreCase)
            .Select(p => new AccountKpi(p.Badge, p.Name, leads.GetValueOrDefault(p.Id), Count(p.Id, null), Count(p.Id, AccountActivityKind.Visit),
                signed.GetValueOrDefault(p.Id), spend.GetValueOrDefault(p.Id))).ToList();
    }

    private static async Task<IResult> GetKpisAsync(HttpContext http, EncoreDb db, string? month)
    {
        var at = await http.Caller().NowAsync();
        if (Ranges.ParseMonth("month", month, out var first, Ranges.FirstOfMonth(at.Today)) is { } refused) return refused;
        var rows = await KpisAsync(db, at, first);
        if (!http.User.Can(Capability.ManageAllAccounts)) rows = rows.Where(r => r.Badge == http.User.Badge()).ToList();
        return Results.Ok(new AccountKpis(first.ToString("yyyy-MM", CultureInfo.InvariantCulture), rows));
    }
}
