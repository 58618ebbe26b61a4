using System.Net;
using System.Net.Http.Json;
using Encore.Web.Tests.Bookings;
using Microsoft.EntityFrameworkCore;

namespace Encore.Web.Tests.Diary;

/// <summary>
/// SPEC.md "work diary empty 3 days" on the simulated clock: nights on duty whose diary was not submitted by its due
/// time (closing 02:00 + diary.dueHoursAfterClosing 16 h = 18:00 the next day) — two then a submitted one: no fine;
/// three: exactly one proposed emptyDiary violation, raised just after the third night's due minute, and once per run.
/// </summary>
public sealed class EmptyDiaryRuleTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, Shanghai);

    internal static async Task<HttpClient> NewManagerAsync(EncoreFactory app, HttpClient gm, string badge)
    {
        var created = await gm.PostAsJsonAsync("/api/staff", new { badge, name = $"日记{badge}", password = EncoreFactory.PasswordOf(badge), roles = new[] { "manager" }, department = "营销一部" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await app.ClientFor(badge);
    }


    internal static Task<List<(string Status, decimal Amount, DateOnly Day)>> EmptyDiaryFinesAsync(EncoreFactory app, string badge) => app.WithAsync(db =>
        (from v in db.Violations join u in db.Users on v.StaffId equals u.Id
         where u.UserName == badge && v.Kind == "emptyDiary"
         select new { v.Status, v.Amount, v.BusinessDay }).ToListAsync()
        .ContinueWith(t => t.Result.Select(v => (v.Status.ToString(), v.Amount, v.BusinessDay)).ToList()));

    [Fact]
    public async Task Two_empty_nights_then_a_submitted_one_raise_nothing_and_three_raise_exactly_one_just_after_the_third_is_due()
    {
        var gm = await app.ClientFor("gm01");
        var writer = await NewManagerAsync(app, gm, "dy01");
        var idler = await NewManagerAsync(app, gm, "dy02");
        // Nights on duty 21, 22, 23 (and 24 for the idler): each signs in before 18:00.
        foreach (var night in new[] { 21, 22, 23 })
        {
            await gm.SetClockAsync(At(night, 17, 50));
            foreach (var who in new[] { writer, idler })
                Assert.Equal(HttpStatusCode.OK, (await who.PostAsync("/api/attendance/sign-in", null)).StatusCode);
        }
        // The writer writes the third night's diary after closing; the first two stay empty.
        await gm.SetClockAsync(At(24, 1, 30));
        Assert.Equal(HttpStatusCode.OK, (await writer.PostAsync("/api/diary/2026-11-23/submit", null)).StatusCode);

        // 18:00 on the 24th is the third night's due minute: a diary could still come, nothing is raised.
        await gm.SetClockAsync(At(24, 17, 50));
        Assert.Equal(HttpStatusCode.OK, (await idler.PostAsync("/api/attendance/sign-in", null)).StatusCode);
        await gm.SetClockAsync(At(24, 18, 0));
        await app.SweptThroughNowAsync();
        Assert.Empty(await EmptyDiaryFinesAsync(app, "dy02"));

        await gm.SetClockAsync(At(24, 18, 1));
        await app.SweptThroughNowAsync();
        var fines = await EmptyDiaryFinesAsync(app, "dy02");
        var fine = Assert.Single(fines);
        Assert.Equal(("Proposed", 100m, new DateOnly(2026, 11, 23)), fine);
        Assert.Empty(await EmptyDiaryFinesAsync(app, "dy01"));
        var evidence = await app.WithAsync(db => db.Violations.Where(v => v.Kind == "emptyDiary" && db.Users.Any(u => u.Id == v.StaffId && u.UserName == "dy02")).Select(v => v.Evidence).SingleAsync());
        Assert.Contains("2026-11-21", evidence);

        // A fourth empty night lengthens the same run: still one fine. The diary page says the night is overdue.
        await gm.SetClockAsync(At(25, 18, 1));
        await app.SweptThroughNowAsync();
        Assert.Single(await EmptyDiaryFinesAsync(app, "dy02"));
        var overdue = await idler.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/diary/2026-11-24");
        Assert.True(overdue.GetProperty("overdue").GetBoolean());
        // Submitted now, it is kept but late: it does not undo the run.
        var late = await idler.PostAsync("/api/diary/2026-11-24/submit", null);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.True((await late.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("submittedLate").GetBoolean());
        await gm.SetClockAsync(At(25, 18, 5));
        await app.SweptThroughNowAsync();
        Assert.Single(await EmptyDiaryFinesAsync(app, "dy02"));
    }
}

/// <summary>The same rule under changed house rules: a run of one night, due two hours after closing.</summary>
public sealed class EmptyDiaryHouseRulesTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task The_house_rules_move_the_run_length_and_the_due_hour()
    {
        var gm = await app.ClientFor("gm01");
        var changed = await gm.PutAsJsonAsync("/api/house-rules", new { fines = new { emptyDiaryDays = 1 }, diary = new { dueHoursAfterClosing = 2 } });
        Assert.True(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync());
        var solo = await EmptyDiaryRuleTests.NewManagerAsync(app, gm, "dy03");
        Assert.Equal(HttpStatusCode.OK, (await solo.PostAsync("/api/attendance/sign-in", null)).StatusCode); // 18:00 on the 20th
        var due = new DateTimeOffset(2026, 11, 21, 4, 0, 0, TimeSpan.FromHours(8)); // closing 02:00 + 2 h
        Assert.Equal(due, (await solo.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/diary/2026-11-20")).GetProperty("dueAt").GetDateTimeOffset());
        await gm.SetClockAsync(due);
        await app.SweptThroughNowAsync();
        Assert.Empty(await EmptyDiaryRuleTests.EmptyDiaryFinesAsync(app, "dy03"));
        await gm.SetClockAsync(due.AddMinutes(1));
        await app.SweptThroughNowAsync();
        Assert.Single(await EmptyDiaryRuleTests.EmptyDiaryFinesAsync(app, "dy03"));
    }
}
