namespace Encore.Web.Meetings;

/// <summary>
/// The demo venue's meetings over its past nights: a pre-shift meeting at 19:00 each night with the managers' check-ins
/// (some late, now and then one absent), a post-shift meeting with minutes every third night, the department heads'
/// weekly team meetings and one monthly meeting; actions from them, some done, some open, some overdue — m01 has one
/// open. Tonight has none: the floor calls it.
/// </summary>
public sealed class MeetingsDemo : IFeatureData
{
    /// <summary>After every other step; its own random, so the steps before and after it see the same demo as without it.</summary>
    public int Order => 80;

    public Task AddDemoAsync(DemoVenue demo)
    {
        var db = demo.Db;
        var venue = demo.Venue.Id;
        var at = VenueNow.At(venue, demo.Now, Domain.HouseRules.Defaults);
        var random = new Random(25);
        // One look at the tracked staff: each DbSet.Local detects changes over every row the demo has added so far
        // (about 9,000 by now), which, asked per badge, cost the seed 1.4 s on every start.
        var staff = db.Users.Local.ToList();
        StaffMember Staff(string badge) => staff.Single(u => u.UserName == badge);
        var floor = Staff("fm01");
        var gm = Staff("gm01");
        var managers = Enumerable.Range(1, 12).Select(i => Staff($"m{i:00}")).ToList();
        DateTimeOffset At(DateOnly day, int hour, int minute) => BusinessDay.At(day, new TimeOnly(hour, minute), at.Zone, at.Cutoff);

        var meetings = db.Set<Meeting>();
        var checkIns = db.Set<MeetingCheckIn>();
        var actions = db.Set<MeetingAction>();
        Meeting Call(string kind, DateOnly day, DateTimeOffset startsAt, StaffMember chair, string agenda, string? minutes, string department = "") =>
            new()
            {
                VenueId = venue, Kind = kind, BusinessDay = day, StartsAt = startsAt, Agenda = agenda, ChairId = chair.Id, Department = department,
                Minutes = minutes, MinutesById = minutes is null ? null : chair.Id, MinutesAt = minutes is null ? null : startsAt.AddMinutes(20), CreatedAt = startsAt.AddHours(-2),
            };
        void CheckIns(Meeting m, IEnumerable<StaffMember> people)
        {
            foreach (var person in people)
            {
                var roll = random.Next(100);
                if (roll < 4) continue; // absent
                // Most arrive a few minutes early; about one in eight after the start.
                var when = m.StartsAt.AddMinutes(roll < 16 ? random.Next(1, 15) : -random.Next(0, 10));
                checkIns.Add(new MeetingCheckIn { VenueId = venue, MeetingId = m.Id, StaffId = person.Id, At = when, Late = AttendancePolicy.LateAfter(m.StartsAt, when) });
            }
        }
        MeetingAction Action(Meeting m, StaffMember owner, string text, DateOnly due, DateTimeOffset? done = null) => new()
        {
            VenueId = venue, MeetingId = m.Id, Text = text, OwnerId = owner.Id, Due = due, DoneAt = done, DoneById = done is null ? null : owner.Id,
            CreatedAt = m.MinutesAt ?? m.StartsAt,
        };

        string[] notices = ["今晚有大型生日派对，注意 VIP 包厢的布置。", "周末客流高峰，提前确认预订到店时间。", "消防通道保持畅通，收档时逐项检查。", "新到果盘套餐，主动向客人推荐。"];
        for (var daysAgo = 29; daysAgo >= 1; daysAgo--)
        {
            var day = at.Today.AddDays(-daysAgo);
            var pre = Call("preShift", day, At(day, 19, 0), floor, notices[daysAgo % notices.Length], null);
            meetings.Add(pre);
            CheckIns(pre, managers);
            if (daysAgo % 3 == 0)
            {
                var post = Call("postShift", day, At(day, 2, 15), floor, "今晚业绩、赠送、新客户与客人反馈",
                    $"今晚整体顺利。客人反馈：{(daysAgo % 2 == 0 ? "音响效果好评" : "等位时间偏长")}。明天继续跟进预订客户。");
                meetings.Add(post);
                CheckIns(post, managers);
                if (daysAgo <= 12)
                    actions.Add(Action(post, managers[daysAgo % 12], "回访今晚投诉等位的客人", day.AddDays(2), At(day.AddDays(1), 20, 0)));
            }
        }

        // The department heads' weekly team meetings, and the floor's monthly one.
        foreach (var (head, daysAgo) in new[] { ("dh01", 14), ("dh01", 7), ("dh02", 7) })
        {
            var chair = Staff(head);
            var day = at.Today.AddDays(-daysAgo);
            var weekly = Call("weekly", day, At(day, 18, 30), chair, "本周业绩回顾；下周目标；客户维护", "本周完成率偏低，下周加强老客户回访。", chair.Department);
            meetings.Add(weekly);
            CheckIns(weekly, staff.Where(u => u.Department == chair.Department && u.Id != chair.Id && u.IsActive).ToList());
        }
        var monthDay = at.Today.AddDays(-20);
        var monthly = Call("monthly", monthDay, At(monthDay, 18, 0), gm, "月度总结：业绩、投诉、考勤", "本月目标完成 85%。投诉集中在等位时间，前台与经理协调预订到店。");
        meetings.Add(monthly);
        CheckIns(monthly, managers.Concat([Staff("dh01"), Staff("dh02")]));

        // Actions: some open (m01's due in a few days), some overdue, some done.
        var lastWeekly = meetings.Local.Last(m => m.Kind == "weekly" && m.Department == Staff("dh01").Department);
        actions.Add(Action(lastWeekly, managers[0], "整理本月重点客户名单，逐一电话回访", at.Today.AddDays(3)));
        actions.Add(Action(lastWeekly, managers[1], "提交上周未交的工作日记", at.Today.AddDays(-2)));
        actions.Add(Action(monthly, managers[2], "跟进协议单位续约", at.Today.AddDays(-5)));
        actions.Add(Action(monthly, managers[3], "培训新来的营销专员点单流程", at.Today.AddDays(-10), At(monthDay.AddDays(3), 21, 0)));
        return Task.CompletedTask;
    }
}
