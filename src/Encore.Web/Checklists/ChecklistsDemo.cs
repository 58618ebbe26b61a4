using Encore.Web.Rooms;

namespace Encore.Web.Checklists;

/// <summary>
/// The venue's checklist templates (SPEC.md's defaults, seeded for every venue at start) and the demo venue's runs
/// over its 30 nights: a few rooms inspected before each night, a closing round after each; a failed sound check that
/// took a room out of service until it was fixed the next evening, a closing-round item that failed with a note, and
/// one closing round left incomplete (the floor manager was reminded before the cut-off).
/// </summary>
public sealed class ChecklistsDemo(TimeProvider clock) : IFeatureData
{
    public int Order => 80;

    public Task EnsureDefaultsAsync(EncoreDb db, Guid venueId) => Checklist.EnsureDefaultsAsync(db, venueId, clock.GetUtcNow());

    public Task AddDemoAsync(DemoVenue demo)
    {
        var db = demo.Db;
        var venue = demo.Venue.Id;
        var at = VenueNow.At(venue, demo.Now, Domain.HouseRules.Defaults);
        var rooms = demo.Shared<RoomsDemo.Added>().List;
        var floor = db.Users.Local.Single(u => u.UserName == "fm01").Id;
        var supervisor = db.Users.Local.Single(u => u.UserName == "h01").Id;
        DateTimeOffset Night(int daysAgo, int hour, int minute) => BusinessDay.At(at.Today.AddDays(-daysAgo), new TimeOnly(hour, minute), at.Zone, at.Cutoff);

        List<ChecklistRunItem> Run(string template, Room? room, int daysAgo, DateTimeOffset start, Guid by, int ticked = int.MaxValue)
        {
            var run = new ChecklistRun
            {
                VenueId = venue, Template = template, TemplateVersion = 1, RoomId = room?.Id, RoomNumber = room?.Number,
                BusinessDay = at.Today.AddDays(-daysAgo), StartedById = by, StartedAt = start,
            };
            var items = Checklist.Defaults[template].Select((text, i) => new ChecklistRunItem
            {
                VenueId = venue, RunId = run.Id, Position = i + 1, Text = text,
                Ok = i < ticked ? true : null, CheckedById = i < ticked ? by : null, CheckedAt = i < ticked ? start.AddMinutes(i + 1) : null,
            }).ToList();
            if (ticked >= items.Count) run.CompletedAt = start.AddMinutes(items.Count);
            db.ChecklistRuns.Add(run);
            db.ChecklistRunItems.AddRange(items);
            return items;
        }

        for (var daysAgo = 29; daysAgo >= 1; daysAgo--)
        {
            // Before the night: three rooms inspected by the floor manager or the host supervisor.
            for (var k = 0; k < 3; k++)
                Run(Checklist.RoomInspection, rooms[demo.Random.Next(rooms.Count)], daysAgo, Night(daysAgo, 18, 20 + 10 * k), k == 0 ? floor : supervisor);
            // After closing: the closing round, left incomplete three nights ago (two items never ticked).
            var closing = Run(Checklist.Closing, null, daysAgo, Night(daysAgo, 2, 30), floor, ticked: daysAgo == 3 ? 3 : int.MaxValue);
            if (daysAgo == 3)
                db.ChecklistReminders.Add(new ChecklistReminder
                    { VenueId = venue, BusinessDay = at.Today.AddDays(-3), SentAt = BusinessDay.End(at.Today.AddDays(-3), at.Zone, at.Cutoff).AddMinutes(-at.Rules.Checklists.ClosingReminderMinutes) });
            if (daysAgo == 12)
            {
                var exits = closing[2];
                (exits.Ok, exits.Note) = (false, "消防通道堆放酒箱，已通知仓库清走");
            }
        }

        // Five nights ago: room 203's sound failed; out of service until it was fixed the next evening.
        var sound = Run(Checklist.RoomInspection, rooms.Single(r => r.Number == "203"), 5, Night(5, 18, 50), floor)[1];
        (sound.Ok, sound.Note, sound.OutOfServiceAt) = (false, "左侧音箱有杂音，功放需检修", sound.CheckedAt);
        (sound.FixedById, sound.FixedAt) = (supervisor, Night(4, 19, 10));
        return Task.CompletedTask;
    }
}
