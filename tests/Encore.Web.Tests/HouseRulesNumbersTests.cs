using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Encore.Web.HouseRules;
using Encore.Web.Tests.Bookings;
using Microsoft.Extensions.DependencyInjection;

namespace Encore.Web.Tests;

/// <summary>
/// Issue 14: numbers that were constants are house rules — a new booking's arrival bounds (15 minutes in the past, 60
/// days ahead) and the VIP tiers (top 5% diamond, to 20% gold) — each changed with PUT /api/house-rules and seen at
/// its boundary; and attendance.onFloorAt, removed, still loads from a version stored with it.
/// </summary>
public sealed class HouseRulesNumbersTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private async Task RulesAsync(object change) => await (await app.ClientFor("gm01")).ChangeRulesAsync(change);

    private static Task<HttpResponseMessage> BookAtAsync(HttpClient manager, DateTimeOffset arrival) =>
        manager.PostAsJsonAsync("/api/bookings", new { customerName = "边界客", customerPhone = DeskClient.NewPhone(), arrival = arrival.ToString("O"), partySize = 4 });

    [Fact]
    public async Task A_bookings_arrival_bounds_are_the_house_rules()
    {
        await RulesAsync(new { bookings = new { arrivalPastGraceMinutes = 40, maxDaysAhead = 10 } });
        var manager = await app.ClientFor("m07");
        var now = await (await app.ClientFor("gm01")).NowAsync();

        Assert.Equal(HttpStatusCode.Created, (await BookAtAsync(manager, now.AddMinutes(-40))).StatusCode);
        var past = await Problem.Expect(await BookAtAsync(manager, now.AddMinutes(-41)), HttpStatusCode.BadRequest);
        Assert.Equal(["arrival"], past.ErrorFields());

        Assert.Equal(HttpStatusCode.Created, (await BookAtAsync(manager, now.AddDays(10))).StatusCode);
        var ahead = await Problem.Expect(await BookAtAsync(manager, now.AddDays(10).AddMinutes(1)), HttpStatusCode.BadRequest);
        Assert.Equal(["arrival"], ahead.ErrorFields());
        Assert.Contains("10", ahead.Detail());
    }

    [Fact]
    public async Task VIP_tiers_follow_the_house_rule_shares()
    {
        var gm = await app.ClientFor("gm01");
        await RulesAsync(new { customers = new { vipDiamondShare = 0.5, vipGoldShare = 0.75 } });
        // Levels are recomputed at the first sweep of a business day: the next one.
        await gm.SetClockAsync((await gm.NowAsync()).AddDays(1));
        await app.SweptThroughNowAsync();
        // Main's customers, ranked by main's rules (hangzhou's keep the default shares).
        var levels = app.With(db => db.Customers.OfMain(db).Where(c => c.VipLevel != "").Select(c => c.VipLevel).ToList());
        Assert.True(levels.Count >= 10, $"only {levels.Count} ranked customers");
        var diamond = (int)Math.Ceiling(levels.Count * 0.5m);
        var gold = (int)Math.Ceiling(levels.Count * 0.75m) - diamond;
        Assert.Equal(diamond, levels.Count(l => l == "diamond"));
        Assert.Equal(gold, levels.Count(l => l == "gold"));
        Assert.Equal(levels.Count - diamond - gold, levels.Count(l => l == "silver"));

        // A gold share below the diamond share is refused naming the diamond share, and nothing changes.
        var refused = await Problem.Expect(await gm.PutAsJsonAsync("/api/house-rules", new { customers = new { vipGoldShare = 0.4 } }), HttpStatusCode.BadRequest);
        Assert.Equal(["customers.vipDiamondShare"], refused.ErrorFields());
    }

    [Fact]
    public async Task A_version_stored_with_the_removed_onFloorAt_still_loads()
    {
        var venue = app.With(db => db.MainVenueId());
        var gm = await app.ClientFor("gm01");
        var now = await gm.NowAsync();
        // A version as Encore stored it before issue 14: attendance.onFloorAt among its fields.
        var json = JsonSerializer.SerializeToNode(Encore.Domain.HouseRules.Defaults, Encore.Web.Platform.EncoreJson.Options)!.AsObject();
        var attendance = json["attendance"]!.AsObject();
        attendance.Remove("onFloorAt");
        attendance["onFloorAt"] = "19:30";
        attendance["signInBy"] = "17:40";
        await app.WithAsync(async db =>
        {
            db.HouseRuleVersions.Add(new Encore.Web.Data.HouseRuleVersion { VenueId = venue, EffectiveFrom = now.AddSeconds(30), RulesJson = json.ToJsonString(), CreatedAt = now });
            await db.SaveChangesAsync();
        });
        app.Services.GetRequiredService<HouseRulesStore>().Forget(venue);
        // In force from a moment ahead, so it is the latest version whatever this class's other tests saved before.
        await gm.SetClockAsync(now.AddMinutes(1));

        var rules = await (await app.ClientFor("fm01")).GetFromJsonAsync<JsonElement>("/api/house-rules");
        Assert.Equal("17:40", rules.GetProperty("attendance").GetProperty("signInBy").GetString());
        Assert.False(rules.GetProperty("attendance").TryGetProperty("onFloorAt", out _));
        // And a change on top of it saves: the old field is not carried into the new version.
        await RulesAsync(new { attendance = new { signInBy = "17:50" } });
        var latest = app.With(db => db.HouseRuleVersions.Where(v => v.VenueId == venue).OrderByDescending(v => v.CreatedAt).First().RulesJson);
        Assert.DoesNotContain("onFloorAt", latest);
        Assert.Contains("\"signInBy\":\"17:50\"", latest);
    }
}
