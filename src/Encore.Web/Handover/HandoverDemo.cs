namespace Encore.Web.Handover;

/// <summary>
/// The demo venue's handovers: the desk's evening shift handed over to the night shift on each of the last seven nights
/// (all acknowledged), with a note and now and then an open matter; the matters Encore knew are those of today, as the
/// demo has no history of them night by night.
/// </summary>
public sealed class HandoverDemo : IFeatureData
{
    public int Order => 90;

    private static readonly string[] Notes =
    [
        "晚班人手紧，VIP 房间提前检查过音响",
        "前台备用零钱已补足；201 房客人要求 23:00 前送生日蛋糕",
        "消防通道已巡查，无堆放杂物",
        "今晚有两场企业包场，注意预留停车位",
    ];

    public async Task AddDemoAsync(DemoVenue demo)
    {
        var db = demo.Db;
        var at = VenueNow.At(demo.Venue.Id, demo.Now, Domain.HouseRules.Defaults);
        var h01 = await db.Users.SingleAsync(u => u.VenueId == demo.Venue.Id && u.UserName == "h01");
        var h03 = await db.Users.SingleAsync(u => u.VenueId == demo.Venue.Id && u.UserName == "h03");
        var facts = JsonSerializer.Serialize(await HandoverFacts.GatherAsync(db, at), EncoreJson.Options);
        for (var daysAgo = 7; daysAgo >= 1; daysAgo--)
        {
            var day = at.Today.AddDays(-daysAgo);
            var written = BusinessDay.At(day, new TimeOnly(23, 0), at.Zone, at.Cutoff);
            db.ShiftHandovers.Add(new ShiftHandover
            {
                VenueId = demo.Venue.Id, BusinessDay = day, WrittenById = h01.Id, WrittenAt = written, Notes = Notes[demo.Random.Next(Notes.Length)],
                OpenMatters = JsonSerializer.Serialize(daysAgo % 3 == 0 ? new[] { "明早联系工程部检查 305 空调" } : [], EncoreJson.Options),
                Snapshot = facts, AcknowledgedById = h03.Id, AcknowledgedAt = written.AddMinutes(12),
            });
        }
    }
}
