using Encore.Web.Bookings;

namespace Encore.Web.Customers;

public sealed record ReturnVisitInput(string? Channel, string? Outcome, int? Satisfaction);

public sealed record ContactInput(string? Channel, string? Outcome);

/// <summary>
/// Return visits (回访) due, overdue and done, logged with outcome and satisfaction (1–5); and the daily contact
/// log against the house rule's 5–10 a day. A manager sees their own; the floor and the GM everyone's.
/// </summary>
public static class ReturnVisitsApi
{
    private static readonly string[] Channels = ["call", "wechat", "visit", "sms"];

    public static void MapReturnVisitsApi(this IEndpointRouteBuilder app)
    {
        var visits = app.MapGroup("/api/return-visits").WithTags("Customers").RequireAuthorization();
        visits.MapGet("/", async (HttpContext http, EncoreDb db, string? status) =>
            {
                var at = await http.Caller().NowAsync();
                var user = http.User;
                var query = db.ReturnVisits.Where(r => r.VenueId == at.VenueId);
                if (!user.Can(Capability.ManageAllCustomers)) { var me = user.StaffId(); query = query.Where(r => r.OwnerId == me); }
                query = status switch
                {
                    "due" => query.Where(r => r.DoneAt == null && r.DueDay <= at.Today),
                    "overdue" => query.Where(r => r.DoneAt == null && r.DueDay < at.Today),
                    "done" => query.Where(r => r.DoneAt != null),
                    null or "" => query,
                    _ => null!,
                };
                if (query is null) return Problems.Validation("status", "oneOf", "due|overdue|done");
                var rows = await (from r in query join c in db.Customers on r.CustomerId equals c.Id join u in db.Users on r.OwnerId equals u.Id
                                  orderby r.DueDay, c.Name
                                  select new { r.Id, customerId = c.Id, customerName = c.Name, ownerBadge = u.UserName, r.Reason, r.DueDay, r.DoneAt, r.Channel, r.Outcome, r.Satisfaction, customerOwnerId = c.OwnerId, phone = c.Phone })
                    .Take(500).ToListAsync();
                return Results.Ok(rows.Select(r => new ReturnVisitView(r.Id, r.customerId, r.customerName, r.ownerBadge, r.Reason, r.DueDay, at.Local(r.DoneAt),
                    r.Channel, r.Outcome, r.Satisfaction, r.DoneAt == null && r.DueDay < at.Today,
                    // The customer's owner now calls the customer: they see the number; the floor sees it masked here, and
                    // so does whoever did a visit before the file was handed over (masking follows the current owner).
                    r.customerOwnerId == user.StaffId() ? r.phone : CustomerRules.Mask(r.phone))).ToList());
            })
            .Answers<List<ReturnVisitView>>()
            .WithName("ListReturnVisits");
        visits.MapPost("/{id:guid}", async (Guid id, ReturnVisitInput input, HttpContext http, EncoreDb db) =>
            {
                var v = new Validator().OneOf("channel", input.Channel, Channels).Text("outcome", input.Outcome, 500).Range("satisfaction", input.Satisfaction, 1, 5);
                if (!v.Ok) return v.ToResult();
                var at = await http.Caller().NowAsync();
                // Only the customer's current owner logs it (a handover moves the open visits; one missed still stays refused).
                var me = http.User.StaffId();
                var visit = await db.ReturnVisits.SingleOrDefaultAsync(r => r.Id == id && r.VenueId == at.VenueId && r.OwnerId == me
                    && db.Customers.Any(c => c.Id == r.CustomerId && c.OwnerId == me));
                if (visit is null) return Problems.Rule(404, "returnVisit.notFound");
                if (visit.DoneAt is not null) return Problems.Rule(409, "returnVisit.done");
                AuditScope.Name(http, "returnVisit.log");
                visit.DoneAt = at.Now;
                visit.Channel = input.Channel!;
                visit.Outcome = input.Outcome!.Trim();
                visit.Satisfaction = input.Satisfaction;
                await db.SaveChangesAsync();
                return Results.Ok(new ReturnVisitLogged(visit.Id, at.Local(at.Now), visit.Satisfaction));
            })
            .Answers<ReturnVisitLogged>()
            .WithName("LogReturnVisit");

        app.MapPost("/api/customers/{id:guid}/contacts", async (Guid id, ContactInput input, HttpContext http, EncoreDb db) =>
            {
                var v = new Validator().OneOf("channel", input.Channel, Channels).Text("outcome", input.Outcome, 500, required: false);
                if (!v.Ok) return v.ToResult();
                var at = await http.Caller().NowAsync();
                var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id && c.VenueId == at.VenueId);
                if (customer is null) return Problems.Rule(404, "customer.notFound");
                if (!await CustomerRules.MayBookAsync(db, customer, http.User.StaffId()))
                    return Problems.Rule(403, "customer.notYours", await db.Users.Where(u => u.Id == customer.OwnerId).Select(u => u.UserName + " " + u.Name).SingleAsync());
                AuditScope.Name(http, "customer.contact");
                db.CustomerContacts.Add(new CustomerContact { VenueId = at.VenueId, CustomerId = id, StaffId = http.User.StaffId(), BusinessDay = at.Today, At = at.Now, Channel = input.Channel!, Outcome = input.Outcome?.Trim() ?? "" });
                await db.SaveChangesAsync();
                var today = await db.CustomerContacts.CountAsync(c => c.StaffId == http.User.StaffId() && c.BusinessDay == at.Today);
                return Results.Ok(new ContactCount(today, at.Rules.Customers.ContactsPerDayMin, at.Rules.Customers.ContactsPerDayMax));
            })
            .WithTags("Customers").RequireAuthorization().Answers<ContactCount>().WithName("LogCustomerContact");
    }
}
