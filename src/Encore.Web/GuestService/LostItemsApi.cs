using Encore.Web.Staff;
using Phones = Encore.Web.Customers.CustomerRules;

namespace Encore.Web.GuestService;

/// <summary>
/// API.md "Lost property" (客遗物): any member of staff registers a found item by room; it is kept through the
/// house-rule days (guestService.lostItemKeepDays), then returned to a claimant who leaves name and phone, or
/// disposed of by the floor once that time is over. Each hand-over records who and when (and the audit log).
/// </summary>
public static class LostItemsApi
{
    public static readonly string[] Statuses = ["kept", "returned", "disposed"];

    public static void MapLostItemsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/lost-items").WithTags("Guest service").RequireAuthorization();
        group.MapPost("/", RegisterAsync).Answers<LostItemView>(StatusCodes.Status201Created).WithName("RegisterLostItem");
        group.MapGet("/", ListAsync).Answers<List<LostItemView>>().WithName("ListLostItems");
        group.MapPost("/{id:guid}/return", ReturnAsync).Answers<LostItemView>().WithName("ReturnLostItem");
        group.MapPost("/{id:guid}/dispose", DisposeAsync).Requires(Capability.DisposeLostItems).Answers<LostItemView>().WithName("DisposeLostItem");
    }

    private static async Task<IResult> RegisterAsync(LostItemInput input, HttpContext http, EncoreDb db)
    {
        var v = new Validator().Text("roomNumber", input.RoomNumber, 16).Text("description", input.Description, 500).Text("storage", input.Storage, 100);
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        var number = input.RoomNumber!.Trim();
        var room = await db.Rooms.Where(r => r.VenueId == at.VenueId && r.Number == number).Select(r => (Guid?)r.Id).SingleOrDefaultAsync();
        if (room is null) return Problems.Validation("roomNumber", "unknown");
        AuditScope.Name(http, "lostItem.register");
        var item = new LostItem
        {
            VenueId = at.VenueId, RoomId = room.Value, RoomNumber = number, Description = input.Description!.Trim(), Storage = input.Storage!.Trim(),
            FoundById = http.User.StaffId(), FoundAt = at.Now, KeepUntil = at.Today.AddDays(at.Rules.GuestService.LostItemKeepDays),
        };
        db.LostItems.Add(item);
        await db.SaveChangesAsync();
        return Results.Created($"/api/lost-items/{item.Id}", await ViewAsync(db, http, item));
    }

    private static async Task<IResult> ListAsync(HttpContext http, EncoreDb db, string? status)
    {
        if (!string.IsNullOrEmpty(status) && !Statuses.Contains(status)) return Problems.Validation("status", "oneOf", string.Join("|", Statuses));
        var at = await http.Caller().NowAsync();
        var query = db.LostItems.Where(i => i.VenueId == at.VenueId);
        if (!string.IsNullOrEmpty(status)) query = query.Where(i => i.Status == status);
        var items = await query.OrderByDescending(i => i.FoundAt).Take(500).ToListAsync();
        var badges = await db.BadgesAsync(items.SelectMany(i => new[] { i.FoundById, i.ClosedById ?? i.FoundById }));
        return Results.Ok(items.Select(i => View(http, at, i, badges)).ToList());
    }

    private static async Task<IResult> ReturnAsync(Guid id, LostItemReturnInput input, HttpContext http, EncoreDb db)
    {
        var v = new Validator().Text("claimantName", input.ClaimantName, 50).Text("note", input.Note, 500, required: false);
        Phones.Phone(v, "claimantPhone", input.ClaimantPhone);
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        var item = await db.LostItems.SingleOrDefaultAsync(i => i.Id == id && i.VenueId == at.VenueId);
        if (item is null) return Problems.Rule(404, "lostItem.notFound");
        if (item.Status != "kept") return Problems.Rule(409, "lostItem.notKept", StatusText(item.Status));
        AuditScope.Name(http, "lostItem.return");
        item.Status = "returned";
        item.ClaimantName = input.ClaimantName!.Trim();
        item.ClaimantPhone = Phones.ValidPhone(input.ClaimantPhone)!;
        item.Note = input.Note?.Trim() ?? "";
        item.ClosedById = http.User.StaffId();
        item.ClosedAt = at.Now;
        item.Version++;
        await db.SaveChangesAsync();
        return Results.Ok(await ViewAsync(db, http, item));
    }

    /// <summary>Only after the keeping time (the day after keepUntil): before it, a guest may still come for it.</summary>
    private static async Task<IResult> DisposeAsync(Guid id, LostItemDisposeInput input, HttpContext http, EncoreDb db)
    {
        var v = new Validator().Text("note", input.Note, 500);
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        var item = await db.LostItems.SingleOrDefaultAsync(i => i.Id == id && i.VenueId == at.VenueId);
        if (item is null) return Problems.Rule(404, "lostItem.notFound");
        if (item.Status != "kept") return Problems.Rule(409, "lostItem.notKept", StatusText(item.Status));
        if (at.Today <= item.KeepUntil) return Problems.Rule(409, "lostItem.keptUntil", item.KeepUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        AuditScope.Name(http, "lostItem.dispose");
        item.Status = "disposed";
        item.Note = input.Note!.Trim();
        item.ClosedById = http.User.StaffId();
        item.ClosedAt = at.Now;
        item.Version++;
        await db.SaveChangesAsync();
        return Results.Ok(await ViewAsync(db, http, item));
    }

    private static string StatusText(string status) => Texts.Get("guest.lost.status." + status, CultureInfo.CurrentUICulture);

    private static async Task<LostItemView> ViewAsync(EncoreDb db, HttpContext http, LostItem item) =>
        View(http, await http.Caller().NowAsync(), item, await db.BadgesAsync([item.FoundById, item.ClosedById ?? item.FoundById]));

    private static LostItemView View(HttpContext http, VenueNow at, LostItem i, Dictionary<Guid, string> badges)
    {
        // The claimant's phone: in full for who sees guests' phones at the desk (SeeBookingPhones), masked for the rest of the staff.
        var phone = i.ClaimantPhone.Length == 0 || http.User.Can(Capability.SeeBookingPhones) ? i.ClaimantPhone : Phones.Mask(i.ClaimantPhone);
        return new LostItemView(i.Id, i.RoomNumber, i.Description, i.Storage, i.Status, i.KeepUntil, badges.GetValueOrDefault(i.FoundById), at.Local(i.FoundAt),
            i.ClaimantName, phone, i.Note, i.ClosedById is { } c ? badges.GetValueOrDefault(c) : null, at.Local(i.ClosedAt),
            i.Status == "kept" && at.Today > i.KeepUntil);
    }
}
