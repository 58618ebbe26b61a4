using Encore.Web.Customers;
using Encore.Web.Discipline;

namespace Encore.Web.Diary;

/// <summary>
/// The demo venue's diaries over its 30 nights: each manager's diary of each night on duty, submitted after closing
/// with customers' feedback and now and then a special event, except for two runs of empty nights — m03's three in a
/// row (charged one proposed emptyDiary fine, as the sweeper would) and m07's two (no fine: the third night was
/// written) — and last night's of m02 and m09, not written yet. The department heads commented on a few; last week's
/// reports of 营销一部 are submitted, one commented. Demo diaries carry no frozen snapshot: they read the night live,
/// which is the same thing while nobody corrects a demo bill.
/// </summary>
public sealed class DiaryDemo : IFeatureData
{
    public int Order => 80;

    private static readonly string[] Feedback =
    [
        "王总说新换的音响效果好，下周还带客户来",
        "李姐反映果盘分量少了，已向吧台反映",
        "张先生希望预订时能指定同一间房",
        "客人夸服务员上酒及时",
        "陈总对包房温度不满意，已请工程部调整",
        "赵女士生日聚会很满意，约了月底再来",
        "客人建议增加无糖饮料",
    ];

    private static readonly string[] Events =
    [
        "22:40 隔壁房客人喝多争吵，保安已处理，未影响我的客人",
        "点歌系统 23:10 死机约 5 分钟，已致歉",
        "客人遗失手机，已交前台登记",
    ];

    public async Task AddDemoAsync(DemoVenue demo)
    {
        var db = demo.Db;
        var venue = demo.Venue.Id;
        var at = VenueNow.At(venue, demo.Now, Domain.HouseRules.Defaults);
        var random = demo.Random;
        var managers = await db.Users.Where(u => u.VenueId == venue && u.UserName!.StartsWith("m") && u.UserName.Length == 3).ToDictionaryAsync(u => u.UserName!);
        var heads = await db.Users.Where(u => u.VenueId == venue && (u.UserName == "dh01" || u.UserName == "dh02")).ToListAsync();
        var ids = managers.Values.Select(m => m.Id).ToList();
        var nights = await db.AttendanceDays.Where(d => ids.Contains(d.StaffId) && d.SignedInAt != null && d.BusinessDay < at.Today)
            .Select(d => new { d.StaffId, d.BusinessDay }).ToListAsync();
        var firstNight = nights.Count == 0 ? at.Today : nights.Min(n => n.BusinessDay);
        db.DiaryRuleStarts.Add(new DiaryRuleStart { VenueId = venue, FirstNight = firstNight });

        // The empty runs: the nights on duty of m03 and m07 a week back (three and two in a row).
        List<DateOnly> Owed(string badge) => managers.TryGetValue(badge, out var m)
            ? nights.Where(n => n.StaffId == m.Id).Select(n => n.BusinessDay).Order().ToList() : [];
        var empty = new HashSet<(Guid, DateOnly)>();
        void Run(string badge, int nightsLong)
        {
            var owed = Owed(badge).Where(d => d <= at.Today.AddDays(-7)).TakeLast(nightsLong).ToList();
            foreach (var d in owed) empty.Add((managers[badge].Id, d));
        }
        Run("m03", 3);
        Run("m07", 2);
        foreach (var badge in new[] { "m02", "m09" })
            if (managers.TryGetValue(badge, out var m)) empty.Add((m.Id, at.Today.AddDays(-1)));

        var entries = new List<DiaryEntry>();
        foreach (var night in nights.Where(n => !empty.Contains((n.StaffId, n.BusinessDay))))
        {
            var submittedAt = AttendancePolicy.Closing(night.BusinessDay, at.Rules).AddMinutes(10 + random.Next(80));
            if (submittedAt > at.Now) continue; // last night's, before its writer got to it
            var entry = new DiaryEntry
            {
                VenueId = venue, StaffId = night.StaffId, BusinessDay = night.BusinessDay,
                Feedback = Feedback[random.Next(Feedback.Length)], Events = random.Next(6) == 0 ? Events[random.Next(Events.Length)] : "",
                SubmittedAt = submittedAt, UpdatedAt = submittedAt,
            };
            entries.Add(entry);
        }
        db.DiaryEntries.AddRange(entries);

        // A head's comments on a few of their department's diaries.
        foreach (var head in heads)
        {
            var team = managers.Values.Where(m => m.Department == head.Department).Select(m => m.Id).ToHashSet();
            foreach (var entry in entries.Where(e => team.Contains(e.StaffId)).OrderByDescending(e => e.BusinessDay).Take(4))
                db.DiaryComments.Add(new DiaryComment { VenueId = venue, DiaryEntryId = entry.Id, AuthorId = head.Id, Text = "客户反馈已收到，跟进后告诉我结果", At = entry.SubmittedAt!.Value.AddHours(10) });
        }

        // m03's run, charged once as the sweeper would.
        if (managers.TryGetValue("m03", out var m03))
        {
            var run = empty.Where(e => e.Item1 == m03.Id).Select(e => e.Item2).Order().ToList();
            if (run.Count == at.Rules.Fines.EmptyDiaryDays)
                await Fines.RaiseAsync(db, Fines.Incident.BySystem(venue, m03.Id, SystemViolation.EmptyDiary.Code(), at.Rules.Fines.EmptyDiaryFine, run[^1],
                    DiaryPolicy.DueAt(run[^1], at.Rules), PhoneText.Say("fines.evidence.emptyDiary", Ranges.DayText(run[0]), Ranges.DayText(run[^1]), run.Count)), at.Rules);
        }

        // Last week's reports of 营销一部, submitted; the head commented on one.
        var lastMonday = at.Today.AddDays(-(((int)at.Today.DayOfWeek + 6) % 7) - 7);
        var head1 = heads.FirstOrDefault(h => h.UserName == "dh01");
        foreach (var m in managers.Values.Where(m => head1 is not null && m.Department == head1.Department).OrderBy(m => m.UserName))
        {
            var submittedAt = BusinessDay.At(lastMonday.AddDays(7), new TimeOnly(17, 0), at.Zone, at.Cutoff);
            if (submittedAt > at.Now) continue;
            var report = new WorkReport
            {
                VenueId = venue, StaffId = m.Id, Period = ReportPeriod.Week, PeriodStart = lastMonday, SubmittedAt = submittedAt, UpdatedAt = submittedAt,
                Summary = "本周老客户回头率稳定，新开发两位企业客户；周五生日宴订房较多。", Plan = "下周重点回访 VIP 客户，争取完成月度新客户指标。",
            };
            db.WorkReports.Add(report);
            if (m.UserName == "m01")
                db.DiaryComments.Add(new DiaryComment { VenueId = venue, WorkReportId = report.Id, AuthorId = head1!.Id, Text = "企业客户要尽快建档，下周例会说一下进展", At = submittedAt.AddHours(2) });
        }
    }
}
