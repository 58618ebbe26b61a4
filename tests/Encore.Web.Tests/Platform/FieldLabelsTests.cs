using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Encore.Web.Platform;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.Platform;

/// <summary>
/// Issue 13, "Words": a message names a field by the label the person sees ("客人姓名：必填"), not by its code
/// ("字段 customerName：必填"), in Chinese and English; problem details keep the JSON name as the key of <c>errors</c>.
/// </summary>
public sealed partial class FieldLabelsTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Theory]
    [InlineData("zh-CN", "客人姓名：必填", "客人电话：必填", "人数：必填")]
    [InlineData("en", "Guest name: is required", "Guest phone: is required", "Party size: is required")]
    public async Task A_booking_without_name_phone_and_party_size_names_them_by_label_keyed_by_JSON_name(
        string language, string name, string phone, string partySize)
    {
        var manager = await app.ClientFor("m03", language: language);
        var before = app.With(db => db.Bookings.Count());
        var problem = await Problem.Expect(await manager.PostAsJsonAsync("/api/bookings", new { arrival = "21:00" }), HttpStatusCode.BadRequest);

        Assert.Equal(["customerName", "customerPhone", "partySize"], problem.ErrorFields().Order());
        var errors = problem.GetProperty("errors");
        Assert.Equal(name, errors.GetProperty("customerName")[0].GetString());
        Assert.Equal(phone, errors.GetProperty("customerPhone")[0].GetString());
        Assert.Equal(partySize, errors.GetProperty("partySize")[0].GetString());
        var detail = problem.Detail();
        Assert.All(new[] { name, phone, partySize }, text => Assert.Contains(text, detail));
        Assert.All(new[] { "customerName", "customerPhone", "partySize", "字段", "Field " }, code => Assert.DoesNotContain(code, detail));
        Assert.Equal(before, app.With(db => db.Bookings.Count()));
    }

    [Fact]
    public async Task A_house_rule_and_a_comp_line_are_named_by_their_labels()
    {
        var gm = await app.ClientFor("gm01");
        var rule = await Problem.Expect(await gm.PutAsJsonAsync("/api/house-rules", new { authority = new { manager = new { maxDiscountRate = 2 } } }),
            HttpStatusCode.BadRequest);
        Assert.Equal(["authority.manager.maxDiscountRate"], rule.ErrorFields());
        Assert.StartsWith("客服经理：最大折扣", rule.Detail());
        Assert.DoesNotContain("authority.manager", rule.Detail());

        var room = await app.OpenRoomForAsync("m02");
        var close = await Problem.Expect(await (await app.ClientFor("c01", language: "en")).PostAsJsonAsync($"/api/rooms/{room}/close",
            new { spend = 1000, comps = new[] { new { item = "", value = 10 } } }), HttpStatusCode.BadRequest);
        Assert.Contains("comps[0].item", close.ErrorFields());
        Assert.Equal("Comps #1 item: is required", close.GetProperty("errors").GetProperty("comps[0].item")[0].GetString());
    }

    [Fact]
    public void Indexed_fields_csv_lines_and_unknown_fields_have_readable_names()
    {
        Assert.Equal("赠送第2项 金额", In("zh-CN", () => Problems.Label("comps[1].value")));
        Assert.Equal("Comps #2 value", In("en", () => Problems.Label("comps[1].value")));
        Assert.Equal("第 5 行", In("zh-CN", () => Problems.Label("line 5")));
        Assert.Equal("Line 5", In("en", () => Problems.Label("line 5")));
        // A field without a label shows its code rather than nothing.
        Assert.Equal("noSuchField", In("zh-CN", () => Problems.Label("noSuchField")));
        // Rules whose argument names another field show that field's label too.
        Assert.Equal("确认码：必填，或改填 客人姓名 + 客人电话",
            In("zh-CN", () => Problems.Message(new Encore.Domain.RuleProblem("confirmationCode", "requiredEither", "customerName + customerPhone"))));
    }

    /// <summary>
    /// Every field name a validation in the code base reports (a literal passed to Validator, RuleProblem,
    /// Problems.Validation and the parsing helpers), and every house rule's path, has a label in both languages.
    /// </summary>
    [Fact]
    public void Every_validated_field_and_every_house_rule_has_a_label_in_both_languages()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var fields = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .Where(text => text.Contains("Validator", StringComparison.Ordinal) || text.Contains("RuleProblem", StringComparison.Ordinal))
            .SelectMany(text => FieldLiteral().Matches(text).Select(m => m.Groups["field"].Value))
            .ToHashSet();
        // The paths the request handlers build from variables.
        fields.UnionWith(["comps[0].item", "comps[0].value", "line 2"]);
        // The ones issue 13 names, so the scan cannot silently miss them.
        Assert.Superset(new HashSet<string> { "customerName", "customerPhone", "arrival", "partySize", "bookerBadge", "bookerDepartment", "note",
            "name", "phone", "birthday", "company", "spend", "discount", "roomCharge", "comps", "badge", "password", "roles", "department" }, fields);

        var rules = JsonSerializer.SerializeToNode(Encore.Domain.HouseRules.Defaults, new JsonSerializerOptions(JsonSerializerDefaults.Web))!.AsObject();
        fields.UnionWith(Leaves(rules, ""));

        foreach (var culture in Texts.Cultures)
        {
            var unlabelled = fields.Where(f => In(culture, () => Problems.Label(f)) == f).Order().ToList();
            Assert.True(unlabelled.Count == 0, $"{culture}: no label for {string.Join(", ", unlabelled)}");
        }
    }

    private static IEnumerable<string> Leaves(JsonObject obj, string prefix) =>
        obj.SelectMany(p => p.Value is JsonObject child ? Leaves(child, prefix + p.Key + ".") : [prefix + p.Key]);

    [GeneratedRegex("""(?:\.(?:Text|Range|OneOf|Add|InWindow|ParseInstant)|Validation|RuleProblem|Phone|OutOfWindow|new)\((?:v, *)?"(?<field>[a-z][A-Za-z.]*)"[,)]""")]
    private static partial Regex FieldLiteral();

    private static string In(string culture, Func<string> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try { return read(); }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Encore.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Encore.slnx not found above " + AppContext.BaseDirectory);
    }
}
