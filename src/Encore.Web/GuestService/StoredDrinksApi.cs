using Encore.Web.Staff;
using Phones = Encore.Web.Customers.CustomerRules;

namespace Encore.Web.GuestService;

/// <summary>
/// API.md "Stored drinks" (存酒): a guest's unfinished bottles are stored under the customer file and its owning
/// manager until the house-rule expiry (guestService.storedDrinkDays); each withdrawal is recorded and never takes
/// more than remains; an expired bottle is not handed out. The desk (and the floor) store and hand out for any
/// customer; a manager for the customers they own. The owner is reminded before expiry (GuestServiceSweeper).
/// </summary>
public static class StoredDrinksApi
{
    public static void MapStoredDrinksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/stored-drinks").WithTags("Guest service").RequireAuthorization();
        group.MapPost("/", StoreAsync).Answers<StoredDrinkView>(StatusCodes.Status201Created).WithName("StoreDrinks");
        group.MapGet("/", ListAsync).Answers<List<StoredDrinkView>>().WithName("ListStoredDrinks");
        group.MapGet("/customers", CustomersAsync).Requires(Capability.KeepGuestRegister).Answers<List<DrinkCustomer>>().WithName("StoredDrinkCustomers");
        group.MapPost("/{id:guid}/withdraw", WithdrawAsync).Answers<StoredDrinkView>().WithName("WithdrawStoredDrinks");
        app.MapGet("/api/customers/{id:guid}/stored-drinks", ForCustomerAsync).WithTags("Guest service").RequireAuthorization()
            .Answers<List<StoredDrinkView>>().WithName("CustomerStoredDrinks");
    }

    /// <summary>The desk's register for every customer; anyone else for the customers they own (or, on the floor, manage).</summary>
    private static bool MayServe(ClaimsPrincipal user, Customer customer) =>
        user.Can(Capability.KeepGuestRegister) || Phones.SeesPhone(user, customer);

    private static Task<string> OwnerAsync(EncoreDb db, Customer c) =>
        db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.UserName + " " + u.Name).SingleAsync();

    private static async Task<IResult> StoreAsync(StoredDrinkInput input, HttpContext http, EncoreDb db)
    {
        var v = new Validator().Text("item", input.Item, 100).Range("quantity", input.Quantity, 1, 999);
        if (input.CustomerId is null) v.Add("customerId", "required");
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == input.CustomerId && c.VenueId == at.VenueId && c.ErasedAt == null);
        if (customer is null) return Problems.Validation("customerId", "unknown");
        if (!MayServe(http.User, customer)) return Problems.Rule(403, "customer.notYours", await OwnerAsync(db, customer));
        AuditScope.Name(http, "storedDrink.store");
        var drink = new StoredDrink
        {
            VenueId = at.VenueId, CustomerId = customer.Id, OwnerId = customer.OwnerId, Item = input.Item!.Trim(), Quantity = input.Quantity!.Value,
            Remaining = input.Quantity.Value, StoredById = http.User.StaffId(), StoredAt = at.Now, ExpiresOn = at.Today.AddDays(at.Rules.GuestService.StoredDrinkDays),
        };
        db.StoredDrinks.Add(drink);
        await db.SaveChangesAsync();
        return Results.Created($"/api/stored-drinks/{drink.Id}", (await ViewsAsync(db, http, at, [drink])).Single());
    }

    private static async Task<IResult> WithdrawAsync(Guid id, WithdrawInput input, HttpContext http, EncoreDb db)
    {
        var v = new Validator().Range("quantity", input.Quantity, 1, 999);
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        var drink = await db.StoredDrinks.SingleOrDefaultAsync(d => d.Id == id && d.VenueId == at.VenueId);
        if (drink is null) return Problems.Rule(404, "storedDrink.notFound");
        var customer = await db.Customers.SingleAsync(c => c.Id == drink.CustomerId);
        if (!MayServe(http.User, customer)) return Problems.Rule(403, "customer.notYours", await OwnerAsync(db, customer));
        if (at.Today > drink.ExpiresOn) return Problems.Rule(409, "storedDrink.expired", drink.ExpiresOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (input.Quantity > drink.Remaining) return FieldConflict.Of("quantity", "storedDrink.notEnough", input.Quantity, drink.Remaining);
        AuditScope.Name(http, "storedDrink.withdraw");
        // The version check makes two withdrawals at once take turns: the loser runs again and sees what remains then.
        drink.Remaining -= input.Quantity!.Value;
        drink.Version++;
        db.StoredDrinkWithdrawals.Add(new StoredDrinkWithdrawal { VenueId = at.VenueId, StoredDrinkId = drink.Id, Quantity = input.Quantity.Value, Remaining = drink.Remaining, ById = http.User.StaffId(), At = at.Now });
        await db.SaveChangesAsync();
        return Results.Ok((await ViewsAsync(db, http, at, [drink])).Single());
    }

    /// <summary>The register's list: every stored bottle for the desk and the floor, one's own customers' for a manager; with bottles left unless <paramref name="all"/>.</summary>
    private static async Task<IResult> ListAsync(HttpContext http, EncoreDb db, bool? all)
    {
        var at = await http.Caller().NowAsync();
        var user = http.User;
        var query = db.StoredDrinks.Where(d => d.VenueId == at.VenueId);
        if (all != true) query = query.Where(d => d.Remaining > 0);
        if (!user.Can(Capability.KeepGuestRegister) && !user.Can(Capability.ManageAllCustomers))
        {
            var me = user.StaffId();
            query = query.Where(d => db.Customers.Any(c => c.Id == d.CustomerId && c.OwnerId == me));
        }
        var drinks = await query.OrderBy(d => d.ExpiresOn).ThenBy(d => d.StoredAt).Take(500).ToListAsync();
        return Results.Ok(await ViewsAsync(db, http, at, drinks));
    }

    /// <summary>
    /// The desk's customer picker for storing drinks: the venue's files by name, pinyin, initials or the phone's last
    /// digits (the customer search answers a desk without a book of its own nothing), phones masked as in any list.
    /// </summary>
    private static async Task<IResult> CustomersAsync(HttpContext http, EncoreDb db, string? q)
    {
        var term = q?.Trim() ?? "";
        if (term.Length > 50) return Problems.Validation("q", "maxLength", 50);
        if (term.Length == 0) return Results.Ok(new List<DrinkCustomer>());
        var query = db.Customers.Where(c => c.VenueId == http.User.VenueId() && c.ErasedAt == null);
        var latin = term.ToLowerInvariant().Replace(" ", "");
        query = term.All(char.IsDigit)
            ? query.Where(c => c.Phone.EndsWith(term))
            : latin.All(char.IsAsciiLetter)
                ? query.Where(c => c.Initials.StartsWith(latin) || c.Pinyin.Contains(latin))
                : query.Where(c => c.Name.Contains(term));
        var rows = await (from c in query join u in db.Users on c.OwnerId equals u.Id
                          orderby c.Name, c.Id
                          select new { c.Id, c.Name, c.Phone, Owner = u.UserName }).Take(20).ToListAsync();
        return Results.Ok(rows.Select(r => new DrinkCustomer(r.Id, r.Name, Phones.Mask(r.Phone), r.Owner)).ToList());
    }

    /// <summary>Authorized like the customer's history: the owner, the floor and the GM; 404 for a file not in the venue.</summary>
    private static async Task<IResult> ForCustomerAsync(Guid id, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id && c.VenueId == at.VenueId);
        if (customer is null) return Problems.Rule(404, "customer.notFound");
        if (!Phones.SeesPhone(http.User, customer)) return Problems.Rule(403, "customer.notYours", await OwnerAsync(db, customer));
        var drinks = await db.StoredDrinks.Where(d => d.CustomerId == id).OrderByDescending(d => d.StoredAt).ToListAsync();
        return Results.Ok(await ViewsAsync(db, http, at, drinks));
    }

    private static async Task<List<StoredDrinkView>> ViewsAsync(EncoreDb db, HttpContext http, VenueNow at, IReadOnlyList<StoredDrink> drinks)
    {
        var ids = drinks.Select(d => d.Id).ToList();
        var customerIds = drinks.Select(d => d.CustomerId).Distinct().ToList();
        var customers = await db.Customers.Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
        var withdrawals = (await db.StoredDrinkWithdrawals.Where(w => ids.Contains(w.StoredDrinkId)).OrderBy(w => w.At).ToListAsync()).ToLookup(w => w.StoredDrinkId);
        var badges = await db.BadgesAsync(drinks.Select(d => d.StoredById).Concat(customers.Values.Select(c => c.OwnerId)).Concat(withdrawals.SelectMany(g => g).Select(w => w.ById)));
        return drinks.Select(d =>
        {
            var c = customers[d.CustomerId];
            // The phone as the customer rules say (the owner and the floor in full); an erased file has none to show.
            var phone = c.ErasedAt is not null ? "" : Phones.SeesPhone(http.User, c) ? c.Phone : Phones.Mask(c.Phone);
            return new StoredDrinkView(d.Id, d.CustomerId, c.Name, phone, badges.GetValueOrDefault(c.OwnerId), d.Item, d.Quantity, d.Remaining,
                at.Local(d.StoredAt), badges.GetValueOrDefault(d.StoredById), d.ExpiresOn, at.Today > d.ExpiresOn,
                withdrawals[d.Id].Select(w => new StoredDrinkWithdrawalView(w.Quantity, w.Remaining, badges.GetValueOrDefault(w.ById), at.Local(w.At))).ToList());
        }).ToList();
    }
}
