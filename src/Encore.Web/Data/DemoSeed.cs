using Encore.Domain;
using Encore.Web.Audit;
using Encore.Web.Platform;
using Microsoft.AspNetCore.Identity;

namespace Encore.Web.Data;

/// <summary>
/// The demo venue (ENCORE_DEMO=1): 70 rooms of every type, a full staff and 300 customers, so that every
/// screen has something real to show. Each later feature adds its own 30 days of history here.
/// Deterministic (fixed random seed) so screenshots and demos look the same on every machine.
/// </summary>
public static class DemoSeed
{
    public const string VenueName = "星光 KTV（演示店）";
    public const string Password = "encore123";

    // Declared before Staff, which reads it during static initialization.
    private static readonly string[] ManagerNames =
        ["林晓燕", "黄丽娜", "吴佳怡", "徐梦婷", "孙雅琪", "马小龙", "胡静", "郭欣然", "何美玲", "高子涵", "罗婷婷", "梁思雨"];

    public static readonly IReadOnlyList<(string Badge, string Name, string[] Roles, string Department)> Staff =
    [
        ("gm01", "王总", [Roles.Gm], "总经办"),
        ("fm01", "李经理", [Roles.FloorManager], "营业部"),
        ("dh01", "张部长", [Roles.DepartmentHead], "营销一部"),
        ("dh02", "刘部长", [Roles.DepartmentHead], "营销二部"),
        .. Enumerable.Range(1, 12).Select(i => ($"m{i:00}", ManagerNames[i - 1], new[] { Roles.Manager }, i <= 6 ? "营销一部" : "营销二部")),
        ("h01", "陈咨客", [Roles.Host, Roles.HostSupervisor], "咨客部"),
        ("h02", "杨咨客", [Roles.Host], "咨客部"),
        ("h03", "赵咨客", [Roles.Host], "咨客部"),
        ("c01", "周收银", [Roles.Cashier], "收银部"),
    ];

    public static IEnumerable<string> LoginLines =>
    [
        "  Demo logins (password for all: " + Password + "):",
        "    gm01 general manager · fm01 floor manager · dh01, dh02 department heads",
        "    m01–m12 customer managers · h01 host supervisor · h02, h03 host desk · c01 cashier",
    ];

    public static async Task SeedAsync(EncoreDb db, Venue venue, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var random = new Random(20261122);
        using (AuditScope.Suppress())
        {
            var rooms = Rooms(venue.Id, now).ToList();
            db.Rooms.AddRange(rooms);

            var roles = db.Roles.ToDictionary(r => r.Name!, r => r.Id);
            // One hash for the shared demo password: hashing it 20 times would only slow the first start.
            var hash = new PasswordHasher<StaffMember>().HashPassword(null!, Password);
            var managers = new List<StaffMember>();
            foreach (var (badge, name, staffRoles, department) in Staff)
            {
                var member = new StaffMember
                {
                    UserName = badge,
                    NormalizedUserName = badge.ToUpperInvariant(),
                    Name = name,
                    Department = department,
                    VenueId = venue.Id,
                    PasswordHash = hash,
                    SecurityStamp = Guid.NewGuid().ToString("N"),
                    ConcurrencyStamp = Guid.NewGuid().ToString(),
                    LockoutEnabled = true,
                    CreatedAt = now,
                };
                db.Users.Add(member);
                foreach (var role in staffRoles)
                    db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = member.Id, RoleId = roles[role] });
                if (staffRoles.Contains(Roles.Manager)) managers.Add(member);
            }
            db.CatalogueItems.AddRange(
                new[] { ("果盘", "水果", 88m), ("小吃拼盘", "小吃", 58m), ("爆米花", "小吃", 28m), ("门票", "门票", 100m), ("啤酒一打", "酒水", 360m), ("红酒", "酒水", 680m) }
                    .Select(c => new CatalogueItem { VenueId = venue.Id, Name = c.Item1, Category = c.Item2, Price = c.Item3 }));
            var customers = Customers(venue.Id, managers, now, random).ToList();
            customers.ForEach(Encore.Web.Customers.CustomerRules.Index);
            db.Customers.AddRange(customers);
            await db.SaveChangesAsync();
            var host = db.Users.Local.Single(u => u.UserName == "h02");
            Bookings.DemoBookings.Add(db, venue.Id, rooms, managers, customers, host, now, random);
            await db.SaveChangesAsync();
        }
        var bookings = db.ChangeTracker.Entries<Booking>().Count();
        // Thousands of seeded rows need not stay tracked (and in memory) for the summary entry below.
        db.ChangeTracker.Clear();
        using (AuditScope.Begin(AuditActor.System, "demo.seed"))
        {
            db.AuditEntries.Add(new AuditEntry
            {
                VenueId = venue.Id,
                At = now,
                ActorBadge = "system",
                Action = "demo.seed",
                EntityType = nameof(Venue),
                EntityId = venue.Id.ToString(),
                After = $"{{\"rooms\":70,\"staff\":{Staff.Count},\"customers\":300,\"bookings\":{bookings}}}",
            });
            await db.SaveChangesAsync();
        }
    }

    private static IEnumerable<Room> Rooms(Guid venueId, DateTimeOffset now)
    {
        // Floor 1: 20 small, floor 2: 20 medium, floor 3: 15 large, floor 5: 10 VIP, floor 6: 5 party rooms.
        (RoomType Type, int Floor, int Count, int Capacity, decimal MinimumSpend)[] plan =
        [
            (RoomType.Small, 1, 20, 6, 600),
            (RoomType.Medium, 2, 20, 10, 1200),
            (RoomType.Large, 3, 15, 16, 2000),
            (RoomType.Vip, 5, 10, 20, 5000),
            (RoomType.Party, 6, 5, 40, 8000),
        ];
        foreach (var (type, floor, count, capacity, spend) in plan)
            for (var i = 1; i <= count; i++)
                yield return new Room
                {
                    VenueId = venueId,
                    Number = $"{floor}{i:00}",
                    Type = type,
                    Capacity = capacity,
                    MinimumSpend = spend,
                    Area = $"{floor}F",
                    CreatedAt = now,
                };
    }

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建国", "志强", "海燕", "晓东", "文博", "子轩", "浩然", "雨桐"];
    private static readonly string[] Companies = ["", "", "华润置地", "腾飞科技", "金鼎贸易", "远航物流", "恒信地产", "瑞丰投资", "新世纪传媒", "宏达建材", "东方医药", "盛世酒业"];
    private static readonly string[] Titles = ["", "总经理", "副总", "总监", "经理", "董事长", "主任"];

    private static IEnumerable<Customer> Customers(Guid venueId, List<StaffMember> managers, DateTimeOffset now, Random random)
    {
        var phones = new HashSet<string>();
        for (var i = 0; i < 300; i++)
        {
            string phone;
            do phone = $"1{random.Next(3, 10)}{random.Next(0, 10)}{random.Next(10_000_000, 100_000_000)}";
            while (!phones.Add(phone));
            var company = Companies[random.Next(Companies.Length)];
            yield return new Customer
            {
                VenueId = venueId,
                Name = Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)],
                Phone = phone,
                Company = company,
                Title = company.Length > 0 ? Titles[random.Next(Titles.Length)] : "",
                Birthday = random.Next(3) == 0 ? null : new DateOnly(random.Next(1965, 2001), random.Next(1, 13), random.Next(1, 29)),
                OwnerId = managers[i % managers.Count].Id,
                CreatedAt = now.AddDays(-random.Next(1, 720)),
            };
        }
    }
}
