using Encore.Web.Staff;

namespace Encore.Web.Accounts;

public sealed record AccountInput(string? Company, string? Industry, string? Source, string? ContactName, string? ContactPhone, string? OwnerBadge);

public sealed record ActivityInput(AccountActivityKind? Kind, string? At, string? Note, string? NextStep);

public sealed record StageInput(AccountStage? Stage, string? Reason);

public sealed record ContactInput(string? Name, string? Phone, string? Title);

public sealed record ContractInput(string? From, string? To, decimal? DiscountRate, decimal? CreditLimit, ContractSettlement? Settlement);

/// <summary>Another account that may be the same company: <c>sameName</c> (normalised name) or <c>samePhone</c> (a contact's phone).</summary>
public sealed record AccountDuplicate(Guid Id, string Company, string Reason);

public sealed record AccountCreated(Guid Id, AccountStage Stage, IReadOnlyList<AccountDuplicate> Duplicates);

/// <summary>An account as the caller may see it: the first contact's phone masked unless they own it or are the floor / GM.</summary>
public sealed record AccountRow(Guid Id, string Company, string Industry, string Source, AccountStage Stage, string StageReason,
    string OwnerBadge, string OwnerName, string ContactName, string ContactPhone, bool PhoneMasked, DateTimeOffset CreatedAt,
    DateTimeOffset? LastActivityAt, string? NextStep, ContractStatus? ContractStatus, DateOnly? ContractTo,
    IReadOnlyList<AccountDuplicate> Duplicates, bool CanWork);

public sealed record ContactView(Guid Id, string Name, string Phone, bool PhoneMasked, string Title);

public sealed record ActivityView(Guid Id, AccountActivityKind Kind, DateTimeOffset At, string Note, string NextStep, string? StaffBadge, string? StaffName);

public sealed record ContractView(Guid Id, Guid AccountId, DateOnly From, DateOnly To, decimal DiscountRate, decimal CreditLimit,
    ContractSettlement Settlement, ContractStatus Status, string? CreatedBy, DateTimeOffset CreatedAt, string? DecidedBy, DateTimeOffset? DecidedAt, bool InForce);

public sealed record AccountDetail(AccountRow Account, IReadOnlyList<ContactView> Contacts, IReadOnlyList<ActivityView> Activities,
    IReadOnlyList<ContractView> Contracts, ContractView? Current);

