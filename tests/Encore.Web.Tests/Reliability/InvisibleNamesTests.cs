using System.Net;
using System.Net.Http.Json;

namespace Encore.Web.Tests.Reliability;

/// <summary>
/// Issue 12, item 14: a name made only of zero-width characters shows as nothing on every screen, and a direction
/// override makes a name display other than it is stored ("\u202Eabc" reads "cba"). Both are refused, naming the field
/// and the rule, and nothing is written; ordinary names, emoji with zero-width joiners included, still go through.
/// </summary>
public sealed class InvisibleNamesTests(EncoreFactory app) : ServerTest(app), IClassFixture<EncoreFactory>
{
    public static TheoryData<string, string> Refused => new()
    {
        { "\u200B\u200B", "rule.invisibleOnly" },          // zero-width spaces only
        { "\u200D\uFEFF\u2060", "rule.invisibleOnly" },     // zero-width joiner, BOM, word joiner
        { "\u3164", "rule.invisibleOnly" },                 // Hangul filler: renders blank
        { "王\u202E五六", "rule.directionOverride" },        // right-to-left override
        { "\u2067张三\u2069", "rule.directionOverride" },    // right-to-left isolate
    };

    private int CustomersNamed(string name) => app.With(db => db.Customers.Count(c => c.Name == name.Trim()));

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_customer_name_that_shows_nothing_or_overrides_direction_is_refused(string name, string rule)
    {
        var manager = await app.ClientFor("m05", language: "en");
        var problem = await Problem.Expect(await manager.PostAsJsonAsync("/api/customers", new { name, phone = "13900001234" }), HttpStatusCode.BadRequest);
        Assert.Equal(["name"], problem.ErrorFields());
        Assert.Contains(rule == "rule.invisibleOnly" ? "is required" : "direction", problem.GetProperty("errors").GetProperty("name")[0].GetString());
        Assert.Equal(0, CustomersNamed(name));
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_staff_name_that_shows_nothing_or_overrides_direction_is_refused(string name, string rule)
    {
        _ = rule;
        var gm = await app.ClientFor("gm01");
        var badge = "z" + Math.Abs(name.GetHashCode() % 1000);
        var problem = await Problem.Expect(await gm.PostAsJsonAsync("/api/staff",
            new { badge, name, password = "secret-123", roles = new[] { "manager" }, department = "营销一部" }), HttpStatusCode.BadRequest);
        Assert.Contains("name", problem.ErrorFields());
        Assert.Equal(0, app.With(db => db.Users.Count(u => u.UserName == badge)));
    }

    [Fact]
    public async Task Visible_names_with_emoji_joiners_still_go_through()
    {
        var manager = await app.ClientFor("m05");
        var family = "王家 👨\u200D👩\u200D👧";
        Assert.Equal(HttpStatusCode.Created, (await manager.PostAsJsonAsync("/api/customers", new { name = family, phone = "13900005678" })).StatusCode);
        Assert.Equal(1, CustomersNamed(family));
    }

    [Fact]
    public async Task An_optional_text_of_only_invisible_characters_is_refused_too()
    {
        var manager = await app.ClientFor("m05");
        var problem = await Problem.Expect(await manager.PostAsJsonAsync("/api/customers", new { name = "李四", phone = "13900007777", company = "\u200B" }),
            HttpStatusCode.BadRequest);
        Assert.Equal(["company"], problem.ErrorFields());
    }
}
