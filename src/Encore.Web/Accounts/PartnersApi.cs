using Encore.Web.Reports;

namespace Encore.Web.Accounts;

public sealed record PartnerInput(string? Name, PartnerKind? Kind, decimal? CommissionRate, string? ContactName, string? Phone, string? Note, bool? Active = null);

/// <summary>
/// A partner as the caller may see it: <c>commissionRate</c> is the partner's own (null: the house rule), <c>effectiveRate</c>
/// what a booking made now records. The contact phone is masked for anyone who neither files partners nor pays them.
/// </summary>
public sealed record PartnerView(Guid Id, string Name, PartnerKind Kind, decimal? CommissionRate, decimal EffectiveRate, string ContactName,
    string Phone, bool PhoneMasked, string Note, bool Active, DateTimeOffset CreatedAt);

/// <summary>One referred visit of the month: a closed session of a booking that names the partner, and its commission at the booking's rate.</summary>
public sealed record PartnerLine(DateOnly BusinessDay, string RoomNumber, string ConfirmationCode, string Guest, int PartySize, string BookerBadge,
    decimal Spend, decimal Discount, decimal Referred, decimal Rate, decimal Commission);

/// <summary>
/// A partner's month: its referred visits, what their guests spent and paid (<c>referredSpend</c> = spend − discount), and the
/// commission owed — the sum of each visit's paid spend × the rate its booking recorded, rounded once to the fen.
/// </summary>
public sealed record PartnerStatement(Guid PartnerId, string Name, PartnerKind Kind, string Month, int Visits, int Guests, decimal Spend,
    decimal Discount, decimal ReferredSpend, decimal Commission, IReadOnlyList<PartnerLine> Lines);

