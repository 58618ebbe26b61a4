using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;
using Microsoft.EntityFrameworkCore;
using static Encore.Web.Tests.Answer;

namespace Encore.Web.Tests.Handover;

/// <summary>API.md "shift handover": written by the outgoing shift with Encore's matters as they stood, acknowledged by the next (who, when).</summary>
public sealed class HandoverTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task The_outgoing_shift_hands_over_what_Encore_knows_and_the_incoming_shift_acknowledges_it()
    {
        var h01 = await app.ClientFor("h01");
        var fm01 = await app.ClientFor("fm01");
        // Tonight: a room out of service, an open complaint, a lost item kept, a meeting action not done, the closing round not started.
        var free = (await fm01.FreeRoomsAsync()).Last();
        await OkAsync(await h01.PostAsJsonAsync($"/api/rooms/{free}/out-of-service", new { reason = "空调漏水" }));
        var complaint = await OkAsync(await h01.PostAsJsonAsync("/api/complaints", new { category = "room", severity = "low", description = "交接测试：麦克风没电" }), HttpStatusCode.Created);
        await OkAsync(await h01.PostAsJsonAsync("/api/lost-items", new { roomNumber = free, description = "交接测试：黑色雨伞", storage = "失物柜" }), HttpStatusCode.Created);
        var now = await (await app.ClientFor("gm01")).NowAsync();
        var meeting = await OkAsync(await fm01.PostAsJsonAsync("/api/meetings", new { kind = "preShift", startsAt = now.AddMinutes(30), agenda = "交接测试" }), HttpStatusCode.Created);
        await OkAsync(await fm01.PutAsJsonAsync($"/api/meetings/{meeting.Str("id")}/minutes",
            new { minutes = "交接测试纪要", actions = new[] { new { text = "交接测试：修好 VIP 房投影", ownerBadge = "m01", due = now.AddDays(2).ToString("yyyy-MM-dd") } } }));

        var prefill = await OkAsync(await h01.GetAsync("/api/shift-handover/prefill"));
        Assert.Contains(prefill.GetProperty("outOfServiceRooms").EnumerateArray(), r => r.Str("number") == free && r.Str("note") == "空调漏水");
        Assert.Contains(prefill.GetProperty("openComplaints").EnumerateArray(), c => c.Str("id") == complaint.Str("id"));
        Assert.Contains(prefill.GetProperty("itemsKept").EnumerateArray(), i => i.Str("description") == "交接测试：黑色雨伞");
        Assert.Contains(prefill.GetProperty("unfinishedActions").EnumerateArray(), a => a.Str("text") == "交接测试：修好 VIP 房投影" && a.Str("ownerBadge") == "m01");
        Assert.Equal("notStarted", prefill.Str("closingRound"));

        await using var incoming = await BoardListener.StartAsync(app, "h03");
        var written = await OkAsync(await h01.PostAsJsonAsync("/api/shift-handover", new { notes = "晚班注意 VIP 房预订", openMatters = new[] { "明早联系工程部", "补前台零钱" } }), HttpStatusCode.Created);
        Assert.Equal("h01", written.Str("writtenBy"));
        Assert.Equal(["明早联系工程部", "补前台零钱"], written.GetProperty("openMatters").EnumerateArray().Select(m => m.GetString()!));
        Assert.Contains(written.GetProperty("matters").GetProperty("outOfServiceRooms").EnumerateArray(), r => r.Str("number") == free);
        var id = written.Str("id");
        // The incoming shift's screen hears of it live.
        await incoming.WaitForAsync("handoverChanged", e => e.Str("businessDay") == written.Str("businessDay"));

        // What was handed over stays as it was: the room back on the board later does not change the record.
        await OkAsync(await h01.PostAsync($"/api/rooms/{free}/release", null));
        var listed = (await OkAsync(await h01.GetAsync("/api/shift-handover"))).EnumerateArray().Single(x => x.Str("id") == id);
        Assert.Contains(listed.GetProperty("matters").GetProperty("outOfServiceRooms").EnumerateArray(), r => r.Str("number") == free);
        Assert.DoesNotContain((await OkAsync(await h01.GetAsync("/api/shift-handover/prefill"))).GetProperty("outOfServiceRooms").EnumerateArray(), r => r.Str("number") == free);

        // The writer does not acknowledge their own; the next shift does, once; a manager does neither.
        await Problem.Expect(await h01.PostAsync($"/api/shift-handover/{id}/acknowledge", null), HttpStatusCode.Conflict);
        await Problem.Expect(await (await app.ClientFor("m01")).PostAsync($"/api/shift-handover/{id}/acknowledge", null), HttpStatusCode.Forbidden);
        var h03 = await app.ClientFor("h03");
        var acknowledged = await OkAsync(await h03.PostAsync($"/api/shift-handover/{id}/acknowledge", null));
        Assert.Equal("h03", acknowledged.Str("acknowledgedBy"));
        Assert.Equal(now, acknowledged.GetProperty("acknowledgedAt").GetDateTimeOffset());
        await Problem.Expect(await fm01.PostAsync($"/api/shift-handover/{id}/acknowledge", null), HttpStatusCode.Conflict);
        await Problem.Expect(await h03.PostAsync($"/api/shift-handover/{Guid.NewGuid()}/acknowledge", null), HttpStatusCode.NotFound);

        // The closing round as the checklists have it: started → incomplete; every item ticked → complete.
        var round = await OkAsync(await fm01.PostAsJsonAsync("/api/checklists/runs", new { template = "closing" }), HttpStatusCode.Created);
        Assert.Equal("incomplete", (await OkAsync(await h01.GetAsync("/api/shift-handover/prefill"))).Str("closingRound"));
        foreach (var item in round.GetProperty("items").EnumerateArray())
            await OkAsync(await fm01.PutAsJsonAsync($"/api/checklists/runs/{round.Str("id")}/items/{item.Str("id")}", new { ok = true }));
        Assert.Equal("complete", (await OkAsync(await h01.GetAsync("/api/shift-handover/prefill"))).Str("closingRound"));

        var audited = await app.WithAsync(db => db.AuditEntries.Where(a => a.Action.StartsWith("handover.")).Select(a => a.Action).ToListAsync());
        Assert.Contains("handover.write", audited);
        Assert.Contains("handover.acknowledge", audited);
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_field_and_changes_nothing()
    {
        var h02 = await app.ClientFor("h02");
        var before = await app.WithAsync(db => db.ShiftHandovers.CountAsync());
        async Task Refused(HttpResponseMessage response, string field) =>
            Assert.Contains(field, (await Problem.Expect(response, HttpStatusCode.BadRequest)).ErrorFields());
        await Refused(await h02.PostAsJsonAsync("/api/shift-handover", new { }), "notes");
        await Refused(await h02.PostAsJsonAsync("/api/shift-handover", new { notes = new string('长', 2001) }), "notes");
        await Refused(await h02.PostAsJsonAsync("/api/shift-handover", new { openMatters = Enumerable.Range(0, 31).Select(i => $"事项{i}") }), "openMatters");
        await Refused(await h02.PostAsJsonAsync("/api/shift-handover", new { notes = "x", openMatters = new[] { "好", new string('长', 201) } }), "openMatters[1]");
        await Refused(await h02.PostAsJsonAsync("/api/shift-handover", new { notes = "x", openMatters = new[] { "" } }), "openMatters[0]");
        await Refused(await h02.GetAsync("/api/shift-handover?businessDay=2026-02-30"), "businessDay");
        var english = await app.ClientFor("h02", language: "en");
        var problem = await Problem.Expect(await english.PostAsJsonAsync("/api/shift-handover", new { notes = new string('x', 2001) }), HttpStatusCode.BadRequest);
        Assert.Contains("Notes", problem.Detail());
        Assert.Equal(before, await app.WithAsync(db => db.ShiftHandovers.CountAsync()));
    }
}
