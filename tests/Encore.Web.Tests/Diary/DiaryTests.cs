using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;
using Microsoft.EntityFrameworkCore;
using static Encore.Web.Tests.Answer;

namespace Encore.Web.Tests.Diary;

/// <summary>API.md "Diary": tonight's diary pre-filled from the night, written and submitted by its manager, read and commented by those above.</summary>
public sealed class DiaryTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    private async Task CloseAsync(string room, decimal spend, params (string Item, decimal Value)[] comps)
    {
        var cashier = await app.ClientFor("c01");
        await OkAsync(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend, comps = comps.Select(c => new { item = c.Item, value = c.Value }) }));
    }

    [Fact]
    public async Task Tonights_diary_is_pre_filled_written_submitted_frozen_and_read_by_those_above_with_phones_as_the_customer_rules_say()
    {
        var gm = await app.ClientFor("gm01");
        var today = (await gm.NowAsync()).ToString("yyyy-MM-dd");
        var phone = DeskClient.NewPhone();
        var room = await app.OpenRoomForAsync("m05", phone);
        await CloseAsync(room, 1680, ("果盘", 88));

        var m05 = await app.ClientFor("m05");
        var diary = await OkAsync(await m05.GetAsync($"/api/diary/{today}"));
        Assert.Equal(today, diary.Str("businessDay"));
        Assert.False(diary.GetProperty("submitted").GetBoolean());
        var booked = diary.GetProperty("bookedCustomers").EnumerateArray().Single(b => b.Str("roomNumber") == room);
        Assert.Equal("账单客", booked.Str("name"));
        Assert.Equal(1680m, booked.GetProperty("spend").GetDecimal());
        var comp = diary.GetProperty("comps").EnumerateArray().Single(c => c.Str("roomNumber") == room);
        Assert.Equal("果盘", comp.Str("item"));
        Assert.Equal(88m, comp.GetProperty("value").GetDecimal());
        // The booking filed the guest as m05's new customer tonight: the owner sees the phone in full.
        Assert.Contains(diary.GetProperty("newCustomers").EnumerateArray(), c => c.Str("phone") == phone);

        // The department head reads it with the phone masked; the floor manager in full; another department not at all.
        var dh01 = await app.ClientFor("dh01");
        var asHead = await OkAsync(await dh01.GetAsync($"/api/diary/{today}?badge=m05"));
        var masked = phone[..3] + "****" + phone[^4..];
        Assert.Contains(asHead.GetProperty("newCustomers").EnumerateArray(), c => c.Str("phone") == masked);
        Assert.DoesNotContain(phone, asHead.GetRawText());
        Assert.Contains(phone, (await OkAsync(await (await app.ClientFor("fm01")).GetAsync($"/api/diary/{today}?badge=m05"))).GetRawText());
        await Problem.Expect(await (await app.ClientFor("dh02")).GetAsync($"/api/diary/{today}?badge=m05"), HttpStatusCode.Forbidden);
        await Problem.Expect(await (await app.ClientFor("m06")).GetAsync($"/api/diary/{today}?badge=m05"), HttpStatusCode.Forbidden);
        // A host keeps no diary; writing someone else's is not a thing.
        await Problem.Expect(await (await app.ClientFor("h02")).GetAsync($"/api/diary/{today}"), HttpStatusCode.Forbidden);
        await Problem.Expect(await dh01.PutAsJsonAsync($"/api/diary/{today}", new { feedback = "x" }), HttpStatusCode.Forbidden);

        // The manager writes and submits; the submitted diary is frozen: a later bill does not change it, nor can they.
        var saved = await OkAsync(await m05.PutAsJsonAsync($"/api/diary/{today}", new { feedback = "王总说音响很好", events = "23:10 点歌系统死机 5 分钟" }));
        Assert.Equal("王总说音响很好", saved.Str("feedback"));
        var submitted = await OkAsync(await m05.PostAsync($"/api/diary/{today}/submit", null));
        Assert.True(submitted.GetProperty("submitted").GetBoolean());
        Assert.False(submitted.GetProperty("submittedLate").GetBoolean());
        var spendAtSubmission = submitted.GetProperty("spend").GetDecimal();
        var second = await app.OpenRoomForAsync("m05");
        await CloseAsync(second, 999);
        var frozen = await OkAsync(await m05.GetAsync($"/api/diary/{today}"));
        Assert.Equal(spendAtSubmission, frozen.GetProperty("spend").GetDecimal());
        Assert.DoesNotContain(frozen.GetProperty("bookedCustomers").EnumerateArray(), b => b.Str("roomNumber") == second);
        await Problem.Expect(await m05.PutAsJsonAsync($"/api/diary/{today}", new { feedback = "改一下" }), HttpStatusCode.Conflict);
        await Problem.Expect(await m05.PostAsync($"/api/diary/{today}/submit", null), HttpStatusCode.Conflict);
        Assert.Equal("王总说音响很好", (await OkAsync(await m05.GetAsync($"/api/diary/{today}"))).Str("feedback"));

        // The head sees it submitted in the team's list (not 营销二部's) and comments; the manager reads the comment.
        var list = (await OkAsync(await dh01.GetAsync($"/api/diary?from={today}&to={today}"))).EnumerateArray().ToList();
        Assert.True(list.Single(r => r.Str("badge") == "m05").GetProperty("submitted").GetBoolean());
        Assert.DoesNotContain(list, r => r.Str("badge") == "m07");
        var commented = await OkAsync(await dh01.PostAsJsonAsync($"/api/diary/{today}/comments?badge=m05", new { text = "王总的反馈很好，跟进一下" }), HttpStatusCode.Created);
        Assert.Equal("dh01", commented.GetProperty("comments")[0].Str("by"));
        Assert.Equal("王总的反馈很好，跟进一下", (await OkAsync(await m05.GetAsync($"/api/diary/{today}"))).GetProperty("comments")[0].Str("text"));
        await Problem.Expect(await m05.PostAsJsonAsync($"/api/diary/{today}/comments?badge=m05", new { text = "自评" }), HttpStatusCode.Forbidden);
        await Problem.Expect(await (await app.ClientFor("dh02")).PostAsJsonAsync($"/api/diary/{today}/comments?badge=m05", new { text = "x" }), HttpStatusCode.Forbidden);
        // A manager's list is their own.
        Assert.All((await OkAsync(await m05.GetAsync("/api/diary"))).EnumerateArray(), r => Assert.Equal("m05", r.Str("badge")));

        var audited = await app.WithAsync(db => db.AuditEntries.Where(a => a.Action.StartsWith("diary.")).Select(a => a.Action).ToListAsync());
        Assert.Contains("diary.save", audited);
        Assert.Contains("diary.submit", audited);
        Assert.Contains("diary.comment", audited);
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_field_and_changes_nothing()
    {
        var gm = await app.ClientFor("gm01");
        var today = (await gm.NowAsync()).ToString("yyyy-MM-dd");
        var tomorrow = DateOnly.Parse(today).AddDays(1).ToString("yyyy-MM-dd");
        var m04 = await app.ClientFor("m04");
        var dh01 = await app.ClientFor("dh01");
        var before = await app.WithAsync(async db => (await db.DiaryEntries.CountAsync(), await db.DiaryComments.CountAsync(), await db.WorkReports.CountAsync()));
        async Task Refused(HttpResponseMessage response, string field)
        {
            var problem = await Problem.Expect(response, HttpStatusCode.BadRequest);
            Assert.Contains(field, problem.ErrorFields());
        }
        await Refused(await m04.GetAsync("/api/diary/2026-13-01"), "businessDay");
        await Refused(await m04.GetAsync($"/api/diary/{tomorrow}"), "businessDay");
        await Refused(await m04.PutAsJsonAsync($"/api/diary/{today}", new { feedback = new string('长', 2001) }), "feedback");
        await Refused(await m04.PutAsJsonAsync($"/api/diary/{today}", new { events = new string('长', 2001) }), "events");
        await Refused(await m04.PutAsJsonAsync($"/api/diary/{tomorrow}", new { feedback = "明天的" }), "businessDay");
        await Refused(await dh01.PostAsJsonAsync($"/api/diary/{today}/comments?badge=m04", new { text = "" }), "text");
        await Refused(await dh01.PostAsJsonAsync($"/api/diary/{today}/comments", new { text = "谁的？" }), "badge");
        await Refused(await dh01.GetAsync($"/api/diary/{today}?badge=nobody"), "badge");
        await Refused(await (await app.ClientFor("fm01")).GetAsync($"/api/diary/{today}?badge=h02"), "badge");
        await Refused(await m04.GetAsync("/api/diary?from=2026-11-01&to=2026-12-31"), "to");
        await Refused(await m04.GetAsync("/api/work-reports/year/2026-11-16"), "period");
        await Refused(await m04.GetAsync("/api/work-reports/week/2026-11-18"), "start");
        await Refused(await m04.GetAsync("/api/work-reports/month/2026-1"), "start");
        await Refused(await m04.PutAsJsonAsync("/api/work-reports/week/2026-11-16", new { summary = new string('长', 2001) }), "summary");
        await Refused(await m04.PostAsync("/api/work-reports/week/2026-11-16/submit", null), "summary");
        // English on request, still naming the field.
        var english = await app.ClientFor("m04", language: "en");
        var problem = await Problem.Expect(await english.PutAsJsonAsync($"/api/diary/{today}", new { feedback = new string('x', 2001) }), HttpStatusCode.BadRequest);
        Assert.Contains("Customer feedback", problem.Detail());
        Assert.Equal(before, await app.WithAsync(async db => (await db.DiaryEntries.CountAsync(), await db.DiaryComments.CountAsync(), await db.WorkReports.CountAsync())));
    }

    [Fact]
    public async Task A_weekly_report_is_measured_from_the_week_submitted_with_a_summary_frozen_and_commented_by_the_head()
    {
        var gm = await app.ClientFor("gm01");
        var now = await gm.NowAsync();
        var today = DateOnly.FromDateTime(now.DateTime);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7)).ToString("yyyy-MM-dd");
        var room = await app.OpenRoomForAsync("m02");
        await CloseAsync(room, 2200);
        var m02 = await app.ClientFor("m02");
        var report = await OkAsync(await m02.GetAsync($"/api/work-reports/week/{monday}"));
        Assert.Equal("week", report.Str("period"));
        var figures = report.GetProperty("figures");
        var measured = await app.WithAsync(async db =>
        {
            var id = db.MainStaff("m02").Id;
            var first = DateOnly.Parse(monday);
            var spend = (await db.RoomSessions.Where(s => s.CreditedToId == id && s.BusinessDay >= first && s.BusinessDay <= first.AddDays(6) && s.ClosedAt != null).Select(s => s.Spend).ToListAsync()).Sum();
            return spend;
        });
        Assert.Equal(measured, figures.GetProperty("spend").GetDecimal());
        Assert.True(measured >= 2200);

        await OkAsync(await m02.PutAsJsonAsync($"/api/work-reports/week/{monday}", new { summary = "本周完成两个生日宴", plan = "下周回访 VIP" }));
        var submitted = await OkAsync(await m02.PostAsync($"/api/work-reports/week/{monday}/submit", null));
        Assert.True(submitted.GetProperty("submitted").GetBoolean());
        var later = await app.OpenRoomForAsync("m02");
        await CloseAsync(later, 500);
        Assert.Equal(figures.GetProperty("spend").GetDecimal(), (await OkAsync(await m02.GetAsync($"/api/work-reports/week/{monday}"))).GetProperty("figures").GetProperty("spend").GetDecimal());
        await Problem.Expect(await m02.PutAsJsonAsync($"/api/work-reports/week/{monday}", new { summary = "改" }), HttpStatusCode.Conflict);

        var dh01 = await app.ClientFor("dh01");
        var list = (await OkAsync(await dh01.GetAsync($"/api/work-reports?period=week&start={monday}"))).EnumerateArray().ToList();
        Assert.True(list.Single(r => r.Str("badge") == "m02").GetProperty("submitted").GetBoolean());
        var commented = await OkAsync(await dh01.PostAsJsonAsync($"/api/work-reports/week/{monday}/comments?badge=m02", new { text = "不错" }), HttpStatusCode.Created);
        Assert.Equal("不错", commented.GetProperty("comments")[0].Str("text"));
        await Problem.Expect(await (await app.ClientFor("m08")).GetAsync($"/api/work-reports/week/{monday}?badge=m02"), HttpStatusCode.Forbidden);
    }
}
