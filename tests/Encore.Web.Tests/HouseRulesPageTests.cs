using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Encore.Web.Tests;

/// <summary>
/// Issue 13, "House rules: numbers as number inputs (phone keypad), all errors at once, labels instead of paths" and
/// "discount limits typed as percentages, not 0–1": the GM's form, over HTTP. The API keeps the fractions (API.md).
/// </summary>
public sealed partial class HouseRulesPageTests(EncoreFactory app) : ServerTest(app), IClassFixture<EncoreFactory>
{
    [GeneratedRegex("""<input[^>]*\bid="(?<id>[^"]+)"[^>]*>""")]
    private static partial Regex Input();

    private static Dictionary<string, string> Inputs(string html) =>
        Input().Matches(html).ToDictionary(m => m.Groups["id"].Value, m => m.Value);

    private static string Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\s{name}=\"(?<v>[^\"]*)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups["v"].Value) : "(none)";

    [Fact]
    public async Task Every_number_is_a_number_input_within_its_rule_and_a_discount_limit_shows_as_a_percentage()
    {
        var gm = await PageSession.SignedIn(app, "gm01");
        var html = await gm.GetStringAsync("/house-rules");
        var inputs = Inputs(html);

        var hold = inputs["bookings.standardHoldMinutes"];
        Assert.Equal(("number", "numeric", "1", "240", "1"),
            (Attribute(hold, "type"), Attribute(hold, "inputmode"), Attribute(hold, "min"), Attribute(hold, "max"), Attribute(hold, "step")));
        var fine = inputs["fines.complaintMin"];
        Assert.Equal(("number", "decimal"), (Attribute(fine, "type"), Attribute(fine, "inputmode")));

        // SPEC.md's 10% for a manager: 0.1 in the rules and the API, "10" with a % beside it on the form.
        var discount = inputs["authority.manager.maxDiscountRate"];
        Assert.Equal(("number", "decimal", "10", "0", "100"),
            (Attribute(discount, "type"), Attribute(discount, "inputmode"), Attribute(discount, "value"), Attribute(discount, "min"), Attribute(discount, "max")));
        Assert.Matches("""id="authority\.manager\.maxDiscountRate"[^>]*>\s*<span class="input-group-text">%</span>""", html);
        Assert.Equal("40", Attribute(inputs["fines.floorManagerShare"], "value"));

        // Every rule the validator bounds is a number input; text stays only for time zones, times and lists.
        var numbers = inputs.Where(i => Attribute(i.Value, "type") == "number").Select(i => i.Key).ToHashSet();
        Assert.DoesNotContain(Encore.Domain.HouseRulesValidator.Bounds.Keys, k => !numbers.Contains(k));
    }

    [Fact]
    public async Task Several_bad_values_are_all_named_by_label_at_once_and_nothing_is_saved()
    {
        var gm = await PageSession.SignedIn(app, "gm01");
        var before = app.With(db => db.HouseRuleVersions.Count());
        var token = await PageSession.TokenFrom(gm, "/house-rules");
        var refused = await gm.PostAsync("/house-rules", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["bookings.standardHoldMinutes"] = "0",          // out of its range
            ["bookings.cleaningMinutes"] = "ten",            // not a number: must not hide the others
            ["authority.manager.maxDiscountRate"] = "150",   // 150%
            ["customers.vipWindowDays"] = "30.5",            // days are whole
            ["fines.complaintMin"] = "20",                   // a good value: not saved either, since others are bad
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        var summary = Regex.Match(html, """data-testid="errors".*?<form""", RegexOptions.Singleline).Value;
        foreach (var expected in new[]
                 {
                     "常规预订保留（分钟）：必须在 1 到 240 之间", "清洁后自动释放（分钟）：格式或类型不正确",
                     "客服经理：最大折扣率：必须在 0% 到 100% 之间", "VIP 统计天数：必须是整数",
                 })
            Assert.Contains(expected, summary);
        Assert.DoesNotContain("bookings.standardHoldMinutes：", summary);
        // Each one also next to its field.
        foreach (var field in new[] { "bookings.standardHoldMinutes", "bookings.cleaningMinutes", "authority.manager.maxDiscountRate", "customers.vipWindowDays" })
            Assert.Matches($"""data-error-for="{Regex.Escape(field)}">[^<]+""", html);
        Assert.Equal(before, app.With(db => db.HouseRuleVersions.Count()));
    }

    [Fact]
    public async Task A_discount_limit_typed_as_25_percent_is_saved_as_a_quarter_in_the_API()
    {
        var gm = await PageSession.SignedIn(app, "gm01");
        var token = await PageSession.TokenFrom(gm, "/house-rules");
        var saved = await gm.PostAsync("/house-rules", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["authority.departmentHead.maxDiscountRate"] = "25", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var rules = await (await app.ClientFor("gm01")).GetFromJsonAsync<JsonElement>("/api/house-rules");
        Assert.Equal(0.25m, rules.GetProperty("authority").GetProperty("departmentHead").GetProperty("maxDiscountRate").GetDecimal());
        Assert.Equal("25", Attribute(Inputs(await gm.GetStringAsync("/house-rules"))["authority.departmentHead.maxDiscountRate"], "value"));
    }
}
