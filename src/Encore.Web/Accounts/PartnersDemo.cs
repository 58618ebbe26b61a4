namespace Encore.Web.Accounts;

/// <summary>
/// The demo's partners (issue 20): a hotel on the house rule's rate, a travel agency on a rate of its own and a driver,
/// each credited with some of the past month's completed private bookings (not an account's), at the rate recorded as if
/// named when booked, so /partners shows commissions for this month and last. Marks existing visits and changes no
/// spend: the frozen reports and everyone's performance stay as they were.
/// </summary>
public sealed class PartnersDemo : IFeatureData
{
    public int Order => 132;

    public async Task AddDemoAsync(DemoVenue demo)
    {
        var db = demo.Db;
        var venue = demo.Venue.Id;
        var at = VenueNow.At(venue, demo.Now, Domain.HouseRules.Defaults);
        var floor = await db.Users.Where(u => u.VenueId == venue && u.UserName == "fm01").Select(u => u.Id).SingleAsync();
        Partner New(string name, PartnerKind kind, decimal? rate, string contact, string phone, string note) => new()
        {
            VenueId = venue, Name = name, Kind = kind, CommissionRate = rate, ContactName = contact, Phone = phone, Note = note,
            CreatedById = floor, CreatedAt = at.Now.AddDays(-60),
        };
        Partner[] partners =
        [
            New("锦江之星（人民广场店）", PartnerKind.Hotel, null, "前台 周经理", "02163210001", "住客凭房卡到店，前台电话预订"),
            New("春秋旅行社", PartnerKind.TravelAgency, 0.08m, "计调 林小姐", "13800009001", "团队夜场，提前一天报人数"),
            New("出租车 沪A·T5566 王师傅", PartnerKind.Driver, null, "王师傅", "13900009002", ""),
        ];
        db.Partners.AddRange(partners);
        await db.SaveChangesAsync();

        // Every twelfth past completed private booking of the last 45 days, round the three partners (a few visits a week each).
        var since = at.Today.AddDays(-45);
        var bookings = await db.Bookings
            .Where(b => b.VenueId == venue && b.Status == BookingStatus.Completed && b.AccountId == null && b.BusinessDay >= since && b.BusinessDay < at.Today)
            .OrderBy(b => b.BusinessDay).ThenBy(b => b.CreatedAt).ToListAsync();
        for (var i = 0; i < bookings.Count; i += 12)
        {
            var partner = partners[i / 12 % partners.Length];
            bookings[i].PartnerId = partner.Id;
            bookings[i].PartnerRate = partner.CommissionRate ?? at.Rules.Accounts.PartnerCommissionRate;
        }
        await db.SaveChangesAsync();
    }
}
