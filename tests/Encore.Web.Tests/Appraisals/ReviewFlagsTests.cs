using System.Net.Http.Json;
using System.Text.Json;
using Encore.Domain;
using Encore.Web.Appraisals;
using Encore.Web.HouseRules;
using Encore.Web.Platform;
using Microsoft.Extensions.DependencyInjection;
using Encore.Web.Tests.Bookings;
using static Encore.Web.Tests.Appraisals.AppraisalApi;
using static Encore.Web.Tests.Answer;

namespace Encore.Web.Tests.Appraisals;

/// <summary>
/// GET /api/performance rows carry satisfaction (0–100) and reviewReasons: missedTargets (the flag as before),
/// lowSatisfaction (below appraisal.satisfactionThreshold, at its boundary), failedTwice (two published periods of one
/// kind in a row below appraisal.passScore). The existing fields stay as they were.
/// </summary>
public sealed class ReviewFlagsTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private async Task<List<JsonElement>> RowsAsync(string month) =>
        (await OkAsync(await (await app.ClientFor("gm01")).GetAsync($"/api/performance?month={month}"))).EnumerateArray().ToList();

    private static List<string> Reasons(JsonElement row) => row.GetProperty("reviewReasons").EnumerateArray().Select(r => r.GetString()!).ToList();

    [Fact]
    public async Task Two_failed_months_in_a_row_flag_failed_twice_and_one_does_not()
    {
        var gm = await app.ClientFor("gm01");
        var month = DateOnly.ParseExact(await gm.ThisMonthAsync() + "-01", "yyyy-MM-dd");
        string Key(int back) => month.AddMonths(-back).ToString("yyyy-MM");
        // The demo: m09 failed the months three and two back (published, final), m06 passed two back.
        var m09 = (await OkAsync(await gm.GetAsync("/api/appraisals?badge=m09"))).EnumerateArray().ToList();
        Assert.Equal([Key(3), Key(2)], m09.Select(a => a.Str("period")).Order().ToArray());
        Assert.All(m09, a => Assert.True(a.Dec("total") < 60m, a.GetRawText()));

        Assert.DoesNotContain("failedTwice", Reasons((await RowsAsync(Key(3))).Single(r => r.Str("badge") == "m09")));
        Assert.Contains("failedTwice", Reasons((await RowsAsync(Key(2))).Single(r => r.Str("badge") == "m09")));
        var now = await RowsAsync(Key(0));
        Assert.Contains("failedTwice", Reasons(now.Single(r => r.Str("badge") == "m09")));
        Assert.DoesNotContain("failedTwice", Reasons(now.Single(r => r.Str("badge") == "m06")));
        // The missed-targets flag is the reason of the same name, and the rows keep their fields.
        Assert.All(now, r => Assert.Equal(r.GetProperty("flaggedForReview").GetBoolean(), Reasons(r).Contains("missedTargets")));
        Assert.All(now, r => Assert.True(r.TryGetProperty("satisfaction", out _) && r.TryGetProperty("newCustomersQuota", out _)));

        // A pass mark below the failed totals clears it.
        await gm.ChangeRulesAsync(new { appraisal = new { passScore = 0 } });
        Assert.DoesNotContain("failedTwice", Reasons((await RowsAsync(Key(0))).Single(r => r.Str("badge") == "m09")));
    }

    [Fact]
    public async Task Low_satisfaction_is_below_the_threshold_not_at_it()
    {
        var gm = await app.ClientFor("gm01");
        var month = await gm.ThisMonthAsync();
        var row = (await RowsAsync(month)).Where(r => r.Dec("satisfaction") is > 0 and < 100).OrderBy(r => r.Str("badge")).First();
        var badge = row.Str("badge");
        var score = row.Dec("satisfaction")!.Value;

        await gm.ChangeRulesAsync(new { appraisal = new { satisfactionThreshold = score / 100m } });
        Assert.DoesNotContain("lowSatisfaction", Reasons((await RowsAsync(month)).Single(r => r.Str("badge") == badge)));

        await gm.ChangeRulesAsync(new { appraisal = new { satisfactionThreshold = score / 100m + 0.0001m } });
        var flagged = (await RowsAsync(month)).Single(r => r.Str("badge") == badge);
        Assert.Contains("lowSatisfaction", Reasons(flagged));
        // Nobody without a measure is flagged for it.
        Assert.All((await RowsAsync(month)).Where(r => r.Dec("satisfaction") is null), r => Assert.DoesNotContain("lowSatisfaction", Reasons(r)));
    }
    /// <summary>
    /// Issue 15: the standings hand the guests' and complaint resolutions' ratings they read for their own columns to the
    /// review's satisfaction instead of reading them again. The figure must stay the appraisal's measure of the same
    /// month, read on its own (AppraisalMeasures.SatisfactionAsync's three queries), for every person.
    /// </summary>
    [Fact]
    public async Task Each_rows_satisfaction_is_the_appraisal_measure_of_the_month_read_on_its_own()
    {
        var gm = await app.ClientFor("gm01");
        var thisMonth = DateOnly.ParseExact(await gm.ThisMonthAsync() + "-01", "yyyy-MM-dd");
        var checkedRated = 0;
        foreach (var month in new[] { thisMonth, thisMonth.AddMonths(-1) })
        {
            var key = month.ToString("yyyy-MM");
            var rows = await RowsAsync(key);
            var expected = await app.WithAsync(async db =>
            {
                var venue = db.MainVenueId();
                var at = await Caller.System(venue, app.Services.GetRequiredService<HouseRulesStore>(), app.Services.GetRequiredService<TimeProvider>()).NowAsync();
                var ids = db.MainStaff().ToDictionary(u => u.UserName!, u => u.Id, StringComparer.OrdinalIgnoreCase);
                return (ids, await AppraisalMeasures.SatisfactionAsync(db, at, ids.Values.ToList(), AppraisalPeriod.Parse(key)));
            });
            foreach (var row in rows)
            {
                var measured = expected.Item2.TryGetValue(expected.ids[row.Str("badge")], out var m) ? m : (decimal?)null;
                Assert.True(measured == row.Dec("satisfaction"), $"{key} {row.Str("badge")}: standings {row.Dec("satisfaction")}, measure {measured}");
                if (Optional(row, "guestRating") is not null || Optional(row, "complaintSatisfaction") is not null) checkedRated++;
            }
        }
        // The demo's months have guests' ratings or rated complaint resolutions: the shortcut was taken, not skipped.
        Assert.True(checkedRated > 0, "no row had a guest rating or a rated complaint");

        static decimal? Optional(JsonElement row, string name) =>
            row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : null;
    }
}
