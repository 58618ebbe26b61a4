using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;
using static Encore.Web.Tests.Answer;

namespace Encore.Web.Tests.Accounts;

/// <summary>
/// API.md "Corporate accounts (拓展部: 协议单位)": filing leads with duplicates flagged, the pipeline's stage rules,
/// contracts within and above their author's discount authority and the GM's approval, renewal reminders on the
/// simulated clock, contact phones masked by role, research notes and the team's KPI figures.
/// </summary>
public sealed class AccountsTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static int phoneSeed = 1000;

    /// <summary>A mobile no other test or demo account uses.</summary>
    private static string NewPhone() => "1391234" + Interlocked.Increment(ref phoneSeed).ToString("0000", CultureInfo.InvariantCulture);

    private static async Task<string> FileAsync(HttpClient client, string company, string? phone = null) =>
        (await OkAsync(await client.PostAsJsonAsync("/api/accounts", new { company, industry = "IT", source = "cold call", contactName = "王经理", contactPhone = phone ?? NewPhone() }),
            HttpStatusCode.Created)).Str("id");

    private static Task<HttpResponseMessage> MoveAsync(HttpClient client, string id, string stage, string? reason = null) =>
        client.PutAsJsonAsync($"/api/accounts/{id}/stage", new { stage, reason });

    private async Task<DateOnly> TodayAsync(HttpClient client)
    {
        var now = (await client.GetFromJsonAsync<JsonElement>("/api/clock")).GetProperty("now").GetDateTimeOffset();
        return DateOnly.FromDateTime(now.AddHours(-6).DateTime); // the demo venue's business day turns at 06:00
    }

    private static object ContractBody(DateOnly from, DateOnly to, decimal rate, decimal limit = 20000) =>
        new { from = from.ToString("yyyy-MM-dd"), to = to.ToString("yyyy-MM-dd"), discountRate = rate, creditLimit = limit, settlement = "monthly" };

    [Fact]
    public async Task A_lead_is_filed_with_its_first_contact_and_companies_of_the_same_name_or_phone_are_flagged()
    {
        var m01 = await app.ClientFor("m01");
        var m02 = await app.ClientFor("m02");
        var phone = NewPhone();
        var created = await OkAsync(await m01.PostAsJsonAsync("/api/accounts", new { company = "杭州星河测试科技有限公司", contactName = "李总", contactPhone = phone }),
            HttpStatusCode.Created);
        Assert.Equal("lead", created.Str("stage"));
        Assert.Empty(created.GetProperty("duplicates").EnumerateArray());
        var first = created.Str("id");

        // The same company written another way: flagged by name, still filed (never refused, never merged).
        var sameName = await OkAsync(await m02.PostAsJsonAsync("/api/accounts", new { company = "杭州星河测试科技 公司", contactName = "赵主任", contactPhone = NewPhone() }),
            HttpStatusCode.Created);
        var flag = Assert.Single(sameName.GetProperty("duplicates").EnumerateArray());
        Assert.Equal((first, "sameName"), (flag.Str("id"), flag.Str("reason")));

        // Another name, the same contact phone: flagged by phone.
        var samePhone = await OkAsync(await m02.PostAsJsonAsync("/api/accounts", new { company = "星河传媒", contactName = "李总", contactPhone = phone }),
            HttpStatusCode.Created);
        flag = Assert.Single(samePhone.GetProperty("duplicates").EnumerateArray());
        Assert.Equal((first, "samePhone"), (flag.Str("id"), flag.Str("reason")));

        // The list flags the first one too, naming both others.
        var rows = (await OkAsync(await m01.GetAsync("/api/accounts?stage=lead"))).EnumerateArray().ToList();
        var row = rows.Single(r => r.Str("id") == first);
        Assert.Equal([sameName.Str("id"), samePhone.Str("id")], row.GetProperty("duplicates").EnumerateArray().Select(d => d.Str("id")).Order());
        Assert.All(rows, r => Assert.Equal("lead", r.Str("stage")));
        var detail = await OkAsync(await m01.GetAsync($"/api/accounts/{first}"));
        Assert.Equal(phone, Assert.Single(detail.GetProperty("contacts").EnumerateArray()).Str("phone"));
    }

    [Fact]
    public async Task A_stage_is_skipped_only_with_a_reason_lost_needs_one_and_contracted_needs_a_contract()
    {
        var m03 = await app.ClientFor("m03");
        var id = await FileAsync(m03, "跳级测试贸易公司");

        var skip = await Problem.Expect(await MoveAsync(m03, id, "visited"), HttpStatusCode.BadRequest);
        Assert.Equal(["reason"], skip.ErrorFields());
        var row = await OkAsync(await MoveAsync(m03, id, "visited", "老板是熟人，直接上门拜访"));
        Assert.Equal("visited", row.Str("stage"));
        Assert.Equal("negotiating", (await OkAsync(await MoveAsync(m03, id, "negotiating"))).Str("stage"));

        var noContract = await Problem.Expect(await MoveAsync(m03, id, "contracted"), HttpStatusCode.Conflict);
        Assert.Contains("协议", noContract.Detail());
        var lost = await Problem.Expect(await MoveAsync(m03, id, "lost"), HttpStatusCode.BadRequest);
        Assert.Equal(["reason"], lost.ErrorFields());
        Assert.Equal("negotiating", (await OkAsync(await m03.GetAsync($"/api/accounts/{id}"))).GetProperty("account").Str("stage"));

        Assert.Equal("lost", (await OkAsync(await MoveAsync(m03, id, "lost", "选了别家"))).Str("stage"));
        // Out of lost again only with a reason too.
        Assert.Equal(["reason"], (await Problem.Expect(await MoveAsync(m03, id, "contacted"), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal("contacted", (await OkAsync(await MoveAsync(m03, id, "contacted", "换了采购负责人"))).Str("stage"));
        // Backwards without a reason is allowed; the same stage again is not a move.
        Assert.Equal("lead", (await OkAsync(await MoveAsync(m03, id, "lead"))).Str("stage"));
        await Problem.Expect(await MoveAsync(m03, id, "lead"), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_contract_within_the_authors_authority_is_in_force_above_it_waits_for_the_GM()
    {
        var m04 = await app.ClientFor("m04");
        var gm = await app.ClientFor("gm01");
        var today = await TodayAsync(m04);
        var within = await FileAsync(m04, "折扣内测试公司");
        var above = await FileAsync(m04, "折扣外测试公司");
        foreach (var id in new[] { within, above })
        {
            await OkAsync(await MoveAsync(m04, id, "negotiating", "测试：直接进入洽谈"));
        }

        // A manager's authority is 10% (authority.manager.maxDiscountRate): 8% is in force at once.
        var inForce = await OkAsync(await m04.PostAsJsonAsync($"/api/accounts/{within}/contracts", ContractBody(today, today.AddMonths(12), 0.08m)), HttpStatusCode.Created);
        Assert.Equal(("active", true), (inForce.Str("status"), inForce.GetProperty("inForce").GetBoolean()));
        Assert.Equal("contracted", (await OkAsync(await MoveAsync(m04, within, "contracted"))).Str("stage"));
        var detail = await OkAsync(await m04.GetAsync($"/api/accounts/{within}"));
        Assert.Equal(inForce.Str("id"), detail.GetProperty("current").Str("id"));
        Assert.Equal(0.08m, detail.GetProperty("current").GetProperty("discountRate").GetDecimal());

        // A second contract over the same days is refused, naming the first one's period.
        var overlap = await Problem.Expect(await m04.PostAsJsonAsync($"/api/accounts/{within}/contracts", ContractBody(today.AddMonths(6), today.AddMonths(18), 0.05m)), HttpStatusCode.Conflict);
        Assert.Contains(today.ToString("yyyy-MM-dd"), overlap.Detail());

        // 20% is above the manager's authority: pending until the GM approves; contracted waits for it.
        var pending = await OkAsync(await m04.PostAsJsonAsync($"/api/accounts/{above}/contracts", ContractBody(today, today.AddMonths(6), 0.20m)), HttpStatusCode.Created);
        Assert.Equal(("pendingApproval", false), (pending.Str("status"), pending.GetProperty("inForce").GetBoolean()));
        Assert.Contains("总经理", (await Problem.Expect(await MoveAsync(m04, above, "contracted"), HttpStatusCode.Conflict)).Detail());
        await Problem.Expect(await m04.PostAsync($"/api/accounts/contracts/{pending.Str("id")}/approve", null), HttpStatusCode.Forbidden);
        await Problem.Expect(await (await app.ClientFor("fm01")).PostAsync($"/api/accounts/contracts/{pending.Str("id")}/approve", null), HttpStatusCode.Forbidden);
        var approved = await OkAsync(await gm.PostAsync($"/api/accounts/contracts/{pending.Str("id")}/approve", null));
        Assert.Equal(("active", "gm01"), (approved.Str("status"), approved.Str("decidedBy")));
        await Problem.Expect(await gm.PostAsync($"/api/accounts/contracts/{pending.Str("id")}/approve", null), HttpStatusCode.Conflict);
        Assert.Equal("contracted", (await OkAsync(await MoveAsync(m04, above, "contracted"))).Str("stage"));

        // A declined one never comes into force, and its period is free for another.
        var later = await OkAsync(await m04.PostAsJsonAsync($"/api/accounts/{above}/contracts", ContractBody(today.AddMonths(7), today.AddMonths(8), 0.25m)), HttpStatusCode.Created);
        Assert.Equal("declined", (await OkAsync(await gm.PostAsync($"/api/accounts/contracts/{later.Str("id")}/decline", null))).Str("status"));
        await OkAsync(await m04.PostAsJsonAsync($"/api/accounts/{above}/contracts", ContractBody(today.AddMonths(7), today.AddMonths(8), 0.05m)), HttpStatusCode.Created);

        // Beyond the GM's own authority nobody can grant it.
        var beyond = await Problem.Expect(await m04.PostAsJsonAsync($"/api/accounts/{above}/contracts", ContractBody(today.AddMonths(9), today.AddMonths(10), 1.5m)), HttpStatusCode.BadRequest);
        Assert.Equal(["discountRate"], beyond.ErrorFields());
    }

    [Fact]
    public async Task A_contract_ending_within_the_reminder_window_is_listed_for_its_owner_and_the_GM_as_the_clock_moves()
    {
        var m05 = await app.ClientFor("m05");
        var gm = await app.ClientFor("gm01");
        var today = await TodayAsync(m05);
        var id = await FileAsync(m05, "续签提醒测试公司");
        // Ends 31 days from today: outside the 30-day window (accounts.renewalReminderDays) until a day passes.
        var contract = await OkAsync(await m05.PostAsJsonAsync($"/api/accounts/{id}/contracts", ContractBody(today.AddDays(-300), today.AddDays(31), 0.05m)), HttpStatusCode.Created);
        Assert.DoesNotContain((await OkAsync(await m05.GetAsync("/api/accounts/renewals"))).EnumerateArray(), r => r.Str("contractId") == contract.Str("id"));

        var now = (await gm.GetFromJsonAsync<JsonElement>("/api/clock")).GetProperty("now").GetDateTimeOffset();
        await OkAsync(await gm.PutAsJsonAsync("/api/clock", new { now = now.AddDays(1) }));
        var mine = (await OkAsync(await m05.GetAsync("/api/accounts/renewals"))).EnumerateArray().Single(r => r.Str("contractId") == contract.Str("id"));
        Assert.Equal((30, "m05"), (mine.GetProperty("daysLeft").GetInt32(), mine.Str("ownerBadge")));
        Assert.Contains((await OkAsync(await gm.GetAsync("/api/accounts/renewals"))).EnumerateArray(), r => r.Str("contractId") == contract.Str("id"));
        Assert.DoesNotContain((await OkAsync(await (await app.ClientFor("m06")).GetAsync("/api/accounts/renewals"))).EnumerateArray(),
            r => r.Str("contractId") == contract.Str("id"));

        // Renewed: the next contract follows, and the reminder is done.
        await OkAsync(await m05.PostAsJsonAsync($"/api/accounts/{id}/contracts", ContractBody(today.AddDays(32), today.AddDays(400), 0.05m)), HttpStatusCode.Created);
        Assert.DoesNotContain((await OkAsync(await gm.GetAsync("/api/accounts/renewals"))).EnumerateArray(), r => r.Str("contractId") == contract.Str("id"));
    }

    [Fact]
    public async Task A_contacts_phone_is_the_owners_and_the_floors_masked_for_the_rest_of_the_team()
    {
        var m07 = await app.ClientFor("m07");
        var phone = NewPhone();
        var id = await FileAsync(m07, "遮号测试公司", phone);

        foreach (var (badge, masked) in new[] { ("m07", false), ("fm01", false), ("gm01", false), ("m08", true), ("dh01", true) })
        {
            var client = await app.ClientFor(badge);
            var row = (await OkAsync(await client.GetAsync("/api/accounts"))).EnumerateArray().Single(r => r.Str("id") == id);
            Assert.Equal(masked, row.GetProperty("phoneMasked").GetBoolean());
            Assert.Equal(masked ? phone[..3] + "****" + phone[^4..] : phone, row.Str("contactPhone"));
            var contact = (await OkAsync(await client.GetAsync($"/api/accounts/{id}"))).GetProperty("contacts").EnumerateArray().Single();
            Assert.Equal(masked ? phone[..3] + "****" + phone[^4..] : phone, contact.Str("phone"));
        }

        // Someone else's account is read, not worked.
        var m08 = await app.ClientFor("m08");
        var refused = await Problem.Expect(await m08.PostAsJsonAsync($"/api/accounts/{id}/activities", new { kind = "call", at = "18:00", note = "试打" }), HttpStatusCode.Forbidden);
        Assert.Contains("m07", refused.Detail());
        await Problem.Expect(await MoveAsync(m08, id, "contacted"), HttpStatusCode.Forbidden);
        // The host desk and the cashier have no part in accounts.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("h02")).GetAsync("/api/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("c01")).GetAsync($"/api/accounts/{id}")).StatusCode);
        // The floor works it: an activity on the owner's account.
        var fm = await app.ClientFor("fm01");
        var activity = await OkAsync(await fm.PostAsJsonAsync($"/api/accounts/{id}/activities", new { kind = "visit", at = "17:30", note = "陪同拜访", nextStep = "下周报价" }), HttpStatusCode.Created);
        Assert.Equal(("visit", "fm01"), (activity.Str("kind"), activity.Str("staffBadge")));
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_field_and_changes_nothing()
    {
        var m09 = await app.ClientFor("m09");
        var count = (await OkAsync(await m09.GetAsync("/api/accounts"))).GetArrayLength();
        var empty = await Problem.Expect(await m09.PostAsJsonAsync("/api/accounts", new { }), HttpStatusCode.BadRequest);
        Assert.Equal(["company", "contactName", "contactPhone"], empty.ErrorFields().Order());
        var badPhone = await Problem.Expect(await m09.PostAsJsonAsync("/api/accounts", new { company = "错号公司", contactName = "张", contactPhone = "12345" }), HttpStatusCode.BadRequest);
        Assert.Equal(["contactPhone"], badPhone.ErrorFields());
        var owner = await Problem.Expect(await m09.PostAsJsonAsync("/api/accounts", new { company = "错号公司", contactName = "张", contactPhone = NewPhone(), ownerBadge = "c01" }), HttpStatusCode.BadRequest);
        Assert.Equal(["ownerBadge"], owner.ErrorFields());
        Assert.Equal(count, (await OkAsync(await m09.GetAsync("/api/accounts"))).GetArrayLength());

        var id = await FileAsync(m09, "坏输入测试公司");
        Assert.Equal(["kind"], (await Problem.Expect(await m09.PostAsJsonAsync($"/api/accounts/{id}/activities", new { kind = "party", at = "18:00", note = "x" }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["at", "note"], (await Problem.Expect(await m09.PostAsJsonAsync($"/api/accounts/{id}/activities", new { kind = "call" }), HttpStatusCode.BadRequest)).ErrorFields().Order());
        Assert.Equal(["stage"], (await Problem.Expect(await MoveAsync(m09, id, "won"), HttpStatusCode.BadRequest)).ErrorFields());
        var today = await TodayAsync(m09);
        Assert.Equal(["to"], (await Problem.Expect(await m09.PostAsJsonAsync($"/api/accounts/{id}/contracts", ContractBody(today, today.AddDays(-1), 0.05m)), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["creditLimit", "discountRate", "settlement"], (await Problem.Expect(await m09.PostAsJsonAsync($"/api/accounts/{id}/contracts",
            new { from = today.ToString("yyyy-MM-dd"), to = today.AddDays(30).ToString("yyyy-MM-dd"), discountRate = 0.125m, creditLimit = -1 }), HttpStatusCode.BadRequest)).ErrorFields().Order());
        Assert.Equal(["stage"], (await Problem.Expect(await m09.GetAsync("/api/accounts?stage=won"), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["month"], (await Problem.Expect(await m09.GetAsync("/api/accounts/kpis?month=2026-13"), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["title"], (await Problem.Expect(await m09.PostAsJsonAsync("/api/accounts/research", new { note = "没有标题" }), HttpStatusCode.BadRequest)).ErrorFields());
        var detail = await OkAsync(await m09.GetAsync($"/api/accounts/{id}"));
        Assert.Empty(detail.GetProperty("activities").EnumerateArray());
        Assert.Empty(detail.GetProperty("contracts").EnumerateArray());
        await Problem.Expect(await m09.GetAsync($"/api/accounts/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Research_notes_are_dated_and_tagged_and_each_persons_figures_count_their_leads_visits_and_contracts()
    {
        var m10 = await app.ClientFor("m10");
        var fm = await app.ClientFor("fm01");
        var note = await OkAsync(await m10.PostAsJsonAsync("/api/accounts/research", new { title = "西湖区写字楼调研", note = "新开三栋写字楼，入驻企业以互联网为主", tags = "商圈，写字楼, 商圈" }), HttpStatusCode.Created);
        Assert.Equal(["商圈", "写字楼"], note.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var tagged = (await OkAsync(await m10.GetAsync("/api/accounts/research?tag=写字楼"))).EnumerateArray().ToList();
        Assert.Contains(tagged, n => n.Str("id") == note.Str("id"));
        Assert.All(tagged, n => Assert.Contains("写字楼", n.GetProperty("tags").EnumerateArray().Select(t => t.GetString())));
        Assert.DoesNotContain((await OkAsync(await m10.GetAsync("/api/accounts/research?tag=写字"))).EnumerateArray(), n => n.Str("id") == note.Str("id"));

        var today = await TodayAsync(m10);
        var month = today.ToString("yyyy-MM");
        async Task<JsonElement> Mine() => Assert.Single((await OkAsync(await m10.GetAsync($"/api/accounts/kpis?month={month}"))).GetProperty("people").EnumerateArray());
        var before = await Mine();
        Assert.Equal("m10", before.Str("badge"));
        var first = await FileAsync(m10, "指标测试一");
        await FileAsync(m10, "指标测试二");
        await OkAsync(await m10.PostAsJsonAsync($"/api/accounts/{first}/activities", new { kind = "visit", at = "17:00", note = "上门" }), HttpStatusCode.Created);
        await OkAsync(await m10.PostAsJsonAsync($"/api/accounts/{first}/activities", new { kind = "call", at = "17:10", note = "回电" }), HttpStatusCode.Created);
        await OkAsync(await m10.PostAsJsonAsync($"/api/accounts/{first}/contracts", ContractBody(today, today.AddMonths(12), 0.05m)), HttpStatusCode.Created);
        var after = await Mine();
        int Delta(string field) => after.GetProperty(field).GetInt32() - before.GetProperty(field).GetInt32();
        Assert.Equal((2, 2, 1, 1), (Delta("newLeads"), Delta("activities"), Delta("visits"), Delta("contractsSigned")));
        Assert.Equal(0m, after.GetProperty("contractedSpend").GetDecimal());
        // The floor reads everyone's row; the manager only their own.
        var all = (await OkAsync(await fm.GetAsync($"/api/accounts/kpis?month={month}"))).GetProperty("people").EnumerateArray().Select(p => p.Str("badge")).ToList();
        Assert.Contains("m10", all);
        Assert.Contains("dh01", all);
    }
}
