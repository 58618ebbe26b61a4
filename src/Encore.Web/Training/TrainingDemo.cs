namespace Encore.Web.Training;

/// <summary>
/// The demo venue's training plan for the year: ten courses, six held over the last quarter (attendance ticked, test
/// scores entered, a few failed, one absent now and then) and four to come. The discount-authority course (折扣与赠送权限)
/// was held five weeks ago with a pass mark of 80: m03 and m09 failed it and m12 missed it, and its retake is planned
/// for next week. The house rule training.authorityNeedsCourse stays off in the demo (the SPEC default): switched on,
/// those three managers would need an approval for any discount, which the GM can try on the house-rules page.
/// </summary>
public sealed class TrainingDemo : IFeatureData
{
    /// <summary>After every other step (it reads the staff only); its own random, so the others see the same demo as without it.</summary>
    public int Order => 100;

    private sealed record Plan(int DaysFromToday, int Hour, string Title, string Content, string Method, string Trainer, string[] Audience, int PassMark,
        bool DiscountAuthority = false, int Duration = 60, string Location = "三楼培训室");

    public Task AddDemoAsync(DemoVenue demo)
    {
        var db = demo.Db;
        var venue = demo.Venue.Id;
        var at = VenueNow.At(venue, demo.Now, Domain.HouseRules.Defaults);
        var random = new Random(28);
        var staff = db.Users.Local.ToList();
        StaffMember Staff(string badge) => staff.Single(u => u.UserName == badge);
        var managers = Enumerable.Range(1, 12).Select(i => $"m{i:00}").ToArray();
        var hosts = staff.Where(u => u.UserName!.StartsWith('h') && u.UserName.Length == 3).Select(u => u.UserName!).Order(StringComparer.Ordinal).ToArray();
        string[] People(string[] audience) => audience.SelectMany(a => a switch
        {
            "role:manager" => managers,
            "role:host" => hosts,
            _ => [a],
        }).Distinct().ToArray();

        Plan[] plans =
        [
            new(-80, 15, "服务礼仪与包厢接待流程", "迎宾话术、引导入座、点单与果盘推荐、送客。", "课堂讲授 + 情景演练", "fm01", ["role:manager"], 60),
            new(-65, 15, "前台预订与到店核验", "预订规则、保留时间、到店核验与防作弊。", "课堂讲授", "h01", ["role:host", "fm01"], 70),
            new(-50, 16, "客户开发与回访技巧", "新客户来源、每日联络、回访话术与满意度记录。", "案例分享", "dh01", ["role:manager"], 60),
            new(-35, 15, "折扣与赠送权限", "各岗位折扣率与赠送额度、超权限审批流程、违规后果。考试合格（80 分）方有折扣权。", "课堂讲授 + 笔试", "gm01", ["role:manager"], 80,
                DiscountAuthority: true, Duration: 90),
            new(-21, 16, "消防安全与应急疏散", "消防通道、灭火器使用、疏散路线演练。", "现场演练", "fm01", ["role:manager", "role:host", "dh01", "dh02"], 60),
            new(-10, 15, "投诉处理与客人满意度", "投诉受理时限、安抚话术、补救与回访。", "案例讨论", "fm01", ["role:manager"], 70),
            new(5, 15, "酒水知识与推荐", "酒水品类、搭配与推荐、存酒规则。", "品鉴 + 讲授", "dh02", ["role:manager"], 60),
            new(12, 15, "折扣与赠送权限（补考场）", "上次未通过或缺席者补训补考。", "课堂讲授 + 笔试", "gm01", ["m03", "m09", "m12"], 80, DiscountAuthority: true, Duration: 90),
            new(25, 16, "年度业绩复盘与目标", "本年业绩回顾、明年目标与考核方案。", "会议研讨", "gm01", ["role:manager", "dh01", "dh02", "fm01"], 60, Duration: 120),
            new(40, 15, "新员工入职培训", "公司制度、岗位职责、系统使用。", "课堂讲授", "fm01", ["role:manager"], 60),
        ];
        // The authority course's outcome is fixed (the demo tells it); the others' are drawn.
        var authorityScores = new Dictionary<string, int?> { ["m03"] = 72, ["m09"] = 65, ["m12"] = null };

        var courses = db.Set<TrainingCourse>();
        foreach (var p in plans)
        {
            var day = at.Today.AddDays(p.DaysFromToday);
            var startsAt = BusinessDay.At(day, new TimeOnly(p.Hour, 0), at.Zone, at.Cutoff);
            var course = new TrainingCourse
            {
                VenueId = venue, Title = p.Title, Content = p.Content, Method = p.Method, StartsAt = startsAt, DurationMinutes = p.Duration, Location = p.Location,
                TrainerId = Staff(p.Trainer).Id, AudienceJson = JsonSerializer.Serialize(p.Audience), PassMark = p.PassMark, DiscountAuthority = p.DiscountAuthority,
                CreatedById = Staff("fm01").Id, CreatedAt = startsAt.AddDays(-30),
            };
            courses.Add(course);
            if (p.DaysFromToday >= 0) continue;
            var trainer = Staff(p.Trainer).Id;
            var markedAt = startsAt.AddMinutes(p.Duration);
            foreach (var badge in People(p.Audience))
            {
                var person = Staff(badge);
                int? score;
                if (p.DiscountAuthority && authorityScores.TryGetValue(badge, out var fixedScore)) score = fixedScore;
                else if (random.Next(100) < 6) score = null; // absent now and then
                else score = p.DiscountAuthority ? random.Next(80, 99) : random.Next(p.PassMark - 12, 99);
                var present = score is not null;
                db.Set<TrainingAttendance>().Add(new TrainingAttendance { VenueId = venue, CourseId = course.Id, StaffId = person.Id, Present = present, MarkedById = trainer, MarkedAt = startsAt.AddMinutes(5) });
                if (score is { } s)
                    db.Set<TrainingScore>().Add(new TrainingScore
                    {
                        VenueId = venue, CourseId = course.Id, StaffId = person.Id, Attempt = 1, Score = s, Passed = TrainingPolicy.Passed(s, p.PassMark), ById = trainer, At = markedAt,
                    });
            }
        }
        return Task.CompletedTask;
    }
}
