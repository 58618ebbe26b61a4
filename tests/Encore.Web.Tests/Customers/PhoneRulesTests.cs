using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.Customers;

/// <summary>
/// SPEC.md "Customer files" at the edges: which numbers are phones (and how they are stored), how a phone looks to
/// those who may not see it, who sees it, and that a consent lets exactly one manager book exactly one customer.
/// Mobiles here are 1[3-9] then 0…: the demo venue's random customers never have a 0 in the fourth digit.
/// </summary>
public sealed class PhoneRulesTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    private async Task<HttpResponseMessage> FileAsync(string badge, string name, string? phone) =>
        await (await app.ClientFor(badge, language: "en")).PostAsJsonAsync("/api/customers", new { name, phone });

    private async Task<JsonElement> FiledAsync(string badge, string name, string phone)
    {
        var response = await FileAsync(badge, name, phone);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return Json(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("13900000001", "13900000001")]
    [InlineData("19900000002", "19900000002")]
    [InlineData("139 0000-0003", "13900000003")]
    [InlineData("(139)00000004", "13900000004")]
    [InlineData("\t13900000005 ", "13900000005")]
    [InlineData("0101234567", "0101234567")]
    [InlineData("010123456789", "010123456789")]
    [InlineData("+123456", "+123456")]
    [InlineData("+123456789012345", "+123456789012345")]
    public async Task A_mobile_a_landline_or_an_international_number_at_its_length_limits_is_filed_without_separators(string typed, string stored)
    {
        var file = await FiledAsync("m01", $"边界客{stored[^3..]}", typed);
        Assert.Equal(stored, file.Str("phone"));
        Assert.False(file.GetProperty("phoneMasked").GetBoolean());
    }

    [Theory]
    [InlineData("1390000000")]          // a mobile one digit short
    [InlineData("139000000061")]        // … and one too long
    [InlineData("12900000007")]         // mobiles start 13–19
    [InlineData("010123456")]           // a landline one digit short
    [InlineData("0101234567890")]       // … and one too long
    [InlineData("+12345")]              // international: 6 to 15 digits
    [InlineData("+1234567890123456")]
    [InlineData("139.0000.0009")]       // dots are not separators
    [InlineData("a13900000010")]
    [InlineData("13900000010a")]
    [InlineData("0101234567x")]
    [InlineData("+123456x")]
    [InlineData("x+123456")]
    [InlineData("++123456")]
    public async Task A_number_that_is_no_phone_is_refused_as_such_and_nothing_is_filed(string typed)
    {
        var problem = await Problem.Expect(await FileAsync("m02", "不是电话", typed), HttpStatusCode.BadRequest);
        Assert.Equal(["phone"], problem.ErrorFields());
        Assert.Contains("not a phone number", problem.Detail());
    }

    [Fact]
    public async Task A_missing_phone_is_refused_as_required_not_as_a_wrong_number()
    {
        foreach (var phone in new[] { null, "", "   " })
        {
            var problem = await Problem.Expect(await FileAsync("m02", "没有电话", phone), HttpStatusCode.BadRequest);
            Assert.Equal(["phone"], problem.ErrorFields());
            Assert.Equal("Phone: is required", problem.Detail());
        }
    }

    [Theory]
    [InlineData("13900000020", "139****0020")]
    [InlineData("0101234568", "010***4568")]
    [InlineData("+76543210", "+76**3210")]
    [InlineData("+7654321", "******21")]
    [InlineData("+765432", "*****32")]
    public async Task Another_manager_sees_the_first_three_and_last_four_digits_and_of_a_short_number_only_the_last_two(string phone, string masked)
    {
        var file = await FiledAsync("m03", $"遮挡客{phone[^2..]}", phone);
        var seen = Json(await (await app.ClientFor("m04")).GetStringAsync($"/api/customers/{file.Str("id")}"));
        Assert.Equal(masked, seen.Str("phone"));
        Assert.True(seen.GetProperty("phoneMasked").GetBoolean());
    }

    [Fact]
    public async Task The_owner_the_floor_manager_and_the_GM_see_the_phone_and_nobody_else()
    {
        var file = await FiledAsync("m05", "谁能看见", "13900000030");
        foreach (var badge in new[] { "m05", "fm01", "gm01" })
        {
            var seen = Json(await (await app.ClientFor(badge)).GetStringAsync($"/api/customers/{file.Str("id")}"));
            Assert.Equal("13900000030", seen.Str("phone"));
            Assert.False(seen.GetProperty("phoneMasked").GetBoolean(), badge);
        }
        foreach (var badge in new[] { "m06", "dh01", "h01", "c01" })
        {
            var seen = Json(await (await app.ClientFor(badge)).GetStringAsync($"/api/customers/{file.Str("id")}"));
            Assert.Equal("139****0030", seen.Str("phone"));
            Assert.True(seen.GetProperty("phoneMasked").GetBoolean(), badge);
        }
    }

    [Fact]
    public async Task A_consent_lets_that_manager_book_that_customer_only()
    {
        var owner = await app.ClientFor("m07");
        var consented = await FiledAsync("m07", "同意客", "13900000040");
        var other = await FiledAsync("m07", "另一位客", "13900000041");
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync($"/api/customers/{consented.Str("id")}/consent", new { toBadge = "m08", reason = "出差" })).StatusCode);
        var arrival = (await (await app.ClientFor("gm01")).NowAsync()).AddHours(1).ToString("O");
        var book = async (string badge, JsonElement customer) =>
            await (await app.ClientFor(badge)).PostAsJsonAsync("/api/bookings", new { customerId = customer.Str("id"), arrival, partySize = 4 });

        await Problem.Expect(await book("m08", other), HttpStatusCode.Conflict);
        await Problem.Expect(await book("m09", consented), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Created, (await book("m08", consented)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await book("m07", other)).StatusCode);
    }

    [Fact]
    public async Task A_long_name_keeps_its_pinyin_within_what_the_file_holds()
    {
        var name = new string('庄', 50);
        var file = await FiledAsync("m10", name, "13900000050");
        var id = Guid.Parse(file.Str("id"));
        var pinyin = app.With(db => db.Customers.Single(c => c.Id == id).Pinyin);
        var initials = app.With(db => db.Customers.Single(c => c.Id == id).Initials);
        Assert.Equal(200, pinyin.Length);
        Assert.StartsWith("zhuangzhuang", pinyin);
        Assert.Equal(new string('z', 50), initials);
        var found = await (await app.ClientFor("m10")).GetFromJsonAsync<JsonElement>("/api/customers?q=zhuangzhuang");
        Assert.Contains(found.EnumerateArray(), c => c.Str("id") == file.Str("id"));
    }
}
