using Encore.Web.Customers;

namespace Encore.Web.Watch;

/// <summary>A customer manager who logged fewer contacts than the daily minimum on the business day.</summary>
public sealed record ContactShortfall(string Badge, string Name, string Department, int Contacts);

/// <summary>A customer manager below the month's new-customer quota: <paramref name="Filed"/> so far this month.</summary>
public sealed record QuotaShortfall(string Badge, string Name, string Department, int Filed);

/// <summary>
/// The month's new-customer quota as seen on the business day: <paramref name="Checked"/> from
/// <paramref name="CheckedFrom"/> on (before it, <paramref name="Below"/> is empty), due by the end of
/// <paramref name="DueBy"/>; <paramref name="PastDue"/> once that day is over.
/// </summary>
public sealed record NewCustomerWatch(bool Checked, DateOnly CheckedFrom, DateOnly DueBy, bool PastDue, int Quota, IReadOnlyList<QuotaShortfall> Below);

/// <summary>GET /api/oversight/contacts: one business day's watch, weakest first.</summary>
public sealed record ContactWatch(DateOnly BusinessDay, int ContactsPerDayMin, IReadOnlyList<ContactShortfall> UnderContacts, NewCustomerWatch NewCustomers);

/// <summary>Bookings of one room type (null: any room) on a forecast day.</summary>
public sealed record RoomTypeForecast(RoomType? RoomType, int Bookings, int Guests);

/// <summary>VIP arrivals of a forecast day by tier (the customers' levels as the nightly VIP pass set them).</summary>
public sealed record VipTiers(int Diamond, int Gold, int Silver);

public sealed record ForecastDay(DateOnly BusinessDay, int Bookings, int Guests, VipTiers VipArrivals, IReadOnlyList<RoomTypeForecast> ByRoomType);

/// <summary>One VIP's booking in the forecast (no phone: the list is for planning the floor, not for calling).</summary>
public sealed record ForecastVip(Guid BookingId, DateOnly BusinessDay, DateTimeOffset Arrival, string CustomerName, string VipLevel,
    int PartySize, RoomType? RoomType, BookingStatus Status, string? BookerBadge);

/// <summary>GET /api/forecast: the seven business days from <paramref name="From"/> to <paramref name="To"/>, each listed even when empty.</summary>
public sealed record Forecast(DateOnly From, DateOnly To, IReadOnlyList<ForecastDay> Days, IReadOnlyList<ForecastVip> Vips);

/// <summary>
/// The floor watch (contacts and new customers, SPEC.md "Customer files and return visits", rules in
/// <see cref="FloorWatch"/>) and the week's forecast, for the API and the /oversight page alike.
/// </summary>
public static class WatchApi
{
    /// <summary>The forecast's span: tonight and the six business days after it.</summary>
    public const int ForecastDays = 7;

    private static readonly string[] Tiers = ["diamond", "gold", "silver"];

