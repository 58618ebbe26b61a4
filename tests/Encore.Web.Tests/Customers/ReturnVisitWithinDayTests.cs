using System.Net;
using System.Net.Http.Json;
using Encore.Web.Tests.Bookings;
using static Encore.Tests.VenueTime;

namespace Encore.Web.Tests.Customers;

/// <summary>
/// Within one business day the return-visit sweep looks at every rule's files again only after the rules changed, and
/// otherwise at the files with a new visit and the files written since its last pass (issue 15). Each change that can
/// make a visit due within the day is scheduled at the next pass of that day: a birthday edited into the window, a
/// shorter unseen stretch, a visit closed tonight.
/// </summary>
public sealed class ReturnVisitWithinDayTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task A_birthday_edited_a_shorter_unseen_stretch_and_a_visit_tonight_are_each_scheduled_the_same_day()
    {
        // Filed ten days before: not unseen under the thirty-day rule.
        await app.SweptAtAsync(T("2026-11-20T18:01"));
        var quiet = await app.FileAsync("东方静候", "13911112401");
        await app.SweptAtAsync(T("2026-11-30T18:00"));
        var celebrant = await app.FileAsync("慕容改期", "13911112402", "1990-06-01");
        var regular = await app.FileAsync("皇甫今晚", "13911112403");
        await app.SweptAtAsync(T("2026-11-30T18:05"));
        Assert.Empty(await app.DueDaysAsync(celebrant, "birthday"));
        Assert.Empty(await app.DueDaysAsync(quiet, "unseen"));
        // A pass with nothing changed keeps it so.
        await app.SweptAtAsync(T("2026-11-30T18:10"));
        Assert.Empty(await app.DueDaysAsync(celebrant, "birthday"));

        // The birthday corrected to the 2nd of December: its visit is due today, from the next pass.
        var m02 = await app.ClientFor("m02");
        var edit = await m02.PutAsJsonAsync($"/api/customers/{celebrant}", new { name = "慕容改期", phone = "13911112402", birthday = "1990-12-02" });
        Assert.True(edit.StatusCode == HttpStatusCode.OK, await edit.Content.ReadAsStringAsync());
        await app.SweptAtAsync(T("2026-11-30T18:15"));
        Assert.Equal(["2026-11-30"], await app.DueDaysAsync(celebrant, "birthday"));

        // The GM makes a week unseen enough: the file of the 20th is due today, from the next pass.
        await (await app.ClientFor("gm01")).ChangeRulesAsync(new { customers = new { returnVisitUnseenDays = 7 } });
        await app.SweptAtAsync(T("2026-11-30T18:20"));
        Assert.Equal(["2026-11-30"], await app.DueDaysAsync(quiet, "unseen"));

        // A visit tonight, closed at 23:00: its follow-up is scheduled by the next pass, due the next business day.
        var booking = await m02.BookAsync(T("2026-11-30T20:00"), name: "皇甫今晚", phone: "13911112403");
        var room = await app.SeatAsync(booking);
        await app.SweptAtAsync(T("2026-11-30T23:00"));
        Assert.Empty(await app.DueDaysAsync(regular, "afterVisit"));
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("c01")).PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 1800 })).StatusCode);
        await app.SweptAtAsync(T("2026-11-30T23:05"));
        Assert.Equal(["2026-12-01"], await app.DueDaysAsync(regular, "afterVisit"));
    }
}
