namespace Encore.Web.Rankings;

/// <summary>
/// The demo venue's commendations (表扬): a dozen over this month and the two before, by the floor manager and the
/// department heads for their own teams, one withdrawn, so the rankings page shows points moved by praise as well as by
/// complaints and fines. Its own seeded random: the steps before it keep their sequence whatever is added here.
/// </summary>
public sealed class RankingsDemo : IFeatureData
{
    public int Order => 100;

    private static readonly string[] Reasons =
    [
        "主动帮助新同事接待生日包场，客人当场表扬",
        "连续一周零投诉，回访记录完整",
        "雨夜主动安排客人打车回家",
        "拾到客人手机及时交前台登记并联系失主",
        "协助处理 VIP 房设备故障，客人满意",
        "带新人熟悉订房流程，耐心细致",
    ];

    public async Task AddDemoAsync(DemoVenue demo)
    {
        var db = demo.Db;
        var random = new Random(20261201);
        var at = VenueNow.At(demo.Venue.Id, demo.Now, Domain.HouseRules.Defaults);
        var staff = await db.Users.Where(u => u.VenueId == demo.Venue.Id).Select(u => new { u.Id, Badge = u.UserName!, u.Department }).ToListAsync();
        var floor = staff.Single(s => s.Badge == "fm01");
        var managers = staff.Where(s => s.Badge.StartsWith('m') && s.Badge.Length == 3).OrderBy(s => s.Badge, StringComparer.Ordinal).ToList();
        var heads = staff.Where(s => s.Badge.StartsWith("dh", StringComparison.Ordinal)).ToList();
        var firstOfMonth = new DateOnly(at.Today.Year, at.Today.Month, 1);
        for (var i = 0; i < 12; i++)
        {
            var person = managers[random.Next(managers.Count)];
            var month = firstOfMonth.AddMonths(-(i % 3));
            var lastDay = month == firstOfMonth ? at.Today.AddDays(-1) : month.AddMonths(1).AddDays(-1);
            if (lastDay < month) continue;
            var day = month.AddDays(random.Next(lastDay.DayNumber - month.DayNumber + 1));
            var head = heads.FirstOrDefault(h => h.Department == person.Department);
            var giver = i % 2 == 0 || head is null ? floor : head;
            var given = BusinessDay.At(day, new TimeOnly(23, 30), at.Zone, at.Cutoff);
            var commendation = new Commendation
            {
                VenueId = demo.Venue.Id, StaffId = person.Id, BusinessDay = day, Reason = Reasons[random.Next(Reasons.Length)], GivenById = giver.Id, GivenAt = given,
            };
            if (i == 7)
            {
                commendation.WithdrawnAt = given.AddHours(12);
                commendation.WithdrawnById = floor.Id;
                commendation.WithdrawReason = "记错了人，已另行表扬";
            }
            db.Set<Commendation>().Add(commendation);
        }
    }
}
