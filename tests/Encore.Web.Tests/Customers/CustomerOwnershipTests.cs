using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.Customers;

/// <summary>SPEC.md "Customer files": ownership (客户归属), masking, consent, handover and duplicates.</summary>
public sealed class CustomerOwnershipTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    private async Task<JsonElement> File(string badge, string name, string phone, string company = "")
    {
        var response = await (await app.ClientFor(badge)).PostAsJsonAsync("/api/customers", new { name, phone, company, birthday = "1985-06-01", notes = "喜欢红酒" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return Json(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_phone_on_file_belongs_to_its_owner_and_others_see_it_masked()
    {
        var file = await File("m01", "欧阳总", "13912345601");
        Assert.Equal("m01", file.Str("ownerBadge"));
        Assert.Equal("13912345601", file.Str("phone"));

        var again = await (await app.ClientFor("m02")).PostAsJsonAsync("/api/customers", new { name = "欧阳", phone = "139 1234 5601" });
        Assert.Contains("m01", (await Problem.Expect(again, HttpStatusCode.Conflict)).Detail());

        var other = Json(await (await app.ClientFor("m02")).GetStringAsync($"/api/customers/{file.Str("id")}"));
        Assert.Equal("139****5601", other.Str("phone"));
        Assert.True(other.GetProperty("phoneMasked").GetBoolean());
        Assert.Equal("", other.Str("notes"));
        var desk = Json(await (await app.ClientFor("h02")).GetStringAsync($"/api/customers/{file.Str("id")}"));
        Assert.Equal("139****5601", desk.Str("phone"));

        // The floor manager sees it, and that unmasked view is in the audit log; the owner's own views are not.
        var auditBefore = app.With(db => db.AuditEntries.Count(a => a.Action == "customer.phoneViewed"));
        Assert.Equal("13912345601", Json(await (await app.ClientFor("fm01")).GetStringAsync($"/api/customers/{file.Str("id")}")).Str("phone"));
        await (await app.ClientFor("m01")).GetStringAsync($"/api/customers/{file.Str("id")}");
        Assert.Equal(auditBefore + 1, app.With(db => db.AuditEntries.Count(a => a.Action == "customer.phoneViewed" && a.ActorBadge == "fm01")));
    }

    [Fact]
    public async Task Another_manager_cannot_book_the_customer_until_the_owner_consents()
    {
        var file = await File("m03", "司马先生", "13912345602");
        var now = await (await app.ClientFor("gm01")).NowAsync();
        var m04 = await app.ClientFor("m04");
        var refused = await m04.PostAsJsonAsync("/api/bookings", new { customerName = "司马先生", customerPhone = "13912345602", arrival = now.AddHours(1).ToString("O"), partySize = 4 });
        Assert.Contains("m03", (await Problem.Expect(refused, HttpStatusCode.Conflict)).Detail());
        var byId = await m04.PostAsJsonAsync("/api/bookings", new { customerId = file.Str("id"), arrival = now.AddHours(1).ToString("O"), partySize = 4 });
        await Problem.Expect(byId, HttpStatusCode.Conflict);

        await Problem.Expect(await m04.PostAsJsonAsync($"/api/customers/{file.Str("id")}/consent", new { toBadge = "m04" }), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("m03")).PostAsJsonAsync($"/api/customers/{file.Str("id")}/consent", new { toBadge = "m04", reason = "我今晚休息" })).StatusCode);
        var booked = await m04.PostAsJsonAsync("/api/bookings", new { customerName = "司马先生", customerPhone = "13912345602", arrival = now.AddHours(1).ToString("O"), partySize = 4 });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        // Consent lets m04 book; the file still belongs to m03.
        Assert.Equal("m03", Json(await (await app.ClientFor("m03")).GetStringAsync($"/api/customers/{file.Str("id")}")).Str("ownerBadge"));
    }

    [Fact]
    public async Task A_booking_for_a_new_phone_files_the_customer_for_the_booker()
    {
        var now = await (await app.ClientFor("gm01")).NowAsync();
        var booking = await (await app.ClientFor("m05")).BookAsync(now.AddHours(1), name: "上官女士", phone: "13912345603");
        var mine = await (await app.ClientFor("m05")).GetFromJsonAsync<JsonElement>("/api/customers?q=5603");
        var filed = Assert.Single(mine.EnumerateArray());
        Assert.Equal("上官女士", filed.Str("name"));
        Assert.Equal("m05", filed.Str("ownerBadge"));
        Assert.NotEqual("", booking.Str("id"));
        // Others' searches do not find it.
        Assert.Empty((await (await app.ClientFor("m06")).GetFromJsonAsync<JsonElement>("/api/customers?q=5603")).EnumerateArray());
    }

    /// <summary>
    /// A booking that files a new guest checks the file against those of the same name, as a create does; it reads them
    /// with its booker, in one statement (Bookings/Create.cs), so this is its own path to the duplicate rules.
    /// </summary>
    [Fact]
    public async Task A_booking_that_files_a_new_guest_flags_a_file_of_the_same_name_one_digit_away()
    {
        await File("m07", "欧阳锋", "13912345620");
        await File("m07", "欧阳克", "13912345621"); // one digit away too, but another name: not the same person
        var now = await (await app.ClientFor("gm01")).NowAsync();
        await (await app.ClientFor("m08")).BookAsync(now.AddHours(1), name: "欧阳锋", phone: "13912345622");
        var flags = (await (await app.ClientFor("fm01")).GetFromJsonAsync<JsonElement>("/api/customers/flags")).EnumerateArray().ToList();
        Assert.Equal(["same name, similar phone"], flags.Where(f => f.Str("name") == "欧阳锋").Select(f => f.Str("reason")));
        Assert.DoesNotContain(flags, f => f.Str("name") == "欧阳克");
    }

    [Fact]
    public async Task Possible_duplicates_are_flagged_for_the_floor_never_merged()
    {
        await File("m07", "诸葛亮", "13912345604", "蜀汉集团");
        await File("m08", "诸葛亮", "13912345605");          // one digit away
        await File("m09", "诸葛亮", "13700000000", "蜀汉集团"); // same company
        var flags = (await (await app.ClientFor("fm01")).GetFromJsonAsync<JsonElement>("/api/customers/flags")).EnumerateArray()
            .Where(f => f.Str("name") == "诸葛亮").ToList();
        Assert.Equal(["same name, same company", "same name, similar phone"], flags.Select(f => f.Str("reason")).Order());
        Assert.Equal(3, app.With(db => db.Customers.Count(c => c.Name == "诸葛亮")));
        await Problem.Expect(await (await app.ClientFor("m07")).GetAsync("/api/customers/flags"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_leavers_book_is_spread_over_chosen_managers_and_recorded()
    {
        var gm = await app.ClientFor("gm01");
        Assert.Equal(HttpStatusCode.Created, (await gm.PostAsJsonAsync("/api/staff", new { badge = "m70", name = "离职经理", password = EncoreFactory.PasswordOf("m70"), roles = new[] { "manager" }, department = "营销二部" })).StatusCode);
        for (var i = 0; i < 5; i++) await File("m70", $"客户{i}", $"1391234570{i}");
        var spread = await (await app.ClientFor("fm01")).PostAsJsonAsync("/api/customers/handover", new { fromBadge = "m70", toBadges = new[] { "m10", "m11" }, reason = "离职交接" });
        Assert.Equal(HttpStatusCode.OK, spread.StatusCode);
        Assert.Equal([3, 2], Json(await spread.Content.ReadAsStringAsync()).EnumerateArray().Select(x => x.GetProperty("customers").GetInt32()));
        Assert.Equal(0, app.With(db => db.Customers.Count(c => db.Users.Any(u => u.Id == c.OwnerId && u.UserName == "m70"))));
        Assert.Equal(5, app.With(db => db.CustomerHandovers.Count(h => db.Users.Any(u => u.Id == h.FromId && u.UserName == "m70"))));
        await Problem.Expect(await (await app.ClientFor("m10")).PostAsJsonAsync("/api/customers/handover", new { fromBadge = "m11", toBadges = new[] { "m10" }, reason = "x" }), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("13912345abc")]
    [InlineData("1291234567")]
    [InlineData("12345")]
    [InlineData("")]
    public async Task A_phone_that_is_no_phone_is_refused_naming_the_field(string phone)
    {
        var problem = await Problem.Expect(await (await app.ClientFor("m12")).PostAsJsonAsync("/api/customers", new { name = "测试", phone }), HttpStatusCode.BadRequest);
        Assert.Equal(["phone"], problem.ErrorFields());
    }

    [Theory]
    [InlineData("0755-12345678", "075512345678")]
    [InlineData("+85291234567", "+85291234567")]
    [InlineData("(010) 8765 4321", "01087654321")]
    public async Task Landlines_and_international_numbers_are_phones(string phone, string stored)
    {
        var file = await File("m12", "座机客户" + phone.Length, phone);
        // Filed as the number without separators, and found again by it.
        Assert.Equal(stored, file.Str("phone"));
        var id = Guid.Parse(file.Str("id"));
        Assert.Equal(stored, app.With(db => db.Customers.Single(c => c.Id == id).Phone));
    }
}
