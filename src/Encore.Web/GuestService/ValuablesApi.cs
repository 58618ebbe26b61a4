using System.Security.Cryptography;
using Encore.Web.Staff;
using Phones = Encore.Web.Customers.CustomerRules;

namespace Encore.Web.GuestService;

/// <summary>
/// API.md "Valuables" (贵重物品寄存): the desk takes a guest's valuables against a receipt code and hands them back
/// only against that code, recording who handed back and when. A wrong code hands nothing over; the attempt itself
/// is kept in the audit log although the request is refused (Writes.KeepDespiteRefusal), as evidence of guessing.
/// </summary>
public static class ValuablesApi
{
    /// <summary>No 0/O, 1/I/L: a code read aloud or copied from a slip is not mistaken. 31^6 ≈ 887 million codes.</summary>
    public const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int CodeLength = 6;

    public static void MapValuablesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/valuables").WithTags("Guest service").RequireAuthorization();
        group.MapPost("/", TakeAsync).Requires(Capability.KeepGuestRegister).Answers<ValuableTaken>(StatusCodes.Status201Created).WithName("TakeValuable");
        group.MapGet("/", ListAsync).Requires(Capability.KeepGuestRegister).Answers<List<ValuableView>>().WithName("ListValuables");
        group.MapPost("/{id:guid}/return", ReturnAsync).Requires(Capability.KeepGuestRegister).Answers<ValuableView>().WithName("ReturnValuable");
    }

    /// <summary>A fresh code from the operating system's CSPRNG: a guessable code would hand the valuables to anyone.</summary>
    public static string NewCode() => RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);

    private static async Task<IResult> TakeAsync(ValuableInput input, HttpContext http, EncoreDb db)
    {
        var v = new Validator().Text("guestName", input.GuestName, 50).Text("description", input.Description, 500).Text("roomNumber", input.RoomNumber, 16, required: false);
        Phones.Phone(v, "guestPhone", input.GuestPhone);
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        var number = string.IsNullOrWhiteSpace(input.RoomNumber) ? null : input.RoomNumber.Trim();
        if (number is not null && !await db.Rooms.AnyAsync(r => r.VenueId == at.VenueId && r.Number == number)) return Problems.Validation("roomNumber", "unknown");
        AuditScope.Name(http, "valuable.take");
        var valuable = new Valuable
        {
            VenueId = at.VenueId, GuestName = input.GuestName!.Trim(), GuestPhone = Phones.ValidPhone(input.GuestPhone)!, Description = input.Description!.Trim(),
            RoomNumber = number, ReceiptCode = NewCode(), TakenById = http.User.StaffId(), TakenAt = at.Now,
        };
        db.Valuables.Add(valuable);
        await db.SaveChangesAsync();
        return Results.Created($"/api/valuables/{valuable.Id}", new ValuableTaken(valuable.Id, valuable.ReceiptCode, "held", at.Local(at.Now), http.User.Badge()));
    }

    private static async Task<IResult> ListAsync(HttpContext http, EncoreDb db, string? status)
    {
        if (status is not (null or "" or "held" or "returned")) return Problems.Validation("status", "oneOf", "held|returned");
        var at = await http.Caller().NowAsync();
        var query = db.Valuables.Where(x => x.VenueId == at.VenueId);
        if (status == "held") query = query.Where(x => x.ReturnedAt == null);
        if (status == "returned") query = query.Where(x => x.ReturnedAt != null);
        var rows = await query.OrderByDescending(x => x.TakenAt).Take(500).ToListAsync();
        var staff = await StaffNamesAsync(db, rows.SelectMany(r => new[] { r.TakenById, r.ReturnedById ?? r.TakenById }));
        return Results.Ok(rows.Select(r => View(http, at, r, staff)).ToList());
    }

    private static async Task<IResult> ReturnAsync(Guid id, ValuableReturnInput input, HttpContext http, EncoreDb db, AuditLog audit)
    {
        var v = new Validator().Text("receiptCode", input.ReceiptCode, 16);
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        var valuable = await db.Valuables.SingleOrDefaultAsync(x => x.Id == id && x.VenueId == at.VenueId);
        if (valuable is null) return Problems.Rule(404, "valuable.notFound");
        if (valuable.ReturnedAt is { } returned)
        {
            var by = await StaffNamesAsync(db, [valuable.ReturnedById!.Value]);
            return Problems.Rule(409, "valuable.returned", by.GetValueOrDefault(valuable.ReturnedById!.Value).Badge, at.Local(returned).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        }
        if (!Matches(valuable.ReceiptCode, input.ReceiptCode!))
        {
            // The refusal is itself a record: the attempt (never the code typed) commits although the answer is 409.
            await audit.WriteAsync(http.User, "valuable.wrongCode", nameof(Valuable), valuable.Id.ToString(), null, new { valuable.RoomNumber });
            Writes.KeepDespiteRefusal(http);
            return FieldConflict.Of("receiptCode", "valuable.wrongCode");
        }
        AuditScope.Name(http, "valuable.return");
        valuable.ReturnedById = http.User.StaffId();
        valuable.ReturnedAt = at.Now;
        valuable.Version++;
        await db.SaveChangesAsync();
        return Results.Ok(View(http, at, valuable, await StaffNamesAsync(db, [valuable.TakenById, valuable.ReturnedById.Value])));
    }

    /// <summary>Case and spaces do not matter (a guest reads it aloud); the comparison takes the same time whatever matches.</summary>
    private static bool Matches(string code, string given)
    {
        var typed = new string(given.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
        return CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(code), System.Text.Encoding.UTF8.GetBytes(typed));
    }

    private static Task<Dictionary<Guid, (string Badge, string Name)>> StaffNamesAsync(EncoreDb db, IEnumerable<Guid> ids)
    {
        var list = ids.Distinct().ToList();
        return db.Users.Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => (u.UserName!, u.Name));
    }

    private static ValuableView View(HttpContext http, VenueNow at, Valuable x, Dictionary<Guid, (string Badge, string Name)> staff)
    {
        // Masked like a customer's phone for whoever does not see guests' phones at the desk (SeeBookingPhones).
        var sees = http.User.Can(Capability.SeeBookingPhones);
        var returnedBy = x.ReturnedById is { } r && staff.TryGetValue(r, out var s) ? s : ((string Badge, string Name)?)null;
        return new ValuableView(x.Id, x.GuestName, sees ? x.GuestPhone : Phones.Mask(x.GuestPhone), !sees, x.Description, x.RoomNumber,
            x.ReturnedAt is null ? "held" : "returned", staff.TryGetValue(x.TakenById, out var t) ? t.Badge : null, at.Local(x.TakenAt),
            returnedBy?.Badge, returnedBy?.Name, at.Local(x.ReturnedAt));
    }
}
