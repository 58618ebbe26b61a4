using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Encore.Web.Data;
using Encore.Web.Tests.Bookings;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace Encore.Web.Tests.Performance;

/// <summary>SPEC.md "Room sessions, spend, discounts and comps": authority, approvals, the catalogue and the POS import.</summary>
public sealed class BillsAndApprovalsTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    [Fact]
    public async Task A_discount_beyond_the_managers_authority_needs_a_granted_approval_which_reaches_the_requester_live()
    {
        var room = await app.OpenRoomForAsync("m05", "13200000001");
        var cashier = await app.ClientFor("c01");
        var tooMuch = await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 2000, discount = 400 });
        Assert.Contains("20%", (await Problem.Expect(tooMuch, HttpStatusCode.Forbidden)).Detail());

        var manager = await app.ClientFor("m05");
        var token = manager.DefaultRequestHeaders.Authorization!.Parameter!;
        await using var phone = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/board"), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.Transports = HttpTransportType.LongPolling;
            }).Build();
        var answered = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        phone.On<JsonElement>("approvalChanged", a => { if (a.Str("status") == "granted") answered.TrySetResult(a); });
        await BoardListener.StartJoinedAsync(phone);

        var request = await manager.PostAsJsonAsync("/api/approvals", new { roomNumber = room, discount = 400, spend = 2000, comps = new[] { new { item = "果盘", value = 88 } }, reason = "老客户生日" });
        Assert.Equal(HttpStatusCode.Created, request.StatusCode);
        var approval = Json(await request.Content.ReadAsStringAsync());
        Assert.Equal("pending", approval.Str("status"));

        // A department head may not grant; the floor manager may (20% is within their 30%).
        await Problem.Expect(await (await app.ClientFor("dh01")).PostAsync($"/api/approvals/{approval.Str("id")}/grant", null), HttpStatusCode.Forbidden);
        var floor = await app.ClientFor("fm01");
        var granted = await floor.PostAsJsonAsync($"/api/approvals/{approval.Str("id")}/grant", new { note = "同意" });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal("granted", Json(await granted.Content.ReadAsStringAsync()).Str("status"));
        var live = await answered.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("fm01", live.Str("decidedBy"));
        await Problem.Expect(await floor.PostAsync($"/api/approvals/{approval.Str("id")}/deny", null), HttpStatusCode.BadRequest); // a denial needs a note
        await Problem.Expect(await floor.PostAsJsonAsync($"/api/approvals/{approval.Str("id")}/deny", new { note = "改主意" }), HttpStatusCode.Conflict);

        // The bill may not go beyond what was granted; within it, it closes and uses the approval up.
        await Problem.Expect(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 2000, discount = 500, approvalId = approval.Str("id") }), HttpStatusCode.Forbidden);
        var closed = await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 2000, discount = 400, comps = new[] { new { item = "果盘", value = 88 } }, approvalId = approval.Str("id") });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("used", Json(await (await floor.GetAsync($"/api/approvals/{approval.Str("id")}")).Content.ReadAsStringAsync()).Str("status"));
        Assert.True(app.With(db => db.AuditEntries.Any(a => a.Action == "approval.grant" && a.ActorBadge == "fm01")));
    }

    /// <summary>Issue 12, item 9: 20% of a claimed 100,000 granted must not close as 20,000 off a bill of 20,000 (100%).</summary>
    [Fact]
    public async Task An_approval_is_not_stretched_by_a_bill_lower_than_the_spend_it_was_granted_for()
    {
        var room = await app.OpenRoomForAsync("m03", "13200000009");
        var manager = await app.ClientFor("m03");
        var request = await manager.PostAsJsonAsync("/api/approvals", new { roomNumber = room, discount = 20000, spend = 100000, reason = "大单" });
        Assert.Equal(HttpStatusCode.Created, request.StatusCode);
        var id = Json(await request.Content.ReadAsStringAsync()).Str("id");
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("fm01")).PostAsJsonAsync($"/api/approvals/{id}/grant", new { note = "同意" })).StatusCode);

        var cashier = await app.ClientFor("c01");
        await Problem.Expect(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 20000, discount = 20000, approvalId = id }), HttpStatusCode.Forbidden);
        // Beyond the floor manager's own 30% at the real spend too, even at the granted amount's rate limit.
        await Problem.Expect(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 50000, discount = 20000, approvalId = id }), HttpStatusCode.Forbidden);
        Assert.Equal("granted", Json(await (await manager.GetAsync($"/api/approvals/{id}")).Content.ReadAsStringAsync()).Str("status"));
        // At the spend it was granted for, the bill closes.
        Assert.Equal(HttpStatusCode.OK, (await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 100000, discount = 20000, approvalId = id })).StatusCode);
    }

    [Fact]
    public async Task A_floor_manager_cannot_grant_beyond_their_own_authority_but_the_GM_can()
    {
        var room = await app.OpenRoomForAsync("m06", "13200000002");
        var manager = await app.ClientFor("m06");
        var request = Json(await (await manager.PostAsJsonAsync("/api/approvals", new { roomNumber = room, discount = 800, spend = 2000, reason = "大客户" })).Content.ReadAsStringAsync());
        await Problem.Expect(await (await app.ClientFor("fm01")).PostAsync($"/api/approvals/{request.Str("id")}/grant", null), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("gm01")).PostAsync($"/api/approvals/{request.Str("id")}/grant", null)).StatusCode);

        // Another manager cannot ask for approvals on a room that is not theirs.
        var other = await app.ClientFor("m07");
        await Problem.Expect(await other.PostAsJsonAsync("/api/approvals", new { roomNumber = room, discount = 100, reason = "x" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Comps_come_from_the_venues_catalogue_once_it_has_one()
    {
        var gm = await app.ClientFor("gm01");
        if (!(await gm.GetFromJsonAsync<JsonElement>("/api/catalogue")).EnumerateArray().Any(i => i.Str("name") == "小吃拼盘"))
            Assert.Equal(HttpStatusCode.Created, (await gm.PostAsJsonAsync("/api/catalogue", new { name = "小吃拼盘", category = "小吃", price = 58 })).StatusCode);
        var room = await app.OpenRoomForAsync("m08", "13200000003");
        var cashier = await app.ClientFor("c01");
        var unknown = await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 1500, comps = new[] { new { item = "金条", value = 50 } } });
        Assert.Equal(["comps[0].item"], (await Problem.Expect(unknown, HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(HttpStatusCode.OK, (await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 1500, comps = new[] { new { item = "小吃拼盘", value = 58 } } })).StatusCode);
        await Problem.Expect(await (await app.ClientFor("m08")).PostAsJsonAsync("/api/catalogue", new { name = "x", price = 1 }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_POS_file_sets_the_spend_and_a_file_with_a_bad_line_changes_nothing()
    {
        var room = await app.OpenRoomForAsync("m09", "13200000004");
        var cashier = await app.ClientFor("c01");
        Assert.Equal(HttpStatusCode.OK, (await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 1000 })).StatusCode);
        var day = (await (await app.ClientFor("m09")).GetFromJsonAsync<JsonElement>("/api/bookings")).EnumerateArray().First().Str("businessDay");

        var bad = $"businessDay,roomNumber,spend,roomCharge\n{day},{room},3680.50,800\n{day},999,100,0\nnot-a-day,{room},1,0\n{day},{room},abc,0\n";
        var refused = await cashier.PostAsync("/api/pos/import", new StringContent(bad, Encoding.UTF8, "text/csv"));
        var problem = await Problem.Expect(refused, HttpStatusCode.BadRequest);
        Assert.Equal(["line 3", "line 4", "line 5"], problem.ErrorFields());
        var sessionSpend = () => app.With(db => db.RoomSessions.Where(s => db.Rooms.Any(r => r.Id == s.RoomId && r.Number == room) && s.ClosedAt != null)
            .OrderByDescending(s => s.ClosedAt).Select(s => s.Spend).First());
        Assert.Equal(1000m, sessionSpend());

        var good = $"businessDay,roomNumber,spend,roomCharge\r\n{day},{room},3680.50,800\r\n";
        var imported = await cashier.PostAsync("/api/pos/import", new StringContent(good, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(1, Json(await imported.Content.ReadAsStringAsync()).GetProperty("imported").GetInt32());
        Assert.Equal(3680.50m, sessionSpend());

        await Problem.Expect(await cashier.PostAsync("/api/pos/import", new StringContent("room,spend\n", Encoding.UTF8, "text/csv")), HttpStatusCode.BadRequest);
        await Problem.Expect(await (await app.ClientFor("m09")).PostAsync("/api/pos/import", new StringContent(good, Encoding.UTF8, "text/csv")), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_promoters_rooms_credit_the_promoter_and_roll_up_to_their_manager()
    {
        var gm = await app.ClientFor("gm01");
        var created = await gm.PostAsJsonAsync("/api/staff", new { badge = "p01", name = "推广小李", password = "promoter123", roles = new[] { "promoter" }, department = "营销一部", managerBadge = "m10" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var promoter = await app.ClientFor("p01", "promoter123");
        var host = await app.ClientFor("h02");
        var now = await gm.NowAsync();
        var booking = await promoter.BookAsync(now.AddMinutes(30), name: "推广客", phone: "13200000005");
        Assert.Equal("p01", booking.Str("bookerBadge"));
        var room = (await host.FreeRoomsAsync())[0];
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(booking, room)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/arrive", new { confirmationCode = booking.Str("confirmationCode") })).StatusCode);
        Assert.Equal("p01", Json(await (await host.PostAsJsonAsync($"/api/rooms/{room}/open", new { bookingId = booking.Id() })).Content.ReadAsStringAsync()).Str("managerBadge"));
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("c01")).PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 5000 })).StatusCode);

        var month = now.ToString("yyyy-MM");
        var before = (await gm.GetFromJsonAsync<JsonElement>($"/api/performance?month={month}")).EnumerateArray().ToDictionary(s => s.Str("badge"));
        var day = booking.Str("businessDay");
        Assert.Equal(HttpStatusCode.OK, (await promoter.PostAsync($"/api/performance-cards/{day}/sign", null)).StatusCode);
        var after = (await gm.GetFromJsonAsync<JsonElement>($"/api/performance?month={month}")).EnumerateArray().ToDictionary(s => s.Str("badge"));
        Assert.Equal(5000m, after["p01"].GetProperty("spend").GetDecimal() - before["p01"].GetProperty("spend").GetDecimal());
        Assert.Equal(5000m, after["m10"].GetProperty("spend").GetDecimal() - before["m10"].GetProperty("spend").GetDecimal());
        Assert.Equal("m10", after["p01"].Str("managerBadge"));
    }

    [Fact]
    public async Task Two_missed_months_in_a_row_flag_a_manager_for_review_and_targets_are_per_person()
    {
        var gm = await app.ClientFor("gm01");
        var now = await gm.NowAsync();
        var month = new DateOnly(now.Year, now.Month, 1);
        // m11 and m12 have worked here since long before; m12's targets for the last two months were set to zero.
        await app.WithAsync(db => db.MainStaff().Where(u => u.UserName == "m11" || u.UserName == "m12")
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, now.AddMonths(-6))));
        foreach (var m in new[] { month.AddMonths(-1), month.AddMonths(-2) })
            Assert.Equal(HttpStatusCode.OK, (await gm.PutAsJsonAsync($"/api/targets/m12/{m:yyyy-MM}", new { spend = 0, rooms = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gm.PutAsJsonAsync($"/api/targets/m12/{month:yyyy-MM}", new { spend = 120000, rooms = 30 })).StatusCode);

        var standings = (await gm.GetFromJsonAsync<JsonElement>($"/api/performance?month={month:yyyy-MM}")).EnumerateArray().ToDictionary(s => s.Str("badge"));
        Assert.True(standings["m11"].GetProperty("flaggedForReview").GetBoolean());
        Assert.False(standings["m12"].GetProperty("flaggedForReview").GetBoolean());
        Assert.Equal(120000m, standings["m12"].GetProperty("targetSpend").GetDecimal());
        Assert.Equal(30, standings["m12"].GetProperty("targetRooms").GetInt32());
        // Someone who joined this month is not judged on months before they came.
        Assert.False(standings["m01"].GetProperty("flaggedForReview").GetBoolean());
        await Problem.Expect(await (await app.ClientFor("m01")).PutAsJsonAsync($"/api/targets/m01/{month:yyyy-MM}", new { spend = 1 }), HttpStatusCode.Forbidden);
    }
}
