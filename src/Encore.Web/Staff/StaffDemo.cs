using Microsoft.AspNetCore.Identity;

namespace Encore.Web.Staff;

/// <summary>The demo venue's staff: a GM, a floor manager, two department heads, 12 managers, the host desk and a cashier.</summary>
public sealed class StaffDemo(Microsoft.Extensions.Options.IOptions<PasswordHasherOptions> hashing) : IFeatureData
{
    public const string Password = "encore123";

    public int Order => 10;

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

    /// <summary>The second demo venue's people, in <see cref="Staff"/>'s order: the same badges (badges are unique within a venue), other names.</summary>
    private static readonly string[] BranchNames =
    [
        "赵总", "钱经理", "孙部长", "周部长",
        "陈思琪", "林浩然", "杨雨桐", "吴俊杰", "郑晓雯", "王诗涵", "冯子轩", "蒋欣怡", "韩梦洁", "曹雅婷", "彭嘉怡", "许文博",
        "沈咨客", "朱咨客", "秦咨客", "尤收银",
    ];

    public static IEnumerable<string> LoginLines =>
    [
        $"  Demo logins at venue \"{Data.Startup.FirstVenueCode}\" and at venue \"{Data.DemoSeed.BranchCode}\" (password for all: " + Password + "):",
        "    gm01 general manager · fm01 floor manager · dh01, dh02 department heads",
        "    m01–m12 customer managers · h01 host supervisor · h02, h03 host desk · c01 cashier",
    ];

    /// <summary>The demo's managers, in badge order, for the steps after this one.</summary>
    public sealed record Managers(IReadOnlyList<StaffMember> List);

    public Task AddDemoAsync(DemoVenue demo)
    {
        var db = demo.Db;
        var roles = db.Roles.ToDictionary(r => r.Name!, r => r.Id);
        // One hash for the shared demo password: hashing it 20 times would only slow the first start.
        // Hashed as Identity hashes every password here (its options, e.g. the PBKDF2 iteration count).
        var hash = new PasswordHasher<StaffMember>(hashing).HashPassword(null!, Password);
        var managers = new List<StaffMember>();
        // The venue's department list (the GM keeps it on /staff): every department the demo's people work in.
        var departments = Staff.Select(s => s.Department).Distinct()
            .Select(department => new Department { VenueId = demo.Venue.Id, Name = department, CreatedAt = demo.Now }).ToList();
        db.Set<Department>().AddRange(departments);
        foreach (var ((badge, firstName, staffRoles, department), index) in Staff.Select((s, i) => (s, i)))
        {
            var name = demo.Ordinal == 0 ? firstName : BranchNames[index];
            var member = new StaffMember
            {
                UserName = badge,
                NormalizedUserName = badge.ToUpperInvariant(),
                Name = name,
                Department = department,
                VenueId = demo.Venue.Id,
                PasswordHash = hash,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
                CreatedAt = demo.Now,
            };
            db.Users.Add(member);
            foreach (var role in staffRoles)
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = member.Id, RoleId = roles[role] });
            if (staffRoles.Contains(Roles.Manager)) managers.Add(member);
        }
        // The demo's one floor manager is responsible for every department (shared fines, leave approval).
        var floorManager = db.Users.Local.Single(u => u.UserName == "fm01");
        foreach (var department in departments) department.FloorManagerId = floorManager.Id;
        demo.Share(new Managers(managers));
        return Task.CompletedTask;
    }
}
