using Encore.Web.Customers;

namespace Encore.Web.GuestService;

/// <summary>
/// SPEC.md "Privacy": at a guest's request the GM erases their personal data from the customer file — the name
/// becomes a placeholder; phone, birthday, notes, company, title, preferences, tags, credit notes and the pinyin are
/// cleared, and so are the name and phone copied onto the guest's bookings — while bookings, bills, fines, stored
/// drinks and every statistic keep their rows and numbers. Once erased, a file cannot be erased again (409).
/// </summary>
public static class CustomerErasure
{
    /// <summary>The name an erased file shows: stored in the venue's language (Chinese), as every name is.</summary>
    public const string Placeholder = "已注销客户";

    /// <summary>What is cleared, by field name: the audit entry lists these names, never their values.</summary>
    public static readonly IReadOnlyList<string> Cleared =
        ["name", "phone", "birthday", "notes", "company", "title", "preferences", "tags", "creditFlags", "pinyin", "exclusiveManager", "bookings.customerName", "bookings.customerPhone"];

    /// <summary>
    /// The unique phone index (VenueId, Phone) still holds: the placeholder is made from the file's own id, so no two
    /// files share one, and it is never a phone anyone can file (a phone is at most 16 digits and a +).
    /// </summary>
    public static string PhonePlaceholder(Guid id) => "erased:" + id.ToString("N");

    public static void MapCustomerErasure(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/customers/{id:guid}/erase", EraseAsync).WithTags("Customers").RequireAuthorization()
            .Requires(Capability.EraseCustomers).Answers<CustomerErased>().WithName("EraseCustomer");

    private static async Task<IResult> EraseAsync(Guid id, EraseInput input, HttpContext http, EncoreDb db, AuditLog audit, Board.BoardNotifier board)
    {
        var v = new Validator().Text("reason", input.Reason, 200);
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id && c.VenueId == at.VenueId);
        if (customer is null) return Problems.Rule(404, "customer.notFound");
        if (Encore.Web.Customers.CustomerRules.RefuseIfErased(customer, at) is { } erased) return erased;
        var bookings = await db.Bookings.Where(b => b.CustomerId == id).ToListAsync();
        // A complaint about the customer keeps the guest's name and phone as taken (the desk's form, the guest's link).
        var complaints = await db.Complaints.Where(c => c.CustomerId == id).ToListAsync();
        // The audit interceptor writes every changed property's value before and after (Audit/AuditInterceptor.cs):
        // for this change, the "before" is exactly the personal data being erased, and an append-only audit log would
        // keep it for ever. So the rows are saved with the interceptor suppressed, and one entry is written by hand
        // below naming only which fields were cleared, the reason and the counts — never a value that was erased.
        using (AuditScope.Suppress())
        {
            customer.Name = Placeholder;
            customer.Phone = PhonePlaceholder(customer.Id);
            customer.Birthday = null;
            customer.Notes = customer.Company = customer.Title = customer.Preferences = customer.Tags = customer.CreditFlags = "";
            customer.Pinyin = customer.Initials = "";
            customer.ExclusiveManagerId = null;
            customer.ErasedAt = at.Now;
            foreach (var booking in bookings)
            {
                booking.CustomerName = Placeholder;
                booking.CustomerPhone = "";
                booking.Version++;
            }
            foreach (var complaint in complaints)
            {
                complaint.GuestName = Placeholder;
                complaint.GuestPhone = "";
                complaint.Version++;
            }
            // Open return visits would have the manager call a guest who asked to be forgotten; done ones stay (satisfaction figures).
            db.ReturnVisits.RemoveRange(await db.ReturnVisits.Where(r => r.CustomerId == id && r.DoneAt == null).ToListAsync());
            await db.SaveChangesAsync();
        }
        await audit.WriteAsync(http.User, "customer.erase", nameof(Customer), customer.Id.ToString(), null,
            new { reason = input.Reason!.Trim(), cleared = Cleared, bookings = bookings.Count });
        board.CustomersChanged(at.VenueId, [customer.OwnerId]);
        return Results.Ok(new CustomerErased(customer.Id, customer.Name, at.Local(at.Now), Cleared, bookings.Count));
    }
}
