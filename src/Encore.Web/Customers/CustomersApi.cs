using Encore.Web.Staff;
using Encore.Web.Bookings;

namespace Encore.Web.Customers;

public sealed record CustomerInput(string? Name, string? Phone, DateOnly? Birthday, string? Company, string? Title, string? Tags,
    string? Notes, string? Preferences, string? Source, string? CreditFlags);

public sealed record HandoverInput(string? ToBadge, string? Reason);

public sealed record BulkHandoverInput(string? FromBadge, IReadOnlyList<string>? ToBadges, string? Reason);

public sealed record ConsentInput(string? ToBadge, string? Reason);

/// <summary>A customer as the caller may see it: the phone masked unless they own the file or are floor manager / GM; the file's details only then too.</summary>
public sealed record CustomerView(Guid Id, string Name, string Phone, bool PhoneMasked, string OwnerBadge, string OwnerName,
    string? Company, string? Title, DateOnly? Birthday, string? Tags, string? Notes, string? Preferences, string? Source, string? CreditFlags,
    DateTimeOffset CreatedAt, string VipLevel, string? ExclusiveManagerBadge);

public sealed record ExclusiveManagerInput(string? Badge);

/// <summary>
/// API.md "Customers": filing (a phone already on file → 409 naming the owner, audited, and 429 naming nobody once a
/// person does it too often: <see cref="PhoneProbeGuard"/>; possible duplicates flagged for a
/// floor manager, never merged), reading with the phone masked for anyone but the owner, floor manager and GM
/// (an unmasked view by anyone but the owner is written to the audit log), searching one's own, consent, and
/// handover (交接) one by one or a leaver's whole book spread over chosen managers.
/// </summary>
public static class CustomersApi
{

