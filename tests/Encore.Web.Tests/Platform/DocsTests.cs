using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Encore.Web.Tests.Platform;

/// <summary>
/// Issue 13: Encore carries its own documentation (docs/api.md, docs/rules.md) instead of links out of the
/// repository. These keep it honest: every operation of the served OpenAPI document is listed in docs/api.md as
/// <c>`METHOD /path`</c>, and every route listed there exists; every house rule (each leaf of
/// <see cref="Encore.Domain.HouseRules.Defaults"/> by its JSON path) is in docs/rules.md, and every rule path named
/// there exists. A new route or rule without its line fails here.
/// </summary>
public sealed partial class DocsTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];

    private static string Doc(string name) => File.ReadAllText(Path.Combine(FieldLabelsTests.RepositoryRoot(), "docs", name));

    [Fact]
    public async Task Every_route_of_the_OpenAPI_document_is_in_docs_api_md_and_no_other()
    {
        var doc = await app.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var served = doc.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)).Select(o => $"{o.Name.ToUpperInvariant()} {p.Name}"))
            .ToHashSet();
        var text = Doc("api.md");
        var documented = RouteInDoc().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();

        Assert.True(served.Count >= 90, $"only {served.Count} operations served");
        var missing = served.Where(r => !documented.Contains(r)).Order().ToList();
        Assert.True(missing.Count == 0, "served but not in docs/api.md:\n" + string.Join("\n", missing));
        var invented = documented.Where(r => !served.Contains(r)).Order().ToList();
        Assert.True(invented.Count == 0, "in docs/api.md but not served:\n" + string.Join("\n", invented));
    }

    [Fact]
    public void Every_house_rule_is_in_docs_rules_md_and_no_other()
    {
        // The JSON paths of /api/house-rules: camelCase, as the API and the house-rules page name them.
        var root = JsonSerializer.SerializeToNode(Encore.Domain.HouseRules.Defaults, JsonSerializerOptions.Web)!.AsObject();
        var leaves = new List<string>();
        Leaves(root, "", leaves);
        var text = Doc("rules.md");

        Assert.True(leaves.Count >= 60, $"only {leaves.Count} house rules");
        var missing = leaves.Where(path => !text.Contains($"`{path}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "house rules not in docs/rules.md:\n" + string.Join("\n", missing));
        var sections = root.Select(s => s.Key).ToHashSet();
        var invented = RuleInDoc().Matches(text).Select(m => m.Groups[1].Value)
            .Where(path => sections.Contains(path.Split('.')[0]) && !leaves.Contains(path)).Distinct().ToList();
        Assert.True(invented.Count == 0, "in docs/rules.md but no house rule:\n" + string.Join("\n", invented));
    }

    private static void Leaves(JsonNode? node, string path, List<string> into)
    {
        if (node is JsonObject obj)
            foreach (var (key, child) in obj) Leaves(child, path.Length == 0 ? key : $"{path}.{key}", into);
        else into.Add(path);
    }

    [GeneratedRegex(@"`((?:GET|POST|PUT|DELETE|PATCH) /[^`\s?]*)`")]
    private static partial Regex RouteInDoc();

    [GeneratedRegex(@"`([a-z][A-Za-z]*(?:\.[a-z][A-Za-z]*)+)`")]
    private static partial Regex RuleInDoc();
}
