using Encore.Web.Customers;
using Encore.Web.Rooms;

namespace Encore.Web.GuestService;

/// <summary>
/// The demo venue's register over its 30 nights: lost items kept (one past its keeping time), returned and disposed of;
/// valuables held tonight and returned; stored drinks, one bottle close to expiry (its reminder falls due at once).
/// </summary>
public sealed class GuestServiceDemo : IFeatureData
{
    public int Order => 60;

    public Task AddDemoAsync(DemoVenue demo)
    {
        var db = demo.Db;
        var venue = demo.Venue.Id;
        var at = VenueNow.At(venue, demo.Now, Domain.HouseRules.Defaults);
        var rules = at.Rules.GuestService;
        var rooms = demo.Shared<RoomsDemo.Added>().List;
        var host = db.Users.Local.Single(u => u.UserName == "h02");
        var floor = db.Users.Local.Single(u => u.UserName == "fm01");
        var customers = demo.Shared<CustomersDemo.Added>().List;
        DateTimeOffset Night(int daysAgo, int hour) => BusinessDay.At(at.Today.AddDays(-daysAgo), new TimeOnly(hour, 30), at.Zone, at.Cutoff);

        LostItem Lost(int daysAgo, int room, string description, string storage) => new()
        {
            VenueId = venue, RoomId = rooms[room].Id, RoomNumber = rooms[room].Number, Description = description, Storage = storage,
            FoundById = host.Id, FoundAt = Night(daysAgo, 23), KeepUntil = at.Today.AddDays(-daysAgo + rules.LostItemKeepDays),
        };
        var returned = Lost(9, 3, "黑色华为手机，蓝色手机壳", "前台抽屉 A");
        (returned.Status, returned.ClaimantName, returned.ClaimantPhone, returned.ClosedById, returned.ClosedAt) = ("returned", "陈先生", "13800138123", host.Id, Night(8, 21));
        var disposed = Lost(29, 7, "雨伞（透明）", "失物柜");
        (disposed.Status, disposed.Note, disposed.ClosedById, disposed.ClosedAt) = ("disposed", "超过保管期，无人认领，交保洁处理", floor.Id, Night(1, 20));
        disposed.KeepUntil = at.Today.AddDays(-1);
        var overdue = Lost(27, 5, "灰色羊毛围巾", "失物柜");
        overdue.KeepUntil = at.Today.AddDays(-1); // past its keeping time: the floor may dispose of it
        db.LostItems.AddRange(Lost(1, 2, "银色打火机", "前台抽屉 A"), Lost(2, 10, "黑色钱包（内有银行卡）", "保险柜"), returned, disposed, overdue);

        string Code() => new(Enumerable.Range(0, ValuablesApi.CodeLength).Select(_ => ValuablesApi.CodeAlphabet[demo.Random.Next(ValuablesApi.CodeAlphabet.Length)]).ToArray());
        db.Valuables.AddRange(
            new Valuable { VenueId = venue, GuestName = "刘女士", GuestPhone = "13912345678", Description = "金项链一条，手表一块", RoomNumber = rooms[4].Number, ReceiptCode = Code(), TakenById = host.Id, TakenAt = Night(1, 23) },
            new Valuable { VenueId = venue, GuestName = "王先生", GuestPhone = "13711112222", Description = "笔记本电脑（联想）", ReceiptCode = Code(), TakenById = host.Id, TakenAt = Night(3, 21), ReturnedById = host.Id, ReturnedAt = Night(3, 23) });

        StoredDrink Stored(Customer c, int daysAgo, string item, int quantity, int remaining) => new()
        {
            VenueId = venue, CustomerId = c.Id, OwnerId = c.OwnerId, Item = item, Quantity = quantity, Remaining = remaining,
            StoredById = host.Id, StoredAt = Night(daysAgo, 23), ExpiresOn = at.Today.AddDays(-daysAgo + rules.StoredDrinkDays),
        };
        var nearExpiry = Stored(customers[0], 0, "轩尼诗 VSOP", 2, 1);
        nearExpiry.ExpiresOn = at.Today.AddDays(5); // stored long before the demo's 30 nights: its reminder falls due at once
        nearExpiry.StoredAt = Night(29, 23);
        var withdrawn = Stored(customers[1], 20, "芝华士 12 年", 3, 1);
        db.StoredDrinks.AddRange(nearExpiry, withdrawn, Stored(customers[2], 6, "百威啤酒（箱）", 1, 1), Stored(customers[3], 2, "长城干红", 2, 2));
        db.StoredDrinkWithdrawals.Add(new StoredDrinkWithdrawal { VenueId = venue, StoredDrinkId = withdrawn.Id, Quantity = 2, Remaining = 1, ById = host.Id, At = Night(12, 22) });
        return Task.CompletedTask;
    }
}