    public static void MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/customers").WithTags("Customers").RequireAuthorization();
        group.MapPost("/", CreateAsync).Requires(Capability.KeepCustomers).Answers<CustomerView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status429TooManyRequests).WithName("CreateCustomer");
        group.MapGet("/", SearchAsync).Answers<List<CustomerSearchHit>>().WithName("SearchCustomers");
        group.MapGet("/mine", async (HttpContext http, EncoreDb db) => Results.Ok(await MineAsync(db, http.User.VenueId(), http.User.StaffId())))
            .Requires(Capability.KeepCustomers).Answers<List<OwnCustomer>>().WithName("MyCustomers");
        group.MapGet("/{id:guid}", GetAsync).Answers<CustomerView>().WithName("GetCustomer");
        group.MapPut("/{id:guid}", UpdateAsync).Answers<CustomerView>().ProducesProblem(StatusCodes.Status429TooManyRequests).WithName("UpdateCustomer");
        group.MapPost("/{id:guid}/consent", ConsentAsync).Answers<ConsentGiven>().WithName("ConsentCustomer");
        group.MapPost("/{id:guid}/handover", HandoverAsync).Requires(Capability.ManageAllCustomers).Answers<CustomerView>().WithName("HandoverCustomer");
        group.MapPost("/handover", BulkHandoverAsync).Requires(Capability.ManageAllCustomers).Answers<List<HandoverShare>>().WithName("HandoverCustomers");
        group.MapPut("/{id:guid}/exclusive-manager", ExclusiveManagerAsync).Requires(Capability.ManageAllCustomers).Answers<CustomerView>().WithName("SetExclusiveManager");
        group.MapGet("/today", TodayAsync).Answers<CustomersToday>().WithName("CustomersToday");
        group.MapGet("/{id:guid}/history", HistoryAsync).Answers<CustomerHistory>().WithName("CustomerHistory");
        group.MapGet("/flags", async (HttpContext http, EncoreDb db) => Results.Ok(await (
                    from f in db.CustomerFlags
                    join c in db.Customers on f.CustomerId equals c.Id
                    join o in db.Customers on f.OtherCustomerId equals o.Id
                    where f.VenueId == http.User.VenueId() && f.Status == CustomerFlagStatus.Open
                    orderby f.CreatedAt
                    select new CustomerFlagView(f.Id, c.Id, c.Name, c.Phone, o.Id, o.Name, o.Phone, f.Reason, f.CreatedAt) { Status = f.Status })
                .ToListAsync()))
            .Requires(Capability.ManageAllCustomers).Answers<List<CustomerFlagView>>().WithName("ListCustomerFlags");
        // A flag is closed by a floor manager: "merged" once they merged the files by hand, "dismissed" when not the same person.
        group.MapPost("/flags/{id:guid}/{verdict:regex(^(dismissed|merged)$)}", async (Guid id, string verdict, HttpContext http, EncoreDb db) =>
            {
                var flag = await db.CustomerFlags.SingleOrDefaultAsync(f => f.Id == id && f.VenueId == http.User.VenueId());
                if (flag is null) return Problems.Rule(404, "customer.notFound");
                var action = verdict == CustomerFlagStatus.Merged.Code() ? CustomerFlagAction.Merge : CustomerFlagAction.Dismiss;
                if (!CustomerFlagTransitions.CanMove(flag.Status, action)) return Problems.Rule(409, "customer.flagClosed");
                AuditScope.Name(http, "customer.flag." + verdict);
                flag.Status = CustomerFlagTransitions.Apply(flag.Status, action);
                await db.SaveChangesAsync();
                return Results.Ok(new CustomerFlagClosed(flag.Id, flag.Status));
            })
            .Requires(Capability.ManageAllCustomers).Answers<CustomerFlagClosed>().WithName("CloseCustomerFlag");
    }

    public static async Task<CustomerView> ViewAsync(EncoreDb db, HttpContext http, Customer c, AuditLog audit)
    {
        var owner = await db.Users.Where(u => u.Id == c.OwnerId).Select(u => new { Badge = u.UserName!, u.Name }).SingleAsync();
        var exclusive = c.ExclusiveManagerId is { } ex ? await db.Users.Where(u => u.Id == ex).Select(u => u.UserName).SingleOrDefaultAsync() : null;
        var sees = CustomerRules.SeesPhone(http.User, c);
        if (sees && c.OwnerId != http.User.StaffId())
            await audit.WriteAsync(http.User, "customer.phoneViewed", nameof(Customer), c.Id.ToString(), null, new { owner = owner.Badge, route = http.Request.Path.Value });
        // An erased file (GuestService/CustomerErasure.cs) keeps only a placeholder in its phone column: nothing to show.
        var phone = c.ErasedAt is not null ? "" : sees ? c.Phone : CustomerRules.Mask(c.Phone);
        return new CustomerView(c.Id, c.Name, phone, !sees, owner.Badge, owner.Name,
            sees ? c.Company : null, sees ? c.Title : null, sees ? c.Birthday : null, sees ? c.Tags : null, sees ? c.Notes : null,
            sees ? c.Preferences : null, sees ? c.Source : null, sees ? c.CreditFlags : null,
            (await http.Caller().NowAsync()).Local(c.CreatedAt), c.VipLevel, exclusive);
    }

    private static Validator Validate(CustomerInput input)
    {
        var v = new Validator().Text("name", input.Name, 50).Text("company", input.Company, 100, required: false)
            .Text("title", input.Title, 50, required: false).Text("tags", input.Tags, 200, required: false)
            .Text("notes", input.Notes, 2000, required: false).Text("preferences", input.Preferences, 500, required: false)
            .Text("source", input.Source, 50, required: false).Text("creditFlags", input.CreditFlags, 100, required: false);
        CustomerRules.Phone(v, "phone", input.Phone);
        return v;
    }

    /// <summary>
    /// Every file the caller owns, for picking a guest on the booking page (the page's first list and each refetch
    /// on "customersChanged"): all of them, unlike the search's first 50, in the order of the Chinese collation (pinyin).
    /// </summary>
    public static async Task<List<OwnCustomer>> MineAsync(EncoreDb db, Guid venue, Guid me) =>
        (await db.Customers.Where(c => c.VenueId == venue && c.OwnerId == me && c.ErasedAt == null)
            .Select(c => new OwnCustomer(c.Id, c.Name, c.Phone, c.Company)).ToListAsync())
        .OrderBy(c => c.Name, CustomerRules.NameOrder)
        .ThenBy(c => c.Phone, StringComparer.Ordinal)
        .ToList();

    private static async Task<IResult> CreateAsync(CustomerInput input, HttpContext http, EncoreDb db, TimeProvider clock, AuditLog audit, PhoneProbeGuard guard, Board.BoardNotifier board)
    {
        var v = Validate(input);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (input.Birthday is { } b && (b > today || b.Year < 1900)) v.Add("birthday", "range", "1900-01-01", today.ToString("yyyy-MM-dd"));
        if (!v.Ok) return v.ToResult();
        var venue = http.User.VenueId();
        var phone = CustomerRules.ValidPhone(input.Phone)!;
        AuditScope.Name(http, "customer.create");
        await using var tx = await db.BeginWriteAsync();
        if (await OwnerOfPhoneAsync(db, venue, phone) is { } owner) return await guard.RefuseAsync(http, "customer.phoneOnFile", phone, owner);
        var customer = new Customer
        {
            VenueId = venue, Name = input.Name!.Trim(), Phone = phone, Birthday = input.Birthday, Company = input.Company?.Trim() ?? "",
            Title = input.Title?.Trim() ?? "", Tags = input.Tags?.Trim() ?? "", Notes = input.Notes?.Trim() ?? "",
            Preferences = input.Preferences?.Trim() ?? "", Source = input.Source?.Trim() ?? "filed", CreditFlags = input.CreditFlags?.Trim() ?? "",
            OwnerId = http.User.StaffId(), CreatedAt = clock.GetUtcNow(),
        };
        CustomerRules.Index(customer);
        db.Customers.Add(customer);
        await CustomerFiles.FlagDuplicatesAsync(db, customer);
        try
        {
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        catch (DbUpdateException e) when (e.IsConflict())
        {
            return Problems.Rule(409, "customer.phoneOnFile", await OwnerOfPhoneAsync(db, venue, phone) ?? "?");
        }
        board.CustomersChanged(venue, [customer.OwnerId]);
        return Results.Created($"/api/customers/{customer.Id}", await ViewAsync(db, http, customer, audit));
    }

    /// <summary>"badge name" of whoever owns this phone in the venue, or null.</summary>
    public static async Task<string?> OwnerOfPhoneAsync(EncoreDb db, Guid venue, string phone) =>
        await (from c in db.Customers join u in db.Users on c.OwnerId equals u.Id
               where c.VenueId == venue && c.Phone == phone select u.UserName + " " + u.Name).FirstOrDefaultAsync();

    /// <summary>
    /// The whole story of one customer: visits (room, spend, discount, comps, who was credited), bookings and who
    /// made them, return visits, contacts, consents and handovers. The owner, the floor and the GM only.
    /// </summary>
    private static async Task<IResult> HistoryAsync(Guid id, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id && c.VenueId == at.VenueId);
        if (customer is null) return Problems.Rule(404, "customer.notFound");
        if (!CustomerRules.SeesPhone(http.User, customer)) return Problems.Rule(403, "customer.notYours", await OwnerBadgeAsync(db, customer));
        var badges = await db.Users.Where(u => u.VenueId == at.VenueId).ToDictionaryAsync(u => u.Id, u => u.UserName!);
        string? Badge(Guid? staff) => staff is { } s ? badges.GetValueOrDefault(s) : null;
        var bookings = await db.Bookings.Where(b => b.CustomerId == id).OrderByDescending(b => b.Arrival).ToListAsync();
        var bookingIds = bookings.Select(b => b.Id).ToList();
        var visits = await (from s in db.RoomSessions join r in db.Rooms on s.RoomId equals r.Id
                            where s.BookingId != null && bookingIds.Contains(s.BookingId.Value)
                            orderby s.OpenedAt descending
                            select new { s.BusinessDay, Room = r.Number, s.OpenedAt, s.ClosedAt, s.Spend, s.Discount, s.CompsValue, s.Comps, s.CreditedToId }).ToListAsync();
        var returnVisits = await db.ReturnVisits.Where(r => r.CustomerId == id).OrderByDescending(r => r.DueDay).ToListAsync();
        var contacts = await db.CustomerContacts.Where(c => c.CustomerId == id).OrderByDescending(c => c.At).Take(200).ToListAsync();
        var handovers = await db.CustomerHandovers.Where(h => h.CustomerId == id).OrderBy(h => h.At).ToListAsync();
        var consents = await db.CustomerConsents.Where(c => c.CustomerId == id).OrderBy(c => c.At).ToListAsync();
        var complaints = await (from c in db.Complaints
                                join r in db.Rooms on c.RoomId equals r.Id into rooms
                                from r in rooms.DefaultIfEmpty()
                                where c.CustomerId == id
                                orderby c.CreatedAt descending
                                select new { c, Room = r == null ? null : r.Number }).ToListAsync();
        return Results.Ok(new CustomerHistory(id, customer.Name, Badge(customer.OwnerId), customer.VipLevel,
            new HistoryTotals(visits.Count(v => v.ClosedAt != null), visits.Sum(v => v.Spend), visits.Sum(v => v.CompsValue), visits.Sum(v => v.Discount)),
            visits.Select(v => new HistoryVisit(v.BusinessDay, v.Room, at.Local(v.OpenedAt), at.Local(v.ClosedAt), v.Spend, v.Discount, v.CompsValue,
                System.Text.Json.JsonDocument.Parse(v.Comps).RootElement, Badge(v.CreditedToId))),
            bookings.Select(b => new HistoryBooking(b.Id, b.BusinessDay, at.Local(b.Arrival), b.Status, Badge(b.BookerId), Badge(b.CreatedById), b.PartySize)),
            returnVisits.Select(r => new HistoryReturnVisit(r.Id, r.Reason, r.DueDay, at.Local(r.DoneAt), r.Channel, r.Outcome, r.Satisfaction, Badge(r.OwnerId))),
            contacts.Select(c => new HistoryContact(at.Local(c.At), c.Channel, c.Outcome, Badge(c.StaffId))),
            handovers.Select(h => new HistoryHandover(at.Local(h.At), Badge(h.FromId), Badge(h.ToId), Badge(h.ById), h.Reason)),
            consents.Select(c => new HistoryConsent(at.Local(c.At), Badge(c.GranteeId), Badge(c.GrantedById), c.Reason)),
            complaints.Select(x => new HistoryComplaint(x.c.Id, x.c.BusinessDay, at.Local(x.c.CreatedAt), x.c.Category, x.c.Severity, x.c.Status,
                x.c.Description, x.Room, Badge(x.c.ManagerId), x.c.Resolution, x.c.Satisfaction))));
    }

    /// <summary>Only the top VIPs (house rule: how many) get an exclusive manager (专属客服经理).</summary>
    private static async Task<IResult> ExclusiveManagerAsync(Guid id, ExclusiveManagerInput input, HttpContext http, EncoreDb db, AuditLog audit, Board.BoardNotifier board)
    {
        var at = await http.Caller().NowAsync();
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id && c.VenueId == at.VenueId);
        if (customer is null) return Problems.Rule(404, "customer.notFound");
        var manager = await KeeperAsync(db, at.VenueId, input.Badge);
        if (manager is null) return Problems.Validation("badge", "notAManager", input.Badge ?? "");
        var top = Domain.VipPolicy.Top(await CustomerSweeper.ActivityAsync(db, at), at.Rules.Customers);
        if (!top.Contains(id)) return Problems.Rule(409, "customer.notTopVip", at.Rules.Customers.ExclusiveManagerTopCount);
        AuditScope.Name(http, "customer.exclusiveManager");
        customer.ExclusiveManagerId = manager;
        await db.SaveChangesAsync();
        board.CustomersChanged(at.VenueId, [customer.OwnerId]);
        return Results.Ok(await ViewAsync(db, http, customer, audit));
    }

    /// <summary>Today's VIP arrivals (tonight's bookings of VIP customers) and today's birthdays: the caller's own, everyone's for the floor, the GM and the desk.</summary>
    private static async Task<IResult> TodayAsync(HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var user = http.User;
        var everyone = user.Can(Capability.SeeAllArrivals);
        var me = user.StaffId();
        var arrivals = await (from b in db.Bookings join c in db.Customers on b.CustomerId equals c.Id join u in db.Users on b.BookerId equals u.Id
                              where b.VenueId == at.VenueId && b.BusinessDay == at.Today && c.VipLevel != "" && b.Status != BookingStatus.Cancelled
                                    && (everyone || c.OwnerId == me || b.BookerId == me)
                              orderby b.Arrival
                              select new { bookingId = b.Id, customerId = c.Id, c.Name, c.VipLevel, b.Arrival, b.Status, bookerBadge = u.UserName }).ToListAsync();
        var local = at.Local(at.Now);
        var birthdays = await (from c in db.Customers join u in db.Users on c.OwnerId equals u.Id
                               where c.VenueId == at.VenueId && c.Birthday != null && (everyone || c.OwnerId == me)
                               select new { c.Id, c.Name, c.Birthday, c.VipLevel, ownerBadge = u.UserName }).ToListAsync();
        return Results.Ok(new CustomersToday(at.Today,
            arrivals.Select(a => new VipArrival(a.bookingId, a.customerId, a.Name, a.VipLevel, at.Local(a.Arrival), a.Status, a.bookerBadge)),
            birthdays.Where(b => b.Birthday!.Value.Month == local.Month && b.Birthday.Value.Day == local.Day)
                .Select(b => new BirthdayToday(b.Id, b.Name, b.VipLevel, b.ownerBadge))));
    }

    private static async Task<IResult> SearchAsync(HttpContext http, EncoreDb db, string? q)
    {
        var user = http.User;
        // An erased file is nobody's guest any more: it is not found (its bookings and figures stay).
        var query = db.Customers.Where(c => c.VenueId == user.VenueId() && c.ErasedAt == null);
        // API.md: searches the caller's own; the floor and the GM search the venue's.
        if (!user.Can(Capability.ManageAllCustomers)) { var me = user.StaffId(); query = query.Where(c => c.OwnerId == me); }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            if (term.Length > 50) return Problems.Validation("q", "maxLength", 50);
            var digits = new string(term.Where(char.IsDigit).ToArray());
            var latin = term.ToLowerInvariant().Replace(" ", "");
            query = digits.Length >= 3 && digits.Length == term.Length
                ? query.Where(c => c.Phone.EndsWith(digits))
                : latin.All(char.IsAsciiLetter)
                    // Pinyin ("wangwei", "wang") or initials ("ww"): a prefix of the initials or part of the full pinyin.
                    ? query.Where(c => c.Initials.StartsWith(latin) || c.Pinyin.Contains(latin) || c.Company.Contains(term))
                    : query.Where(c => c.Name.Contains(term) || c.Company.Contains(term));
        }
        // The first 50 by pinyin, as the booking page lists them: the database cannot sort by Chinese collation, so
        // the names alone are sorted here and only the chosen files are read.
        var names = await query.Select(c => new { c.Id, c.Name }).ToListAsync();
        var chosen = names.OrderBy(c => c.Name, CustomerRules.NameOrder).ThenBy(c => c.Id).Take(50).Select(c => c.Id).ToList();
        var files = await db.Customers.Where(c => chosen.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
        var rows = chosen.Select(id => files[id]).ToList();
        var owners = await db.Users.Where(u => rows.Select(r => r.OwnerId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new { Badge = u.UserName!, u.Name });
        return Results.Ok(rows.Select(c =>
        {
            var sees = c.OwnerId == user.StaffId(); // a search list never shows others' phones, not even to the floor
            return new CustomerSearchHit(c.Id, c.Name, sees ? c.Phone : CustomerRules.Mask(c.Phone), !sees, owners[c.OwnerId].Badge, owners[c.OwnerId].Name, c.Company, c.Birthday);
        }));
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, EncoreDb db, AuditLog audit)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id && c.VenueId == http.User.VenueId());
        return customer is null ? Problems.Rule(404, "customer.notFound") : Results.Ok(await ViewAsync(db, http, customer, audit));
    }

    private static async Task<IResult> UpdateAsync(Guid id, CustomerInput input, HttpContext http, EncoreDb db, AuditLog audit, PhoneProbeGuard guard, Board.BoardNotifier board)
    {
        var v = Validate(input);
        if (!v.Ok) return v.ToResult();
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id && c.VenueId == http.User.VenueId());
        if (customer is null) return Problems.Rule(404, "customer.notFound");
        if (!CustomerRules.SeesPhone(http.User, customer)) return Problems.Rule(403, "customer.notYours", await OwnerBadgeAsync(db, customer));
        if (CustomerRules.RefuseIfErased(customer, await http.Caller().NowAsync()) is { } erased) return erased;
        var phone = CustomerRules.ValidPhone(input.Phone)!;
        // Changing one's own file to a guessed phone is the same question as filing it: the same guard.
        if (phone != customer.Phone && await OwnerOfPhoneAsync(db, customer.VenueId, phone) is { } owner) return await guard.RefuseAsync(http, "customer.phoneOnFile", phone, owner);
        AuditScope.Name(http, "customer.update");
        customer.Name = input.Name!.Trim();
        CustomerRules.Index(customer);
        customer.Phone = phone;
        customer.Birthday = input.Birthday;
        customer.Company = input.Company?.Trim() ?? "";
        customer.Title = input.Title?.Trim() ?? "";
        customer.Tags = input.Tags?.Trim() ?? "";
        customer.Notes = input.Notes?.Trim() ?? "";
        customer.Preferences = input.Preferences?.Trim() ?? "";
        customer.CreditFlags = input.CreditFlags?.Trim() ?? "";
        if (!string.IsNullOrWhiteSpace(input.Source)) customer.Source = input.Source.Trim();
        await db.SaveChangesAsync();
        board.CustomersChanged(customer.VenueId, [customer.OwnerId]);
        return Results.Ok(await ViewAsync(db, http, customer, audit));
    }

    private static Task<string> OwnerBadgeAsync(EncoreDb db, Customer c) =>
        db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.UserName + " " + u.Name).SingleAsync();

    /// <summary>An active member of staff who keeps customers, by badge.</summary>
    private static async Task<Guid?> KeeperAsync(EncoreDb db, Guid venue, string? badge)
    {
        if (string.IsNullOrWhiteSpace(badge)) return null;
        var normalized = StaffDirectory.Normalize(badge);
        return await db.Holding(venue, Capability.KeepCustomers)
            .Where(u => u.IsActive && u.NormalizedUserName == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync();
    }

    private static async Task<IResult> ConsentAsync(Guid id, ConsentInput input, HttpContext http, EncoreDb db, TimeProvider clock)
    {
        var v = new Validator().Text("toBadge", input.ToBadge, 32).Text("reason", input.Reason, 200, required: false);
        if (!v.Ok) return v.ToResult();
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id && c.VenueId == http.User.VenueId());
        if (customer is null) return Problems.Rule(404, "customer.notFound");
        if (customer.OwnerId != http.User.StaffId() && !http.User.Can(Capability.ManageAllCustomers)) return Problems.Rule(403, "customer.notYours", await OwnerBadgeAsync(db, customer));
        var grantee = await KeeperAsync(db, customer.VenueId, input.ToBadge);
        if (grantee is null) return Problems.Validation("toBadge", "notAManager", input.ToBadge!.Trim());
        AuditScope.Name(http, "customer.consent");
        // Granted once (a unique index): consenting again, or twice at the same moment, answers the same and files
        // nothing more; the loser of an insert race meets the index, and the request runs again (Writes) to find
        // the winner's consent.
        if (!await db.CustomerConsents.AnyAsync(c => c.CustomerId == id && c.GranteeId == grantee.Value))
        {
            db.CustomerConsents.Add(new CustomerConsent { VenueId = customer.VenueId, CustomerId = id, GranteeId = grantee.Value, GrantedById = http.User.StaffId(), Reason = input.Reason?.Trim() ?? "", At = clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }
        return Results.Ok(new ConsentGiven(id, input.ToBadge!.Trim()));
    }

    private static async Task<IResult> HandoverAsync(Guid id, HandoverInput input, HttpContext http, EncoreDb db, TimeProvider clock, AuditLog audit, Board.BoardNotifier board)
    {
        var v = new Validator().Text("toBadge", input.ToBadge, 32).Text("reason", input.Reason, 200);
        if (!v.Ok) return v.ToResult();
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id && c.VenueId == http.User.VenueId());
        if (customer is null) return Problems.Rule(404, "customer.notFound");
        var to = await KeeperAsync(db, customer.VenueId, input.ToBadge);
        if (to is null) return Problems.Validation("toBadge", "notAManager", input.ToBadge!.Trim());
        AuditScope.Name(http, "customer.handover");
        var from = customer.OwnerId;
        await HandAsync(db, [customer], _ => to.Value, http.User.StaffId(), input.Reason!.Trim(), clock.GetUtcNow());
        await db.SaveChangesAsync();
        board.CustomersChanged(customer.VenueId, [from, to.Value]);
        return Results.Ok(await ViewAsync(db, http, customer, audit));
    }

    /// <summary>
    /// Hands each file to its new owner (<paramref name="to"/> by position), with the return visits still open:
    /// the new owner owes them now, and the previous owner neither sees the phone there nor logs them any more
    /// (masking follows the current owner everywhere). Visits already done stay with who did them.
    /// </summary>
    private static async Task HandAsync(EncoreDb db, IReadOnlyList<Customer> customers, Func<int, Guid> to, Guid by, string reason, DateTimeOffset at)
    {
        // In parts: a leaver's book can hold more files than one statement takes ids.
        var open = (await customers.Select(c => c.Id).InPartsAsync(ids => db.ReturnVisits.Where(r => ids.Contains(r.CustomerId) && r.DoneAt == null)))
            .ToLookup(r => r.CustomerId);
        for (var i = 0; i < customers.Count; i++)
        {
            var customer = customers[i];
            var owner = to(i);
            if (customer.OwnerId == owner) continue;
            db.CustomerHandovers.Add(new CustomerHandover { VenueId = customer.VenueId, CustomerId = customer.Id, FromId = customer.OwnerId, ToId = owner, ById = by, Reason = reason, At = at });
            customer.OwnerId = owner;
            foreach (var visit in open[customer.Id]) visit.OwnerId = owner;
        }
    }

    /// <summary>A leaver's whole book, spread evenly (round robin, oldest file first) over the chosen managers.</summary>
    private static async Task<IResult> BulkHandoverAsync(BulkHandoverInput input, HttpContext http, EncoreDb db, TimeProvider clock, Board.BoardNotifier board)
    {
        var v = new Validator().Text("fromBadge", input.FromBadge, 32).Text("reason", input.Reason, 200);
        var toBadges = input.ToBadges?.Where(b => !string.IsNullOrWhiteSpace(b)).Select(b => b.Trim()).Distinct().ToList() ?? [];
        if (toBadges.Count == 0) v.Add("toBadges", "required");
        if (!v.Ok) return v.ToResult();
        var venue = http.User.VenueId();
        var from = await db.StaffIdAsync(venue, input.FromBadge);
        if (from is null) return Problems.Validation("fromBadge", "unknown");
        var targets = new List<Guid>();
        foreach (var badge in toBadges)
        {
            var id = await KeeperAsync(db, venue, badge);
            if (id is null || id == from) return Problems.Validation("toBadges", "notAManager", badge);
            targets.Add(id.Value);
        }
        AuditScope.Name(http, "customer.handoverAll");
        await using var tx = await db.BeginWriteAsync();
        var customers = await db.Customers.Where(c => c.VenueId == venue && c.OwnerId == from).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync();
        var now = clock.GetUtcNow();
        await HandAsync(db, customers, i => targets[i % targets.Count], http.User.StaffId(), input.Reason!.Trim(), now);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        if (customers.Count > 0) board.CustomersChanged(venue, [from.Value, .. targets]);
        return Results.Ok(toBadges.Select((b, i) => new HandoverShare(b, customers.Count / targets.Count + (i < customers.Count % targets.Count ? 1 : 0))).ToList());
    }
}