/// <summary>
/// API.md "Corporate accounts (拓展部: 协议单位)": filing a lead with its first contact (possible duplicates named in
/// the answer, never refused), the pipeline's stage moves (<see cref="AccountPipeline.Move"/>; <c>contracted</c> only
/// with an active contract), activities, contacts and contracts (above the author's discount authority a contract
/// waits for the GM). Contact phones are masked for anyone but the owner, the floor manager and the GM.
/// </summary>
public static class AccountsApi
{
    public static void MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/accounts").WithTags("Accounts").RequireAuthorization();
        group.MapPost("/", CreateAsync).Requires(Capability.WorkAccounts).Answers<AccountCreated>(StatusCodes.Status201Created).WithName("CreateAccount");
        group.MapGet("/", ListAsync).Requires(Capability.WorkAccounts).Answers<List<AccountRow>>().WithName("ListAccounts");
        group.MapGet("/{id:guid}", GetAsync).Requires(Capability.WorkAccounts).Answers<AccountDetail>().WithName("GetAccount");
        group.MapPost("/{id:guid}/activities", ActivityAsync).Requires(Capability.WorkAccounts).Answers<ActivityView>(StatusCodes.Status201Created).WithName("AddAccountActivity");
        group.MapPost("/{id:guid}/contacts", ContactAsync).Requires(Capability.WorkAccounts).Answers<ContactView>(StatusCodes.Status201Created).WithName("AddAccountContact");
        group.MapPut("/{id:guid}/stage", StageAsync).Requires(Capability.WorkAccounts).Answers<AccountRow>().WithName("MoveAccountStage");
        group.MapPost("/{id:guid}/contracts", ContractAsync).Requires(Capability.WorkAccounts).Answers<ContractView>(StatusCodes.Status201Created).WithName("AddContract");
        // A contract waiting for the GM: approved (in force from then on) or declined.
        group.MapPost("/contracts/{id:guid}/approve", (Guid id, HttpContext http, EncoreDb db) => DecideAsync(id, ContractStatus.Active, http, db))
            .Requires(Capability.ApproveContracts).Answers<ContractView>().WithName("ApproveContract");
        group.MapPost("/contracts/{id:guid}/decline", (Guid id, HttpContext http, EncoreDb db) => DecideAsync(id, ContractStatus.Declined, http, db))
            .Requires(Capability.ApproveContracts).Answers<ContractView>().WithName("DeclineContract");
    }

    private static Validator Validate(AccountInput input)
    {
        var v = new Validator().Text("company", input.Company, 100).Text("industry", input.Industry, 50, required: false)
            .Text("source", input.Source, 50, required: false).Text("contactName", input.ContactName, 50)
            .Text("ownerBadge", input.OwnerBadge, 32, required: false);
        Customers.CustomerRules.Phone(v, "contactPhone", input.ContactPhone);
        return v;
    }

    private static async Task<IResult> CreateAsync(AccountInput input, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var v = Validate(input);
        if (!v.Ok) return v.ToResult();
        var me = http.User.StaffId();
        var owner = me;
        if (!string.IsNullOrWhiteSpace(input.OwnerBadge))
        {
            var named = await db.Holding(at.VenueId, Capability.WorkAccounts).Where(u => u.NormalizedUserName == StaffDirectory.Normalize(input.OwnerBadge) && u.IsActive)
                .Select(u => (Guid?)u.Id).SingleOrDefaultAsync();
            if (named is null) return Problems.Validation("ownerBadge", "notAccountWorker", input.OwnerBadge.Trim());
            // Handing a lead to someone else is the floor's call, as handing over a customer file is.
            if (named != me && !http.User.Can(Capability.ManageAllAccounts)) return Problems.Rule(403, "account.ownerOnlyFloor");
            owner = named.Value;
        }
        AuditScope.Name(http, "account.create");
        var company = input.Company!.Trim();
        var account = new Account
        {
            VenueId = at.VenueId, Company = company, NormalizedCompany = AccountPipeline.NormalizeCompany(company),
            Industry = input.Industry?.Trim() ?? "", Source = input.Source?.Trim() ?? "", OwnerId = owner,
            StageChangedAt = at.Now, CreatedById = me, CreatedAt = at.Now,
        };
        var phone = AccountPipeline.ValidPhone(input.ContactPhone)!;
        var duplicates = await DuplicatesAsync(db, at.VenueId, account.NormalizedCompany, [phone]);
        db.Accounts.Add(account);
        db.AccountContacts.Add(new AccountContact { VenueId = at.VenueId, AccountId = account.Id, Name = input.ContactName!.Trim(), Phone = phone, CreatedAt = at.Now });
        await db.SaveChangesAsync();
        return Results.Created($"/api/accounts/{account.Id}", new AccountCreated(account.Id, account.Stage, duplicates));
    }

    /// <summary>The venue's accounts with the same normalised name or a contact of one of these phones.</summary>
    private static async Task<List<AccountDuplicate>> DuplicatesAsync(EncoreDb db, Guid venue, string normalized, IReadOnlyList<string> phones)
    {
        var byName = await db.Accounts.Where(a => a.VenueId == venue && a.NormalizedCompany == normalized && normalized != "")
            .Select(a => new { a.Id, a.Company }).ToListAsync();
        var byPhone = await (from c in db.AccountContacts join a in db.Accounts on c.AccountId equals a.Id
                             where c.VenueId == venue && phones.Contains(c.Phone)
                             select new { a.Id, a.Company }).Distinct().ToListAsync();
        return byName.Select(a => new AccountDuplicate(a.Id, a.Company, "sameName"))
            .Concat(byPhone.Where(p => byName.All(n => n.Id != p.Id)).Select(a => new AccountDuplicate(a.Id, a.Company, "samePhone")))
            .ToList();
    }

    private static async Task<IResult> ListAsync(HttpContext http, EncoreDb db, string? stage, string? owner)
    {
        var at = await http.Caller().NowAsync();
        var query = db.Accounts.Where(a => a.VenueId == at.VenueId);
        if (!string.IsNullOrWhiteSpace(stage))
        {
            if (!Codes.TryParse<AccountStage>(stage.Trim(), out var s)) return Problems.Validation("stage", "oneOf", string.Join("|", Enum.GetValues<AccountStage>().Select(x => x.Code())));
            query = query.Where(a => a.Stage == s);
        }
        if (!string.IsNullOrWhiteSpace(owner))
        {
            var id = await db.StaffIdAsync(at.VenueId, owner);
            if (id is null) return Problems.Validation("owner", "unknown");
            query = query.Where(a => a.OwnerId == id);
        }
        var accounts = await query.OrderBy(a => a.Stage).ThenByDescending(a => a.StageChangedAt).ToListAsync();
        return Results.Ok(await RowsAsync(db, at, http.User, accounts));
    }

    /// <summary>
    /// The rows of these accounts: owner, first contact, last activity, the latest live contract, and the possible
    /// duplicates among all the venue's accounts (same normalised name, or a contact phone in common).
    /// </summary>
    public static async Task<List<AccountRow>> RowsAsync(EncoreDb db, VenueNow at, ClaimsPrincipal user, IReadOnlyList<Account> accounts)
    {
        var ids = accounts.Select(a => a.Id).ToList();
        var owners = await db.Users.Where(u => u.VenueId == at.VenueId).ToDictionaryAsync(u => u.Id, u => new { Badge = u.UserName!, u.Name });
        // Every account's name and phones: duplicates are looked for across the venue, not only among the rows shown.
        var all = await db.Accounts.Where(a => a.VenueId == at.VenueId).Select(a => new { a.Id, a.Company, a.NormalizedCompany }).ToListAsync();
        var contacts = await db.AccountContacts.Where(c => c.VenueId == at.VenueId).OrderBy(c => c.CreatedAt)
            .Select(c => new { c.AccountId, c.Name, c.Phone }).ToListAsync();
        var lastActivities = (await db.AccountActivities.Where(x => ids.Contains(x.AccountId))
                .Select(x => new { x.AccountId, x.At, x.NextStep }).ToListAsync())
            .GroupBy(x => x.AccountId).ToDictionary(g => g.Key, g => g.MaxBy(x => x.At)!);
        var contracts = (await db.Contracts.Where(c => ids.Contains(c.AccountId) && c.Status != ContractStatus.Declined)
                .Select(c => new { c.AccountId, c.Status, c.To, c.From }).ToListAsync())
            .GroupBy(c => c.AccountId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.From)!);
        var byName = all.Where(a => a.NormalizedCompany != "").ToLookup(a => a.NormalizedCompany);
        var companies = all.ToDictionary(a => a.Id, a => a.Company);
        var phoneAccounts = contacts.ToLookup(c => c.Phone, c => c.AccountId);
        var contactsOf = contacts.ToLookup(c => c.AccountId);
        var rows = new List<AccountRow>();
        foreach (var a in accounts)
        {
            var first = contactsOf[a.Id].FirstOrDefault();
            var sees = AccountPipeline.SeesPhone(user, a);
            var sameName = byName[a.NormalizedCompany].Where(o => o.Id != a.Id).Select(o => new AccountDuplicate(o.Id, o.Company, "sameName")).ToList();
            var samePhone = contactsOf[a.Id].SelectMany(c => phoneAccounts[c.Phone]).Distinct()
                .Where(o => o != a.Id && sameName.All(n => n.Id != o)).Select(o => new AccountDuplicate(o, companies[o], "samePhone"));
            var last = lastActivities.GetValueOrDefault(a.Id);
            var contract = contracts.GetValueOrDefault(a.Id);
            rows.Add(new AccountRow(a.Id, a.Company, a.Industry, a.Source, a.Stage, a.StageReason, owners[a.OwnerId].Badge, owners[a.OwnerId].Name,
                first?.Name ?? "", first is null ? "" : sees ? first.Phone : AccountPipeline.Mask(first.Phone), !sees, at.Local(a.CreatedAt),
                at.Local(last?.At), last?.NextStep, contract?.Status, contract?.To, [.. sameName, .. samePhone], AccountPipeline.MayWork(user, a)));
        }
        return rows;
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, EncoreDb db, AuditLog audit)
    {
        var at = await http.Caller().NowAsync();
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == id && a.VenueId == at.VenueId);
        if (account is null) return Problems.Rule(404, "account.notFound");
        var row = (await RowsAsync(db, at, http.User, [account])).Single();
        var sees = AccountPipeline.SeesPhone(http.User, account);
        // As with customer files: the floor reading another's contacts in full is on the record.
        if (sees && account.OwnerId != http.User.StaffId())
            await audit.WriteAsync(http.User, "account.phoneViewed", nameof(Account), account.Id.ToString(), null, new { owner = row.OwnerBadge });
        var contacts = await db.AccountContacts.Where(c => c.AccountId == id).OrderBy(c => c.CreatedAt).ToListAsync();
        var activities = await db.AccountActivities.Where(x => x.AccountId == id).OrderByDescending(x => x.At).ToListAsync();
        var contracts = await db.Contracts.Where(c => c.AccountId == id).OrderByDescending(c => c.From).ToListAsync();
        var people = await db.BadgesAndNamesAsync(activities.Select(x => x.StaffId).Concat(contracts.Select(c => c.CreatedById)).Concat(contracts.Select(c => c.DecidedById).OfType<Guid>()));
        var views = contracts.Select(c => ContractViewOf(c, at, people)).ToList();
        return Results.Ok(new AccountDetail(row,
            contacts.Select(c => new ContactView(c.Id, c.Name, sees ? c.Phone : AccountPipeline.Mask(c.Phone), !sees, c.Title)).ToList(),
            activities.Select(x => new ActivityView(x.Id, x.Kind, at.Local(x.At), x.Note, x.NextStep,
                people.GetValueOrDefault(x.StaffId)?.Badge, people.GetValueOrDefault(x.StaffId)?.Name)).ToList(),
            views, views.FirstOrDefault(c => c.InForce)));
    }

    public static ContractView ContractViewOf(Contract c, VenueNow at, IReadOnlyDictionary<Guid, BadgeAndName> people) =>
        new(c.Id, c.AccountId, c.From, c.To, c.DiscountRate, c.CreditLimit, c.Settlement, c.Status,
            people.GetValueOrDefault(c.CreatedById)?.Badge, at.Local(c.CreatedAt),
            c.DecidedById is { } d ? people.GetValueOrDefault(d)?.Badge : null, at.Local(c.DecidedAt),
            c.Status == ContractStatus.Active && c.From <= at.Today && c.To >= at.Today);

    /// <summary>The account of the route, if the caller may work it: the account, or the 404/403 to answer.</summary>
    private static async Task<(Account? Account, IResult? Refusal)> WorkableAsync(EncoreDb db, HttpContext http, VenueNow at, Guid id)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == id && a.VenueId == at.VenueId);
        if (account is null) return (null, Problems.Rule(404, "account.notFound"));
        if (!AccountPipeline.MayWork(http.User, account))
        {
            var owner = await db.Users.Where(u => u.Id == account.OwnerId).Select(u => u.UserName + " " + u.Name).SingleAsync();
            return (null, Problems.Rule(403, "account.notYours", owner));
        }
        return (account, null);
    }

    private static async Task<IResult> ActivityAsync(Guid id, ActivityInput input, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var v = new Validator().Text("note", input.Note, 1000).Text("nextStep", input.NextStep, 500, required: false);
        if (input.Kind is null) v.Add("kind", "required");
        else v.Defined("kind", input.Kind);
        var when = at.ParseInstant(v, "at", input.At);
        // An activity is what happened: one planned for later is its next step, not an activity.
        if (when is { } w && w > at.Now) v.Add("at", "notInFuture", at.Local(at.Now).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        if (!v.Ok) return v.ToResult();
        var (account, refusal) = await WorkableAsync(db, http, at, id);
        if (refusal is not null) return refusal;
        AuditScope.Name(http, "account.activity");
        var activity = new AccountActivity
        {
            VenueId = at.VenueId, AccountId = account!.Id, StaffId = http.User.StaffId(), Kind = input.Kind!.Value, At = when!.Value,
            Note = input.Note!.Trim(), NextStep = input.NextStep?.Trim() ?? "", CreatedAt = at.Now,
        };
        db.AccountActivities.Add(activity);
        account.Version++;
        await db.SaveChangesAsync();
        return Results.Created($"/api/accounts/{account.Id}", new ActivityView(activity.Id, activity.Kind, at.Local(activity.At), activity.Note, activity.NextStep,
            http.User.Badge(), http.User.DisplayNameOf()));
    }

    private static async Task<IResult> ContactAsync(Guid id, ContactInput input, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var v = new Validator().Text("name", input.Name, 50).Text("title", input.Title, 50, required: false);
        Customers.CustomerRules.Phone(v, "phone", input.Phone);
        if (!v.Ok) return v.ToResult();
        var (account, refusal) = await WorkableAsync(db, http, at, id);
        if (refusal is not null) return refusal;
        AuditScope.Name(http, "account.contact");
        var contact = new AccountContact
        {
            VenueId = at.VenueId, AccountId = account!.Id, Name = input.Name!.Trim(), Phone = AccountPipeline.ValidPhone(input.Phone)!,
            Title = input.Title?.Trim() ?? "", CreatedAt = at.Now,
        };
        db.AccountContacts.Add(contact);
        account.Version++;
        await db.SaveChangesAsync();
        return Results.Created($"/api/accounts/{account.Id}", new ContactView(contact.Id, contact.Name, contact.Phone, false, contact.Title));
    }

    private static async Task<IResult> StageAsync(Guid id, StageInput input, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var v = new Validator().Text("reason", input.Reason, 200, required: false);
        if (input.Stage is null) v.Add("stage", "required");
        else v.Defined("stage", input.Stage);
        if (!v.Ok) return v.ToResult();
        var (account, refusal) = await WorkableAsync(db, http, at, id);
        if (refusal is not null) return refusal;
        var to = input.Stage!.Value;
        if (to == account!.Stage) return Problems.Rule(409, "account.sameStage", to.Code());
        if (AccountPipeline.Move(account.Stage, to, input.Reason) is { } problem) return Problems.Validation([problem]);
        if (to == AccountStage.Contracted && await Contracts.InForceAsync(db, at.VenueId, account.Id, at.Today) is null)
        {
            // Named: a contract waiting for the GM is not yet one; none at all needs one added first.
            var pending = await db.Contracts.AnyAsync(c => c.AccountId == account.Id && c.Status == ContractStatus.PendingApproval && c.To >= at.Today);
            return Problems.Rule(409, pending ? "account.contractPending" : "account.needsContract");
        }
        AuditScope.Name(http, "account.stage");
        account.Stage = to;
        account.StageReason = input.Reason?.Trim() ?? "";
        account.StageChangedAt = at.Now;
        account.Version++;
        await db.SaveChangesAsync();
        return Results.Ok((await RowsAsync(db, at, http.User, [account])).Single());
    }

    private static async Task<IResult> ContractAsync(Guid id, ContractInput input, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var v = new Validator();
        var from = v.Day("from", input.From);
        var to = v.Day("to", input.To);
        if (from is { } f && to is { } t && t < f) v.Add("to", "order", "from");
        else if (to is { } end && end < at.Today) v.Add("to", "notInPast");
        // Every discount is bounded by the GM's authority: above it nobody may grant it.
        var gmMax = at.Rules.Authority.Gm.MaxDiscountRate;
        v.Range("discountRate", input.DiscountRate, 0, gmMax);
        if (input.DiscountRate is { } r && decimal.Round(r, 2) != r) v.Add("discountRate", "wholePercent");
        v.Range("creditLimit", input.CreditLimit, 0, Ranges.BillMax);
        if (input.CreditLimit is { } limit && decimal.Round(limit, 2) != limit) v.Add("creditLimit", "money");
        if (input.Settlement is null) v.Add("settlement", "required");
        else v.Defined("settlement", input.Settlement);
        if (!v.Ok) return v.ToResult();
        var (account, refusal) = await WorkableAsync(db, http, at, id);
        if (refusal is not null) return refusal;
        if (await Contracts.OverlappingAsync(db, account!.Id, from!.Value, to!.Value) is { } other)
            return Problems.Rule(409, "account.contractOverlaps", Ranges.DayText(other.From), Ranges.DayText(other.To));
        var me = http.User.StaffId();
        var authority = await Training.TrainingGate.AuthorityOfAsync(db, at, me, await db.RolesOfAsync(me));
        AuditScope.Name(http, "account.contract");
        var contract = new Contract
        {
            VenueId = at.VenueId, AccountId = account.Id, From = from.Value, To = to.Value, DiscountRate = input.DiscountRate!.Value,
            CreditLimit = input.CreditLimit!.Value, Settlement = input.Settlement!.Value,
            // Within the author's own discount authority the contract is in force; above it the GM decides.
            Status = input.DiscountRate.Value <= authority.MaxDiscountRate ? ContractStatus.Active : ContractStatus.PendingApproval,
            CreatedById = me, CreatedAt = at.Now,
        };
        db.Contracts.Add(contract);
        account.Version++;
        await db.SaveChangesAsync();
        var people = await db.BadgesAndNamesAsync([me]);
        return Results.Created($"/api/accounts/{account.Id}", ContractViewOf(contract, at, people));
    }

    private static async Task<IResult> DecideAsync(Guid id, ContractStatus verdict, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var contract = await db.Contracts.SingleOrDefaultAsync(c => c.Id == id && c.VenueId == at.VenueId);
        if (contract is null) return Problems.Rule(404, "account.contractNotFound");
        if (contract.Status != ContractStatus.PendingApproval) return Problems.Rule(409, "account.contractNotPending", contract.Status.Code());
        AuditScope.Name(http, verdict == ContractStatus.Active ? "account.contract.approve" : "account.contract.decline");
        contract.Status = verdict;
        contract.DecidedById = http.User.StaffId();
        contract.DecidedAt = at.Now;
        contract.Version++;
        await db.SaveChangesAsync();
        var people = await db.BadgesAndNamesAsync([contract.CreatedById, contract.DecidedById.Value]);
        return Results.Ok(ContractViewOf(contract, at, people));
    }
}