/// <summary>
/// API.md "Corporate accounts and partners": the hotels, travel agencies and drivers that bring guests. A booking may
/// name the partner (<c>partnerId</c>, recorded with the rate in force then); the commission is computed per month on
/// what those guests paid, with a statement (JSON, xlsx, PDF, CSV). The spend stays the booker's performance.
/// </summary>
public static class PartnersApi
{
    public static void MapPartnersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/partners").WithTags("Partners").RequireAuthorization();
        group.MapPost("/", CreateAsync).Requires(Capability.ManagePartners).Answers<PartnerView>(StatusCodes.Status201Created).WithName("CreatePartner");
        // Everyone who books picks the partner who brought the guest.
        group.MapGet("/", ListAsync).Answers<List<PartnerView>>().WithName("ListPartners");
        group.MapGet("/{id:guid}", GetAsync).Answers<PartnerView>().WithName("GetPartner");
        group.MapPut("/{id:guid}", UpdateAsync).Requires(Capability.ManagePartners).Answers<PartnerView>().WithName("UpdatePartner");
        group.MapGet("/commissions", CommissionsAsync).Requires(Capability.ReadPartnerStatements).Answers<List<PartnerStatement>>().WithName("PartnerCommissions");
        group.MapGet("/{id:guid}/statement", StatementAsync).Requires(Capability.ReadPartnerStatements)
            .Answers<PartnerStatement>().AnswersReportFiles().WithName("PartnerStatement");
    }

    /// <summary>The rate a booking made now records for the partner: its own, else the house rule in force.</summary>
    public static decimal RateOf(Partner partner, VenueNow at) => partner.CommissionRate ?? at.Rules.Accounts.PartnerCommissionRate;

    private static bool SeesPhone(ClaimsPrincipal user) => user.Can(Capability.ManagePartners) || user.Can(Capability.ReadPartnerStatements);

    private static PartnerView View(Partner p, VenueNow at, ClaimsPrincipal user)
    {
        var masked = p.Phone.Length > 0 && !SeesPhone(user);
        return new PartnerView(p.Id, p.Name, p.Kind, p.CommissionRate, RateOf(p, at), p.ContactName, masked ? AccountPipeline.Mask(p.Phone) : p.Phone, masked,
            p.Note, p.Active, at.Local(p.CreatedAt));
    }

    private static Validator Validate(PartnerInput input)
    {
        var v = new Validator().Text("name", input.Name, 100).Text("contactName", input.ContactName, 50, required: false)
            .Text("note", input.Note, 500, required: false);
        if (input.Kind is null) v.Add("kind", "required");
        else v.Defined("kind", input.Kind);
        if (!string.IsNullOrWhiteSpace(input.Phone)) Customers.CustomerRules.Phone(v, "phone", input.Phone);
        // The same bounds as the house rule's (HouseRulesValidator.Bounds): no partner is paid more than the venue allows itself.
        var bounds = HouseRulesValidator.Bounds["accounts.partnerCommissionRate"];
        v.Range("commissionRate", input.CommissionRate, bounds.Min, bounds.Max, required: false);
        if (input.CommissionRate is { } r && decimal.Round(r, 2) != r) v.Add("commissionRate", "wholePercentRate");
        return v;
    }

    /// <summary>The form's fields onto the partner, as validated (<see cref="Validate"/>); an omitted <c>active</c> keeps what it was (a new partner is active).</summary>
    private static void Apply(Partner partner, PartnerInput input, string name)
    {
        partner.Name = name;
        partner.Kind = input.Kind!.Value;
        partner.CommissionRate = input.CommissionRate;
        partner.ContactName = input.ContactName?.Trim() ?? "";
        partner.Phone = Customers.CustomerRules.ValidPhone(input.Phone) ?? "";
        partner.Note = input.Note?.Trim() ?? "";
        partner.Active = input.Active ?? partner.Active;
    }

    private static async Task<IResult?> RefuseSameNameAsync(EncoreDb db, VenueNow at, string name, Guid? except)
    {
        var taken = await db.Partners.AnyAsync(p => p.VenueId == at.VenueId && p.Name == name && p.Id != except);
        return taken ? Problems.Rule(409, "partner.sameName", name) : null;
    }

    private static async Task<IResult> CreateAsync(PartnerInput input, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var v = Validate(input);
        if (!v.Ok) return v.ToResult();
        var name = input.Name!.Trim();
        if (await RefuseSameNameAsync(db, at, name, null) is { } sameName) return sameName;
        AuditScope.Name(http, "partner.create");
        var partner = new Partner { VenueId = at.VenueId, Name = name, CreatedById = http.User.StaffId(), CreatedAt = at.Now };
        Apply(partner, input, name);
        db.Partners.Add(partner);
        await db.SaveChangesAsync();
        return Results.Created($"/api/partners/{partner.Id}", View(partner, at, http.User));
    }

    private static async Task<IResult> ListAsync(bool? all, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var partners = await db.Partners.AsNoTracking().Where(p => p.VenueId == at.VenueId && (all == true || p.Active)).ToListAsync();
        return Results.Ok(partners.OrderBy(p => p.Name, Customers.CustomerRules.NameOrder).Select(p => View(p, at, http.User)).ToList());
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var partner = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.VenueId == at.VenueId);
        return partner is null ? Problems.Rule(404, "partner.notFound") : Results.Ok(View(partner, at, http.User));
    }

    /// <summary>The whole partner as the form shows it; a new rate applies to bookings made from now on (each booking keeps its own).</summary>
    private static async Task<IResult> UpdateAsync(Guid id, PartnerInput input, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var v = Validate(input);
        if (!v.Ok) return v.ToResult();
        var partner = await db.Partners.SingleOrDefaultAsync(p => p.Id == id && p.VenueId == at.VenueId);
        if (partner is null) return Problems.Rule(404, "partner.notFound");
        var name = input.Name!.Trim();
        if (await RefuseSameNameAsync(db, at, name, id) is { } sameName) return sameName;
        AuditScope.Name(http, "partner.update");
        Apply(partner, input, name);
        partner.Version++;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.IsConflict())
        {
            return Problems.Rule(409, "partner.changed");
        }
        return Results.Ok(View(partner, at, http.User));
    }

    private static async Task<IResult> CommissionsAsync(string? month, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var v = new Validator();
        var first = v.Month("month", month, Ranges.FirstOfMonth(at.Today));
        if (!v.Ok) return v.ToResult();
        var partners = await db.Partners.AsNoTracking().Where(p => p.VenueId == at.VenueId).ToListAsync();
        var statements = await StatementsAsync(db, at, partners, first!.Value);
        // Retired partners with nothing in the month are history, not a row to read past.
        return Results.Ok(statements.Where(s => s.Visits > 0 || partners.First(p => p.Id == s.PartnerId).Active)
            .OrderByDescending(s => s.Commission).ThenBy(s => s.Name, Customers.CustomerRules.NameOrder).ToList());
    }

    private static async Task<IResult> StatementAsync(Guid id, string? month, string? format, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var v = new Validator();
        var first = v.Month("month", month, Ranges.FirstOfMonth(at.Today));
        if (!ReportFiles.TryParse(format, out var file, out var badFormat)) return badFormat!;
        if (!v.Ok) return v.ToResult();
        var partner = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.VenueId == at.VenueId);
        if (partner is null) return Problems.Rule(404, "partner.notFound");
        var statement = (await StatementsAsync(db, at, [partner], first!.Value)).Single();
        return file is { } f ? ReportFiles.Answer(PartnerStatementDocument.Of(statement), f) : Results.Ok(statement);
    }

    /// <summary>
    /// The month's statement of each partner: one read of the closed sessions (by business day) whose bookings name one
    /// of them. A visit's commission is its paid spend × its booking's recorded rate; the month's total is rounded once.
    /// </summary>
    public static async Task<List<PartnerStatement>> StatementsAsync(EncoreDb db, VenueNow at, IReadOnlyList<Partner> partners, DateOnly first)
    {
        var end = first.AddMonths(1);
        var ids = partners.Select(p => p.Id).ToList();
        var visits = await (
                from s in db.RoomSessions
                join b in db.Bookings on s.BookingId equals b.Id
                join r in db.Rooms on s.RoomId equals r.Id
                join u in db.Users on b.BookerId equals u.Id
                where b.VenueId == at.VenueId && b.PartnerId != null && ids.Contains(b.PartnerId.Value)
                      && s.ClosedAt != null && s.BusinessDay >= first && s.BusinessDay < end
                select new { PartnerId = b.PartnerId!.Value, b.PartnerRate, s.BusinessDay, s.OpenedAt, SessionId = s.Id, r.Number, b.ConfirmationCode, b.CustomerName, s.PartySize,
                    Booker = u.UserName!, s.Spend, s.Discount })
            .ToListAsync();
        var month = first.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        return partners.Select(p =>
        {
            var lines = visits.Where(x => x.PartnerId == p.Id).OrderBy(x => x.BusinessDay).ThenBy(x => x.OpenedAt)
                // Sessions opened at one instant (the training clock stands still) in the order they were opened: ids are version 7, by creation time.
                .ThenBy(x => x.SessionId).Select(x =>
            {
                var referred = x.Spend - x.Discount;
                var rate = x.PartnerRate ?? 0;
                return new PartnerLine(x.BusinessDay, x.Number, x.ConfirmationCode, x.CustomerName, x.PartySize, x.Booker, x.Spend, x.Discount, referred, rate, referred * rate);
            }).ToList();
            return new PartnerStatement(p.Id, p.Name, p.Kind, month, lines.Count, lines.Sum(l => l.PartySize), lines.Sum(l => l.Spend), lines.Sum(l => l.Discount),
                lines.Sum(l => l.Referred), decimal.Round(lines.Sum(l => l.Commission), 2, MidpointRounding.AwayFromZero),
                [.. lines.Select(l => l with { Commission = decimal.Round(l.Commission, 2, MidpointRounding.AwayFromZero) })]);
        }).ToList();
    }
}
