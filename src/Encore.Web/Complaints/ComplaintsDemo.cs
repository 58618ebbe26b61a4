namespace Encore.Web.Complaints;

/// <summary>
/// The demo venue's complaints over its 30 nights: most resolved with the guest's satisfaction, a few still open or
/// acknowledged, one overdue (escalated), one of tip soliciting raised by the guest; and the next New Year's Day on the
/// working calendar, so the final-answer count visibly skips a holiday.
/// </summary>
public sealed class ComplaintsDemo : IFeatureData
{
    public int Order => 70;

    private static readonly (ComplaintCategory Category, string Text)[] Samples =
    [
        (ComplaintCategory.Service, "服务员上酒太慢，催了三次"),
        (ComplaintCategory.Service, "客服经理态度冷淡，没有及时回应客人"),
        (ComplaintCategory.Room, "麦克风有杂音，换了一支还是不行"),
        (ComplaintCategory.Room, "空调温度太低，调不了"),
        (ComplaintCategory.Billing, "账单多算了一个果盘"),
        (ComplaintCategory.Hygiene, "包房沙发上有污渍"),
        (ComplaintCategory.Other, "点歌系统卡顿，歌曲列表加载不出来"),
        (ComplaintCategory.Safety, "走廊地面湿滑，客人差点摔倒"),
    ];

    public Task AddDemoAsync(DemoVenue demo)
    {
        var rules = new Domain.HouseRules();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(rules.BusinessDay.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(demo.Now, zone).DateTime);
        var newYear = new DateOnly(today.Month == 12 ? today.Year + 1 : today.Year, 1, 1);
        demo.Db.CalendarDays.Add(new CalendarDay { VenueId = demo.Venue.Id, Day = newYear, Working = false, Name = "元旦" });
        var calendar = new WorkingCalendar(rules.Complaints.WeeklyDaysOff.ToHashSet(), new Dictionary<DateOnly, bool> { [newYear] = false });

        var sessions = demo.Db.RoomSessions.Local.Where(s => s.VenueId == demo.Venue.Id && s.ClosedAt != null && s.CreditedToId != null)
            .OrderBy(s => s.OpenedAt).ToList();
        if (sessions.Count == 0) return Task.CompletedTask;
        var floor = demo.Db.Users.Local.Single(u => u.UserName == "fm01");
        var host = demo.Db.Users.Local.Single(u => u.UserName == "h02");
        var random = demo.Random;
        for (var i = 0; i < 30; i++)
        {
            var session = sessions[random.Next(sessions.Count)];
            var (category, text) = Samples[random.Next(Samples.Length)];
            var madeAt = session.OpenedAt.AddMinutes(40 + random.Next(60));
            var recent = demo.Now - madeAt < TimeSpan.FromDays(2);
            Add(demo, session, category, text, madeAt, host.Id, floor.Id, zone, rules, calendar,
                resolved: !recent || i % 2 == 0, satisfaction: 2 + random.Next(4), ComplaintSource.Staff);
        }
        // One the guest raised through the room's link and nobody has touched for three days: overdue, with the floor manager.
        var last = sessions[^1];
        Add(demo, last, ComplaintCategory.Tips, "客服经理暗示要小费，不给就不热情（客人扫码反馈，评分 1）", demo.Now.AddDays(-3), null, floor.Id, zone, rules, calendar,
            resolved: false, satisfaction: 0, ComplaintSource.Guest);
        return Task.CompletedTask;
    }

    private static void Add(DemoVenue demo, RoomSession session, ComplaintCategory category, string text, DateTimeOffset madeAt, Guid? by, Guid floorId,
        TimeZoneInfo zone, Domain.HouseRules rules, WorkingCalendar calendar, bool resolved, int satisfaction, ComplaintSource source)
    {
        var deadlines = ComplaintDeadlines.For(madeAt, zone, rules.Complaints, calendar);
        var complaint = new Complaint
        {
            VenueId = demo.Venue.Id, Category = category, Severity = category is ComplaintCategory.Safety or ComplaintCategory.Tips ? ComplaintSeverity.High : ComplaintSeverity.Medium,
            Source = source, Description = text, RoomId = session.RoomId, SessionId = session.Id, ManagerId = session.CreditedToId,
            CreatedById = by, CreatedAt = madeAt, BusinessDay = session.BusinessDay,
            AcknowledgeBy = deadlines.AcknowledgeBy, SolutionBy = deadlines.SolutionBy, FinalBy = deadlines.FinalBy,
        };
        if (resolved)
        {
            complaint.Status = ComplaintStatus.Resolved;
            complaint.AcknowledgedAt = madeAt.AddMinutes(5);
            complaint.AcknowledgedById = floorId;
            complaint.ResolvedAt = madeAt.AddMinutes(45);
            complaint.ResolvedById = floorId;
            complaint.Resolution = category == ComplaintCategory.Billing ? "核对账单后退还多收的金额，并致歉" : "当场致歉并处理，客人表示接受";
            complaint.Satisfaction = satisfaction;
            demo.Db.ComplaintActions.Add(new ComplaintAction { ComplaintId = complaint.Id, Kind = ComplaintActionKind.Apology, Note = "营业经理当面致歉", ById = floorId, At = madeAt.AddMinutes(5) });
        }
        else if (source == ComplaintSource.Guest)
        {
            complaint.Escalation = deadlines.EscalationAt(ComplaintStatus.Open, demo.Now);
            complaint.EscalatedAt = demo.Now;
        }
        demo.Db.Complaints.Add(complaint);
        if (session.CreditedToId is { } manager) demo.Db.ComplaintStaff.Add(new ComplaintStaff { ComplaintId = complaint.Id, StaffId = manager });
    }
}
