using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;
using static Encore.Web.Tests.Answer;

namespace Encore.Web.Tests.Accounts;

/// <summary>
/// API.md "Corporate accounts": charged bills (挂账). A booking made for an account names its contact as the guest; closing
/// its room applies the contract's agreed discount without an approval and, with settleToAccount, charges the account
/// within the contract's credit (the bill reaching the limit exactly passes, one fen more is 409 and nothing is charged);
/// the cashier records payments; the monthly statement adds it all up, also as xlsx, PDF and CSV.
/// </summary>
public sealed class ChargedBillsTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<DateOnly> TodayAsync() => DateOnly.FromDateTime((await (await app.ClientFor("gm01")).NowAsync()).AddHours(-6).DateTime);

    /// <summary>An account of <paramref name="badge"/> with a contract in force (approved by the GM when above the author's authority).</summary>
    private async Task<(string Id, string Contact)> ContractedAsync(string badge, string company, decimal rate, decimal limit, string settlement = "monthly")
    {
        var owner = await app.ClientFor(badge);
        var contact = DeskClient.NewPhone();
        var id = (await OkAsync(await owner.PostAsJsonAsync("/api/accounts", new { company, contactName = "周经理", contactPhone = contact }), HttpStatusCode.Created)).Str("id");
        var today = await TodayAsync();
        var contract = await OkAsync(await owner.PostAsJsonAsync($"/api/accounts/{id}/contracts",
            new { from = Day(today.AddDays(-40)), to = Day(today.AddDays(300)), discountRate = rate, creditLimit = limit, settlement }), HttpStatusCode.Created);
        if (contract.Str("status") == "pendingApproval")
            await OkAsync(await (await app.ClientFor("gm01")).PostAsync($"/api/accounts/contracts/{contract.Str("id")}/approve", null));
        return (id, contact);
    }

    private async Task<JsonElement> BookForAsync(string badge, string accountId, object? guest = null)
    {
        var arrival = (await (await app.ClientFor("gm01")).NowAsync()).AddMinutes(30).ToString("O");
        var body = guest is null
            ? (object)new { accountId, arrival, partySize = 5, roomType = "medium" }
            : new { accountId, arrival, partySize = 5, roomType = "medium", customerName = "来宾", customerPhone = DeskClient.NewPhone() };
        return await OkAsync(await (await app.ClientFor(badge)).PostAsJsonAsync("/api/bookings", body), HttpStatusCode.Created);
    }

    private async Task<JsonElement> StatementAsync(string accountId, string badge = "c01") =>
        await OkAsync(await (await app.ClientFor(badge)).GetAsync($"/api/accounts/{accountId}/statement?month={(await TodayAsync()):yyyy-MM}"));

    [Fact]
    public async Task The_agreed_discount_applies_without_approval_and_the_credit_limit_passes_at_its_boundary_and_refuses_one_fen_more()
    {
        var month = (await TodayAsync()).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        async Task<decimal> ContractedSpendAsync() => (await (await app.ClientFor("fm01")).GetFromJsonAsync<JsonElement>($"/api/accounts/kpis?month={month}"))
            .GetProperty("people").EnumerateArray().Single(p => p.Str("badge") == "m02").GetProperty("contractedSpend").GetDecimal();
        var contractedBefore = await ContractedSpendAsync();
        // 20% is above a manager's own 10%: the GM approved it when the contract was signed.
        var (account, contact) = await ContractedAsync("m02", "杭州挂账测试电器有限公司", 0.20m, 1000m);
        var booking = await BookForAsync("m02", account);
        Assert.Equal((account, "杭州挂账测试电器有限公司", "周经理", contact),
            (booking.Str("accountId"), booking.Str("accountCompany"), booking.Str("customerName"), booking.Str("customerPhone")));
        var cashier = await app.ClientFor("c01");

        var room = await app.SeatAsync(booking);
        var closed = await OkAsync(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 1000, settleToAccount = true }));
        Assert.Equal((200m, 800m, account), (closed.GetProperty("discount").GetDecimal(), closed.GetProperty("chargedToAccount").GetDecimal(), closed.Str("accountId")));

        // Balance 800 of 1,000: a bill of 250 with 20% off charges exactly the 200 left, and passes.
        room = await app.SeatAsync(await BookForAsync("m02", account));
        closed = await OkAsync(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 250, settleToAccount = true }));
        Assert.Equal(200m, closed.GetProperty("chargedToAccount").GetDecimal());
        Assert.Equal((1000m, 0m), ((await StatementAsync(account)).GetProperty("balance").GetDecimal(), (await StatementAsync(account)).GetProperty("remainingCredit").GetDecimal()));

        // One fen more: 409 naming the limit; the room stays open, nothing is charged; paid at the bill it closes.
        room = await app.SeatAsync(await BookForAsync("m02", account));
        var refused = await Problem.Expect(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 0.01m, settleToAccount = true }), HttpStatusCode.Conflict);
        Assert.Contains("1,000.00", refused.Detail());
        Assert.Contains("挂账额度", refused.Detail());
        Assert.Equal("occupied", (await cashier.GetFromJsonAsync<JsonElement>("/api/rooms")).EnumerateArray().Single(r => r.Str("number") == room).Str("state"));
        Assert.Equal(1000m, (await StatementAsync(account)).GetProperty("balance").GetDecimal());
        closed = await OkAsync(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 0.01m }));
        Assert.Equal(JsonValueKind.Null, closed.GetProperty("chargedToAccount").ValueKind);

        // A discount above the agreed 20% still needs an approval, as for any bill.
        room = await app.SeatAsync(await BookForAsync("m02", account));
        await Problem.Expect(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 100, discount = 21 }), HttpStatusCode.Forbidden);
        await OkAsync(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 100, discount = 20 }));

        // The statement: four visits, the two charged, their sums equal to what was billed.
        var statement = await StatementAsync(account);
        Assert.Equal((4, 1350.01m, 270m, 1000m, 0m, 1000m),
            (statement.GetProperty("sessions").GetInt32(), statement.GetProperty("spend").GetDecimal(), statement.GetProperty("discount").GetDecimal(),
             statement.GetProperty("charged").GetDecimal(), statement.GetProperty("paid").GetDecimal(), statement.GetProperty("closingBalance").GetDecimal()));
        var lines = statement.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(statement.GetProperty("charged").GetDecimal(), lines.Sum(l => l.GetProperty("charged").GetDecimal()));
        Assert.Equal(2, lines.Count(l => l.GetProperty("settledToAccount").GetBoolean()));
        // The owner's KPI: contracted spend is the spend of the account's visits, charged or paid at the bill.
        Assert.Equal(1350.01m, await ContractedSpendAsync() - contractedBefore);
    }

    [Fact]
    public async Task The_cashier_records_payments_within_what_is_owed_and_the_statement_carries_the_balance()
    {
        var (account, _) = await ContractedAsync("m03", "杭州回款测试贸易有限公司", 0.10m, 5000m);
        var cashier = await app.ClientFor("c01");
        var room = await app.SeatAsync(await BookForAsync("m03", account));
        await OkAsync(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 2000, settleToAccount = true }));

        var today = await TodayAsync();
        var paid = await OkAsync(await cashier.PostAsJsonAsync($"/api/accounts/{account}/payments", new { amount = 500, method = "transfer", note = "11月回款" }), HttpStatusCode.Created);
        Assert.Equal((500m, 1300m, Day(today)), (paid.GetProperty("amount").GetDecimal(), paid.GetProperty("balance").GetDecimal(), paid.Str("paidOn")));
        var tooMuch = await Problem.Expect(await cashier.PostAsJsonAsync($"/api/accounts/{account}/payments", new { amount = 1300.01m }), HttpStatusCode.Conflict);
        Assert.Contains("1,300.00", tooMuch.Detail());
        await Problem.Expect(await (await app.ClientFor("m03")).PostAsJsonAsync($"/api/accounts/{account}/payments", new { amount = 100 }), HttpStatusCode.Forbidden);

        var statement = await StatementAsync(account, "m03");
        Assert.Equal((1800m, 500m, 1300m, 1300m, 3700m),
            (statement.GetProperty("charged").GetDecimal(), statement.GetProperty("paid").GetDecimal(), statement.GetProperty("closingBalance").GetDecimal(),
             statement.GetProperty("balance").GetDecimal(), statement.GetProperty("remainingCredit").GetDecimal()));
        Assert.Equal("11月回款", Assert.Single(statement.GetProperty("payments").EnumerateArray()).Str("note"));
        // Another manager's account is not theirs to read; the floor's and the cashier's it is.
        await Problem.Expect(await (await app.ClientFor("m04")).GetAsync($"/api/accounts/{account}/statement"), HttpStatusCode.Forbidden);
        await OkAsync(await (await app.ClientFor("fm01")).GetAsync($"/api/accounts/{account}/statement"));

        foreach (var (format, type) in new[] { ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), ("pdf", "application/pdf"), ("csv", "text/csv") })
        {
            var file = await cashier.GetAsync($"/api/accounts/{account}/statement?month={today:yyyy-MM}&format={format}");
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal(type, file.Content.Headers.ContentType!.MediaType);
            Assert.True((await file.Content.ReadAsByteArrayAsync()).Length > 100);
        }
        var csv = await cashier.GetStringAsync($"/api/accounts/{account}/statement?month={today:yyyy-MM}&format=csv");
        Assert.Contains("1800.00", csv); // charged in the month
        Assert.Contains("1300.00", csv); // carried forward
        Assert.Contains("11月回款", csv);
    }

    [Fact]
    public async Task Charging_is_refused_without_an_account_a_monthly_contract_or_with_bad_input_naming_the_field()
    {
        var cashier = await app.ClientFor("c01");
        var m05 = await app.ClientFor("m05");
        // A private guest's bill cannot go on an account.
        var room = await app.OpenRoomForAsync("m05");
        Assert.Contains(room, (await Problem.Expect(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 300, settleToAccount = true }), HttpStatusCode.Conflict)).Detail());
        await OkAsync(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 300 }));

        // A contract settled on each visit takes no charges; its agreed discount still applies.
        var (onVisit, _) = await ContractedAsync("m05", "杭州现结测试有限公司", 0.05m, 0m, "onVisit");
        room = await app.SeatAsync(await BookForAsync("m05", onVisit));
        await Problem.Expect(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 400, settleToAccount = true }), HttpStatusCode.Conflict);
        Assert.Equal(20m, (await OkAsync(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 400 }))).GetProperty("discount").GetDecimal());

        // No contract in force: no booking for the account.
        var lead = (await OkAsync(await m05.PostAsJsonAsync("/api/accounts", new { company = "杭州未签约测试公司", contactName = "钱总", contactPhone = DeskClient.NewPhone() }), HttpStatusCode.Created)).Str("id");
        var arrival = (await m05.NowAsync()).AddMinutes(30).ToString("O");
        Assert.Contains("杭州未签约测试公司", (await Problem.Expect(await m05.PostAsJsonAsync("/api/bookings", new { accountId = lead, arrival, partySize = 4 }), HttpStatusCode.Conflict)).Detail());
        // An unknown account, a payment of nothing, a payment dated tomorrow, a bad month: each named.
        Assert.Contains("accountId", (await Problem.Expect(await m05.PostAsJsonAsync("/api/bookings", new { accountId = Guid.NewGuid(), arrival, partySize = 4, customerName = "甲", customerPhone = DeskClient.NewPhone() }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("amount", (await Problem.Expect(await cashier.PostAsJsonAsync($"/api/accounts/{onVisit}/payments", new { amount = 0 }), HttpStatusCode.BadRequest)).ErrorFields());
        var tomorrow = Day((await TodayAsync()).AddDays(1));
        Assert.Contains("paidOn", (await Problem.Expect(await cashier.PostAsJsonAsync($"/api/accounts/{onVisit}/payments", new { amount = 10, paidOn = tomorrow }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("month", (await Problem.Expect(await cashier.GetAsync($"/api/accounts/{onVisit}/statement?month=2026-13"), HttpStatusCode.BadRequest)).ErrorFields());
        // A manager who does not own the account names the guest: the contact's phone is not theirs to book with.
        Assert.Contains("customerName", (await Problem.Expect(await (await app.ClientFor("m06")).PostAsJsonAsync("/api/bookings", new { accountId = onVisit, arrival, partySize = 4 }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(onVisit, (await BookForAsync("m06", onVisit, guest: true)).Str("accountId"));
    }
}
