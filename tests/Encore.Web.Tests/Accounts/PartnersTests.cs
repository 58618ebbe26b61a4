using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Encore.Web.Tests.Appraisals;
using Encore.Web.Tests.Bookings;
using static Encore.Web.Tests.Answer;

namespace Encore.Web.Tests.Accounts;

/// <summary>
/// API.md "Corporate accounts and partners": the hotels, travel agencies and drivers that bring guests. A booking names
/// the partner and records the rate in force (the partner's own, else the house rule); the month's commission is the
/// visits' paid spend × their recorded rates, rounded once to the fen, and equals the figures computed here by hand; the
/// spend stays the booker's performance. The floor files partners; bad input is refused naming the field.
/// </summary>
public sealed class PartnersTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private async Task<JsonElement> BookAsync(string badge, string? partnerId)
    {
        var arrival = (await (await app.ClientFor("gm01")).NowAsync()).AddMinutes(30).ToString("O");
        return await OkAsync(await (await app.ClientFor(badge)).PostAsJsonAsync("/api/bookings",
            new { partnerId, arrival, partySize = 4, roomType = "medium", customerName = "带客测试", customerPhone = DeskClient.NewPhone() }), HttpStatusCode.Created);
    }

    /// <summary>The desk seats the booking's guest; the cashier closes the room at <paramref name="spend"/>.</summary>
    private async Task VisitAsync(JsonElement booking, decimal spend)
    {
        var room = await app.SeatAsync(booking);
        await OkAsync(await (await app.ClientFor("c01")).PostAsJsonAsync($"/api/rooms/{room}/close", new { spend }));
    }

    private async Task<string> FileAsync(object partner) =>
        (await OkAsync(await (await app.ClientFor("fm01")).PostAsJsonAsync("/api/partners", partner), HttpStatusCode.Created)).Str("id");

    [Fact]
    public async Task Commissions_equal_the_hand_computed_figures_at_each_bookings_recorded_rate_and_the_spend_stays_the_bookers()
    {
        var fm = await app.ClientFor("fm01");
        var gm = await app.ClientFor("gm01");
        var month = await gm.ThisMonthAsync();
        // Signed and not yet signed on the night's card: the partner changes neither.
        async Task<decimal> M07SpendAsync()
        {
            var standing = (await gm.GetFromJsonAsync<JsonElement>($"/api/performance?month={month}")).EnumerateArray().Single(s => s.Str("badge") == "m07");
            return standing.GetProperty("spend").GetDecimal() + standing.GetProperty("unsignedSpend").GetDecimal();
        }
        var spendBefore = await M07SpendAsync();

        var hotel = await FileAsync(new { name = "测试酒店（佣金）", kind = "hotel", contactName = "前台", phone = "13800138000" });
        var agency = await FileAsync(new { name = "测试旅行社（佣金）", kind = "travelAgency", commissionRate = 0.08m });

        var booked = await BookAsync("m07", hotel);
        Assert.Equal((hotel, "测试酒店（佣金）"), (booked.Str("partnerId"), booked.Str("partnerName")));
        await VisitAsync(booked, 1000m);
        await VisitAsync(await BookAsync("m07", hotel), 333.33m);
        await VisitAsync(await BookAsync("m07", agency), 555.55m);
        await VisitAsync(await BookAsync("m07", null), 200m);
        // The partner's own rate from now on: earlier bookings keep the 5% they recorded.
        await OkAsync(await fm.PutAsJsonAsync($"/api/partners/{hotel}", new { name = "测试酒店（佣金）", kind = "hotel", commissionRate = 0.10m, contactName = "前台", phone = "13800138000" }));
        await VisitAsync(await BookAsync("m07", hotel), 100m);
        // The house rule moves to 6%: the agency's own 8% holds.
        await gm.ChangeRulesAsync(new { accounts = new { partnerCommissionRate = 0.06m } });
        await VisitAsync(await BookAsync("m07", agency), 44.44m);

        var c01 = await app.ClientFor("c01");
        var hotelStatement = await OkAsync(await c01.GetAsync($"/api/partners/{hotel}/statement?month={month}"));
        // By hand: 1,000 × 5% + 333.33 × 5% + 100 × 10% = 50 + 16.6665 + 10 = 76.6665 → 76.67.
        Assert.Equal((3, 12, 1433.33m, 1433.33m, 76.67m),
            (hotelStatement.GetProperty("visits").GetInt32(), hotelStatement.GetProperty("guests").GetInt32(), hotelStatement.GetProperty("spend").GetDecimal(),
             hotelStatement.GetProperty("referredSpend").GetDecimal(), hotelStatement.GetProperty("commission").GetDecimal()));
        Assert.Equal([0.05m, 0.05m, 0.10m], hotelStatement.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("rate").GetDecimal()));
        Assert.All(hotelStatement.GetProperty("lines").EnumerateArray(), l => Assert.Equal("m07", l.Str("bookerBadge")));

        // (555.55 + 44.44) × 8% = 47.9992 → 48.00; the list says the same as the statements.
        var commissions = (await OkAsync(await c01.GetAsync($"/api/partners/commissions?month={month}"))).EnumerateArray().ToDictionary(s => s.Str("partnerId")!);
        Assert.Equal((2, 599.99m, 48.00m), (commissions[agency].GetProperty("visits").GetInt32(), commissions[agency].GetProperty("referredSpend").GetDecimal(),
            commissions[agency].GetProperty("commission").GetDecimal()));
        Assert.Equal(76.67m, commissions[hotel].GetProperty("commission").GetDecimal());
        // Partners without a rate of their own now say 6%; the hotel its 10%.
        var listed = (await OkAsync(await c01.GetAsync("/api/partners"))).EnumerateArray().ToDictionary(p => p.Str("id")!);
        Assert.Equal((0.10m, 0.08m), (listed[hotel].GetProperty("effectiveRate").GetDecimal(), listed[agency].GetProperty("effectiveRate").GetDecimal()));
        Assert.Contains(listed.Values, p => p.GetProperty("commissionRate").ValueKind == JsonValueKind.Null && p.GetProperty("effectiveRate").GetDecimal() == 0.06m);

        // Every visit is m07's performance, brought by a partner or not.
        Assert.Equal(1000m + 333.33m + 555.55m + 200m + 100m + 44.44m, await M07SpendAsync() - spendBefore);

        foreach (var (format, type) in new[] { ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), ("pdf", "application/pdf"), ("csv", "text/csv") })
        {
            var file = await c01.GetAsync($"/api/partners/{hotel}/statement?month={month}&format={format}");
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal(type, file.Content.Headers.ContentType!.MediaType);
            Assert.True((await file.Content.ReadAsByteArrayAsync()).Length > 100);
        }
        var csv = await c01.GetStringAsync($"/api/partners/{hotel}/statement?month={month}&format=csv");
        Assert.Contains("76.67", csv);
        Assert.Contains("1433.33", csv);
        Assert.Contains("佣金", csv);
    }

    [Fact]
    public async Task The_floor_files_partners_others_book_with_them_and_bad_input_is_refused_naming_the_field()
    {
        var fm = await app.ClientFor("fm01");
        var m01 = await app.ClientFor("m01");
        // A manager picks a partner on a booking but neither files one nor reads the commissions; the phone is masked for them.
        await Problem.Expect(await m01.PostAsJsonAsync("/api/partners", new { name = "经理的酒店", kind = "hotel" }), HttpStatusCode.Forbidden);
        await Problem.Expect(await m01.GetAsync("/api/partners/commissions"), HttpStatusCode.Forbidden);
        var id = await FileAsync(new { name = "滨江司机（测试）", kind = "driver", phone = "13900139000" });
        var seen = (await OkAsync(await m01.GetAsync($"/api/partners/{id}")));
        Assert.Equal(("139****9000", true), (seen.Str("phone"), seen.GetProperty("phoneMasked").GetBoolean()));
        Assert.Equal("13900139000", (await OkAsync(await fm.GetAsync($"/api/partners/{id}"))).Str("phone"));

        // Each bad value named; nothing filed.
        async Task<IReadOnlyList<string>> RefusedAsync(object body) => (await Problem.Expect(await fm.PostAsJsonAsync("/api/partners", body), HttpStatusCode.BadRequest)).ErrorFields();
        var count = (await OkAsync(await fm.GetAsync("/api/partners?all=true"))).GetArrayLength();
        Assert.Equal(["kind", "name"], (await RefusedAsync(new { note = "x" })).Order());
        Assert.Equal(["commissionRate"], await RefusedAsync(new { name = "超额", kind = "hotel", commissionRate = 0.51m }));
        Assert.Equal(["commissionRate"], await RefusedAsync(new { name = "半个百分点", kind = "hotel", commissionRate = 0.075m }));
        Assert.Equal(["phone"], await RefusedAsync(new { name = "坏电话", kind = "other", phone = "12345" }));
        Assert.Contains("滨江司机（测试）", (await Problem.Expect(await fm.PostAsJsonAsync("/api/partners", new { name = "滨江司机（测试）", kind = "driver" }), HttpStatusCode.Conflict)).Detail());
        Assert.Equal(count, (await OkAsync(await fm.GetAsync("/api/partners?all=true"))).GetArrayLength());
        Assert.Equal(["accounts.partnerCommissionRate"], (await Problem.Expect(await (await app.ClientFor("gm01")).PutAsJsonAsync("/api/house-rules",
            new { accounts = new { partnerCommissionRate = 0.6m } }), HttpStatusCode.BadRequest)).ErrorFields());

        // A retired partner is offered on no new booking (named), and leaves the default list; an unknown one is named too.
        var retired = await OkAsync(await fm.PutAsJsonAsync($"/api/partners/{id}", new { name = "滨江司机（测试）", kind = "driver", phone = "13900139000", active = false }));
        Assert.False(retired.GetProperty("active").GetBoolean());
        Assert.DoesNotContain((await OkAsync(await m01.GetAsync("/api/partners"))).EnumerateArray(), p => p.Str("id") == id);
        var arrival = (await m01.NowAsync()).AddMinutes(30).ToString("O");
        foreach (var partnerId in new[] { id, Guid.NewGuid().ToString() })
        {
            var refused = await Problem.Expect(await m01.PostAsJsonAsync("/api/bookings",
                new { partnerId, arrival, partySize = 4, customerName = "甲", customerPhone = DeskClient.NewPhone() }), HttpStatusCode.BadRequest);
            Assert.Equal(["partnerId"], refused.ErrorFields());
        }
        Assert.Contains("滨江司机（测试）", (await Problem.Expect(await m01.PostAsJsonAsync("/api/bookings",
            new { partnerId = id, arrival, partySize = 4, customerName = "甲", customerPhone = DeskClient.NewPhone() }), HttpStatusCode.BadRequest)).Detail());
        Assert.Equal(["month"], (await Problem.Expect(await fm.GetAsync($"/api/partners/{id}/statement?month=2026-13"), HttpStatusCode.BadRequest)).ErrorFields());
        await Problem.Expect(await fm.GetAsync($"/api/partners/{Guid.NewGuid()}/statement"), HttpStatusCode.NotFound);
    }

    /// <summary>Issue 20's demo: 40 accounts across the stages, 8 contracts, charged bills and a payment, three partners with commissions.</summary>
    [Fact]
    public async Task The_demo_has_forty_accounts_across_the_stages_eight_contracts_charged_bills_and_three_partners_with_commissions()
    {
        // Venue main's (hangzhou's demo has as many of its own).
        var (accounts, stages, contracts, charged, payments) = await app.WithAsync(async db => (await db.Accounts.OfMain(db).CountAsync(),
            await db.Accounts.OfMain(db).Select(a => a.Stage).Distinct().CountAsync(), await db.Contracts.OfMain(db).CountAsync(),
            await db.RoomSessions.OfMain(db).CountAsync(s => s.ChargedAccountId != null), await db.AccountPayments.OfMain(db).CountAsync()));
        Assert.Equal((40, 6, 8), (accounts, stages, contracts));
        Assert.True(charged > 0 && payments > 0, $"{charged} charged bills, {payments} payments");

        var c01 = await app.ClientFor("c01");
        var partners = (await OkAsync(await c01.GetAsync("/api/partners"))).EnumerateArray().ToList();
        Assert.True(partners.Count >= 3);
        Assert.Equal(["driver", "hotel", "travelAgency"], partners.Select(p => p.Str("kind")!).Distinct().Order());
        var month = DateOnly.ParseExact(await c01.ThisMonthAsync(), "yyyy-MM");
        var commissions = new List<JsonElement>();
        foreach (var m in new[] { month, month.AddMonths(-1) })
            commissions.AddRange((await OkAsync(await c01.GetAsync($"/api/partners/commissions?month={m:yyyy-MM}"))).EnumerateArray());
        Assert.Contains(commissions, c => c.GetProperty("commission").GetDecimal() > 0);
    }
}