    public static void MapWatchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/oversight/contacts", async (HttpContext http, EncoreDb db, string? businessDay) =>
            {
                var at = await http.Caller().NowAsync();
                if (at.ParseDay("businessDay", businessDay, out var day) is { } refused) return refused;
                return Results.Ok(await ContactWatchAsync(db, http.Caller(), at, day));
            })
            .WithTags("Oversight").Requires(Capability.WatchContacts).Answers<ContactWatch>().WithName("WatchContacts");
        app.MapGet("/api/forecast", async (HttpContext http, EncoreDb db, string? from) =>
            {
                var at = await http.Caller().NowAsync();
                if (at.ParseDay("from", from, out var first) is { } refused) return refused;
                return Results.Ok(await ForecastAsync(db, at, first));
            })
            .WithTags("Oversight").Requires(Capability.SeeForecast).Answers<Forecast>().WithName("Forecast");
    }

    /// <summary>
    /// The customer managers of the caller's watch (every one for the floor and the GM; a department head's own
    /// department) under the contact minimum on <paramref name="day"/>, and, from the house-rule check day, under the
    /// month's new-customer quota as it stood at the end of that business day. Rules: the ones in force now.
    /// </summary>
    public static async Task<ContactWatch> ContactWatchAsync(EncoreDb db, Caller caller, VenueNow at, DateOnly day)
    {
        var end = BusinessDay.End(day, at.Zone, at.Cutoff);
        var managers = await (from u in db.Users join ur in db.UserRoles on u.Id equals ur.UserId join r in db.Roles on ur.RoleId equals r.Id
                              where u.VenueId == at.VenueId && u.IsActive && r.Name == Roles.Manager && u.CreatedAt < end
                              select new { u.Id, Badge = u.UserName!, u.Name, u.Department }).ToListAsync();
        var myDepartment = await db.Users.Where(u => u.Id == caller.StaffId).Select(u => u.Department).SingleOrDefaultAsync() ?? "";
        managers = managers.Where(m => Oversight.Oversees(caller.Roles, myDepartment, [Roles.Manager], m.Department))
            .OrderBy(m => m.Badge, StringComparer.Ordinal).ToList();

        var contacts = await db.CustomerContacts.Where(c => c.VenueId == at.VenueId && c.BusinessDay == day)
            .GroupBy(c => c.StaffId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var under = managers.Select(m => new ContactShortfall(m.Badge, m.Name, m.Department, contacts.GetValueOrDefault(m.Id)))
            .Where(s => FloorWatch.UnderContacts(s.Contacts, at.Rules)).OrderBy(s => s.Contacts).ToList();

        var watched = FloorWatch.NewCustomersWatched(day, at.Rules);
        var below = new List<QuotaShortfall>();
        if (watched)
        {
            var monthStart = BusinessDay.Start(new DateOnly(day.Year, day.Month, 1), at.Zone, at.Cutoff);
            var filed = await CustomerFiles.NewPerOwnerAsync(db, at.VenueId, monthStart, end);
            below = managers.Select(m => new QuotaShortfall(m.Badge, m.Name, m.Department, filed.GetValueOrDefault(m.Id)))
                .Where(s => FloorWatch.BelowQuota(s.Filed, at.Rules)).OrderBy(s => s.Filed).ToList();
        }
        var dueBy = FloorWatch.DueBy(day, at.Rules);
        return new ContactWatch(day, at.Rules.Customers.ContactsPerDayMin, under,
            new NewCustomerWatch(watched, FloorWatch.WatchedFrom(day, at.Rules), dueBy, day > dueBy, at.Rules.Performance.NewCustomersPerMonth, below));
    }

    /// <summary>
    /// The bookings of the <see cref="ForecastDays"/> business days from <paramref name="first"/>, cancelled ones left
    /// out (a lapsed one stays: its guest may still come late), counted per day and room type, with the VIPs among them.
    /// </summary>
    public static async Task<Forecast> ForecastAsync(EncoreDb db, VenueNow at, DateOnly first)
    {
        var to = first.AddDays(ForecastDays - 1);
        var rows = await (from b in db.Bookings
                          join c in db.Customers on b.CustomerId equals c.Id into customers
                          from c in customers.DefaultIfEmpty()
                          join u in db.Users on b.BookerId equals u.Id
                          where b.VenueId == at.VenueId && b.BusinessDay >= first && b.BusinessDay <= to && b.Status != BookingStatus.Cancelled
                          select new { b.Id, b.BusinessDay, b.Arrival, b.CustomerName, b.PartySize, b.RoomType, b.Status, Vip = c == null ? "" : c.VipLevel, Booker = u.UserName })
            .ToListAsync();
        var days = Enumerable.Range(0, ForecastDays).Select(i => first.AddDays(i)).Select(day =>
        {
            var of = rows.Where(r => r.BusinessDay == day).ToList();
            int Tier(string tier) => of.Count(r => r.Vip == tier);
            return new ForecastDay(day, of.Count, of.Sum(r => r.PartySize), new VipTiers(Tier("diamond"), Tier("gold"), Tier("silver")),
                of.GroupBy(r => r.RoomType).OrderBy(g => g.Key is null).ThenBy(g => g.Key)
                    .Select(g => new RoomTypeForecast(g.Key, g.Count(), g.Sum(r => r.PartySize))).ToList());
        }).ToList();
        var vips = rows.Where(r => Tiers.Contains(r.Vip))
            .OrderBy(r => r.Arrival).ThenBy(r => Array.IndexOf(Tiers, r.Vip))
            .Select(r => new ForecastVip(r.Id, r.BusinessDay, at.Local(r.Arrival), r.CustomerName, r.Vip, r.PartySize, r.RoomType, r.Status, r.Booker))
            .ToList();
        return new Forecast(first, to, days, vips);
    }
}
