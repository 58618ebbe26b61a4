using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rules = Encore.Domain.HouseRules;

namespace Encore.Web.HouseRules.Pages;

/// <summary>
/// Everyone reads the house rules; the GM changes them. The form is generated from the rules' own JSON shape,
/// so a rule added to Encore.Domain.HouseRules appears here without page changes (it needs only its label).
/// </summary>
public sealed class HouseRulesModel(EncoreDb db, HouseRulesStore store, TimeProvider clock, Texts texts, Caller caller) : PageModel
{
    public sealed record Field(string Path, string Value);
    public sealed record Section(string Key, IReadOnlyList<Field> Fields);
    public sealed record HistoryRow(DateTimeOffset EffectiveFrom, DateTimeOffset CreatedAt, string Note);

    public IReadOnlyList<Section> Sections { get; private set; } = [];
    public IReadOnlyList<HistoryRow> History { get; private set; } = [];
    public DateTimeOffset? EffectiveFrom { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];
    public bool CanEdit => caller.Can(Capability.EditHouseRules);
    [TempData] public bool Saved { get; set; }

    public string Label(string path)
    {
        var text = texts["rules." + path];
        return text == "rules." + path ? path : text;
    }

    public async Task OnGetAsync() => await LoadAsync(null);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!CanEdit) return Forbid();
        var venue = User.VenueId();
        var now = clock.GetUtcNow();
        var current = await store.VersionAtAsync(venue, now);
        var zone = BusinessDay.FindZone(current.Rules.BusinessDay.TimeZone);
        var template = JsonSerializer.SerializeToNode(Rules.Defaults, EncoreJson.Options)!.AsObject();
        var currentJson = JsonSerializer.SerializeToNode(current.Rules, EncoreJson.Options)!.AsObject();
        var patch = new JsonObject();
        var problems = new List<RuleProblem>();
        foreach (var (path, node) in Leaves(template, ""))
        {
            if (!Request.Form.TryGetValue(path, out var raw)) continue;
            var value = raw.ToString().Trim();
            if (Format(Find(currentJson, path)) == value) continue;
            if (Parse(node, value) is { } parsed) Set(patch, path, parsed.Node);
            else problems.Add(new RuleProblem(path, "type"));
        }
        if (Request.Form.TryGetValue("effectiveFrom", out var fromText) && fromText.ToString() is { Length: > 0 } from)
        {
            if (DateTime.TryParse(from, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                patch["effectiveFrom"] = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToString("O");
            else problems.Add(new RuleProblem("effectiveFrom", "type"));
        }
        if (Request.Form.TryGetValue("note", out var note)) patch["note"] = note.ToString();

        if (problems.Count == 0)
        {
            var result = await HouseRulesApi.ChangeAsync(patch, HttpContext, db, store, clock);
            if (result.Problems is null) { Saved = true; return RedirectToPage(); }
            problems.AddRange(result.Problems);
        }
        foreach (var p in problems) Errors.TryAdd(p.Field, Problems.Message(p));
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(Request.Form);
        return Page();
    }

    private async Task LoadAsync(IFormCollection? posted)
    {
        var venue = User.VenueId();
        var version = await store.VersionAtAsync(venue, clock.GetUtcNow());
        EffectiveFrom = version.Id is null ? null
            : TimeZoneInfo.ConvertTime(version.EffectiveFrom, BusinessDay.FindZone(version.Rules.BusinessDay.TimeZone));
        var json = JsonSerializer.SerializeToNode(version.Rules, EncoreJson.Options)!.AsObject();
        Sections = json.Select(section => new Section(section.Key,
                Leaves(section.Value!.AsObject(), section.Key)
                    .Select(l => new Field(l.Path, posted?[l.Path].ToString() ?? Format(l.Node)))
                    .ToList()))
            .ToList();
        History = await db.HouseRuleVersions.Where(v => v.VenueId == venue)
            .OrderByDescending(v => v.CreatedAt)
            .Select(v => new HistoryRow(v.EffectiveFrom, v.CreatedAt, v.Note))
            .Take(20).ToListAsync();
    }

    private static IEnumerable<(string Path, JsonNode? Node)> Leaves(JsonObject obj, string prefix)
    {
        foreach (var (key, value) in obj)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (value is JsonObject child)
                foreach (var leaf in Leaves(child, path)) yield return leaf;
            else yield return (path, value);
        }
    }

    private static JsonNode? Find(JsonObject root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path.Split('.')) node = node?[part];
        return node;
    }

    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var obj = root;
        foreach (var part in parts[..^1])
            obj = (obj[part] ??= new JsonObject()).AsObject();
        obj[parts[^1]] = value;
    }

    private static string Format(JsonNode? node) => node switch
    {
        null => "",
        JsonArray array => string.Join(", ", array.Select(Format)),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    /// <summary>Turns a form value into JSON of the template's kind; null when it cannot be read.</summary>
    private static (JsonNode? Node, bool Ok)? Parse(JsonNode? template, string value)
    {
        static JsonNode? Number(string s) =>
            decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d) : null;

        switch (template)
        {
            case null: // an optional number, e.g. the GM's comp limit (empty = no limit)
                if (value.Length == 0) return (null, true);
                return Number(value) is { } n ? (n, true) : null;
            case JsonArray:
                var items = value.Split([',', '，', ' '], StringSplitOptions.RemoveEmptyEntries).Select(Number).ToList();
                return items.Any(i => i is null) ? null : (new JsonArray(items.ToArray()), true);
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return (JsonValue.Create(value), true);
            case JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return bool.TryParse(value, out var b) ? (JsonValue.Create(b), true) : null;
            default:
                return Number(value) is { } number ? (number, true) : null;
        }
    }
}
