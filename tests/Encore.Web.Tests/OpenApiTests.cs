using System.Net.Http.Json;
using System.Text.Json;

namespace Encore.Web.Tests;

/// <summary>
/// /openapi/v1.json is the contract outside systems read: every operation documents its success answer (a schema,
/// a file type, or 204 without a body) and the problem answers, and what the API really sends matches what it documents
/// (every property of a live answer is in the documented schema).
/// </summary>
public sealed class OpenApiTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];

    private async Task<JsonElement> DocumentAsync() => await app.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

    [Fact]
    public async Task Every_operation_documents_its_success_answer_and_its_problems()
    {
        var doc = await DocumentAsync();
        var undocumented = new List<string>();
        var count = 0;
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
            foreach (var op in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                count++;
                var responses = op.Value.TryGetProperty("responses", out var r) ? r.EnumerateObject().ToList() : [];
                var success = responses.Any(x => x.Name == "204")
                    || responses.Any(x => x.Name.StartsWith('2') && x.Value.TryGetProperty("content", out var content)
                                          && content.EnumerateObject().Any(c => c.Value.TryGetProperty("schema", out _)));
                var problems = responses.Any(x => x.Name == "400") && responses.Any(x => x.Name == "403") && responses.Any(x => x.Name == "409");
                if (!success || !problems) undocumented.Add($"{op.Name.ToUpperInvariant()} {path.Name}{(success ? "" : ": no success schema")}{(problems ? "" : ": no problem answers")}");
            }
        Assert.True(count >= 90, $"only {count} operations in the document");
        Assert.True(undocumented.Count == 0, string.Join("\n", undocumented));
    }

    [Fact]
    public void The_house_rules_answer_has_every_section_of_the_rules()
    {
        var sections = typeof(Encore.Domain.HouseRules).GetProperties().Where(p => p.GetMethod!.IsStatic == false).Select(p => p.Name);
        var answered = typeof(Encore.Web.HouseRules.HouseRulesAnswer).GetProperties().Select(p => p.Name).ToHashSet();
        Assert.All(sections, s => Assert.Contains(s, answered));
    }

    /// <summary>What the GM reads from every parameterless GET: each property sent is one the document names.</summary>
    [Fact]
    public async Task Live_answers_send_only_documented_properties()
    {
        var doc = await DocumentAsync();
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var gm = await app.ClientFor("gm01");
        var checkedAnswers = 0;
        var strays = new List<string>();
        foreach (var path in doc.GetProperty("paths").EnumerateObject().Where(p => !p.Name.Contains('{') && p.Name.StartsWith("/api/")))
        {
            if (!path.Value.TryGetProperty("get", out var get)) continue;
            var ok = get.GetProperty("responses").EnumerateObject().FirstOrDefault(r => r.Name == "200");
            if (ok.Value.ValueKind != JsonValueKind.Object || !ok.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/json", out var json)) continue;
            var response = await gm.GetAsync(path.Name);
            if (!response.IsSuccessStatusCode) continue;
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Compare(path.Name, body, json.GetProperty("schema"), schemas, strays, depth: 0);
            checkedAnswers++;
        }
        Assert.True(checkedAnswers >= 15, $"only {checkedAnswers} answers compared");
        Assert.True(strays.Count == 0, string.Join("\n", strays.Distinct()));
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas)
    {
        if (schema.TryGetProperty("$ref", out var reference))
            return schemas.GetProperty(reference.GetString()!.Split('/').Last());
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
            if (schema.TryGetProperty(combinator, out var options))
                foreach (var option in options.EnumerateArray())
                    if (option.TryGetProperty("$ref", out _) || option.TryGetProperty("properties", out _) || option.TryGetProperty("items", out _))
                        return Resolve(option, schemas);
        return schema;
    }

    private static void Compare(string where, JsonElement value, JsonElement schema, JsonElement schemas, List<string> strays, int depth)
    {
        if (depth > 6) return;
        schema = Resolve(schema, schemas);
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            foreach (var item in value.EnumerateArray().Take(3)) Compare(where + "[]", item, items, schemas, strays, depth + 1);
        }
        else if (value.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in value.EnumerateObject())
            {
                if (!properties.TryGetProperty(property.Name, out var propertySchema)) strays.Add($"{where}.{property.Name} is sent but not documented");
                else Compare($"{where}.{property.Name}", property.Value, propertySchema, schemas, strays, depth + 1);
            }
        }
    }
}
