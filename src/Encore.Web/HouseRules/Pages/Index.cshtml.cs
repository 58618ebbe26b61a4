using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rules = Encore.Domain.HouseRules;

namespace Encore.Web.HouseRules.Pages;

/// <summary>
/// Everyone reads the house rules; the GM changes them. The form is generated from the rules' own JSON shape,
/// so a rule added to Encore.Domain.HouseRules appears here without page changes (it needs only its label).
/// Issue 13: every number is a number input (the phone's keypad) bounded by the validator's own table
/// (<see cref="HouseRulesValidator.Bounds"/>); a 0–1 rate (discount limits, shares) is typed and shown as a percentage
/// while the API keeps the fraction (API.md's contract: 0.20, not 20); a save reports every bad value at once, by
/// label, next to its field and in a summary, and saves nothing.
/// </summary>
public sealed class HouseRulesModel(EncoreDb db, HouseRulesStore store, TimeProvider clock, Texts texts, Caller caller) : PageModel
{
    /// <summary>One input: its value as typed, and for a number its input's type, keypad and bounds.</summary>
    public sealed record Field(string Path, string Value, Input Input);
    public sealed record Input(string Type, string? InputMode = null, string? Min = null, string? Max = null, string? Step = null, bool Percent = false);
    public sealed record Section(string Key, IReadOnlyList<Field> Fields);
    public sealed record HistoryRow(DateTimeOffset EffectiveFrom, DateTimeOffset CreatedAt, string Note);

    public IReadOnlyList<Section> Sections { get; private set; } = [];
    public IReadOnlyList<HistoryRow> History { get; private set; } = [];
    public DateTimeOffset? EffectiveFrom { get; private set; }
    /// <summary>Every message of a refused save, by field path (a field may break more than one rule).</summary>
    public Dictionary<string, List<string>> Errors { get; } = [];
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
        foreach (var (path, _) in Leaves(template, ""))
        {
            if (!Request.Form.TryGetValue(path, out var raw)) continue;
            var value = raw.ToString().Trim();
            if (Format(path, Find(currentJson, path)) == value) continue;
            var (parsed, problem) = Parse(path, value);
            if (problem is not null) problems.Add(problem);
            else Set(patch, path, parsed);
        }
        if (Request.Form.TryGetValue("effectiveFrom", out var fromText) && fromText.ToString() is { Length: > 0 } from)
        {
            if (DateTime.TryParse(from, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                patch["effectiveFrom"] = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToString("O");
            else problems.Add(new RuleProblem("effectiveFrom", "type"));
        }
        if (Request.Form.TryGetValue("note", out var note)) patch["note"] = note.ToString();

        // The rules are checked even when some values could not be read, so the GM sees every problem at once.
        var result = await HouseRulesApi.ChangeAsync(patch, HttpContext, db, store, clock, problems);
        if (result.Problems is null) { Saved = true; return RedirectToPage(); }
        foreach (var p in result.Problems)
        {
            var message = Message(p);
            if (!Errors.TryGetValue(p.Field, out var messages)) Errors[p.Field] = messages = [];
            if (!messages.Contains(message)) messages.Add(message);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(Request.Form);
        return Page();
    }

    /// <summary>A problem as the form shows it: a rate's bounds in percent ("0% 到 100%"), like the field itself.</summary>
    private static string Message(RuleProblem p) =>
        Problems.Message(IsPercent(p.Field) && p.Rule is "range" or "sum"
            ? p with { Args = p.Args.Select(a => a is decimal d ? (object)(Percent(d) + "%") : a).ToArray() }
            : p);

    private async Task LoadAsync(IFormCollection? posted)
    {
        var venue = User.VenueId();
        var version = await store.VersionAtAsync(venue, clock.GetUtcNow());
        EffectiveFrom = version.Id is null ? null
            : TimeZoneInfo.ConvertTime(version.EffectiveFrom, BusinessDay.FindZone(version.Rules.BusinessDay.TimeZone));
        var json = JsonSerializer.SerializeToNode(version.Rules, EncoreJson.Options)!.AsObject();
        Sections = json.Select(section => new Section(section.Key,
                Leaves(section.Value!.AsObject(), section.Key)
                    .Select(l => new Field(l.Path, posted?[l.Path].ToString() ?? Format(l.Path, l.Node), InputFor(l.Path)))
                    .ToList()))
            .ToList();
        History = await db.HouseRuleVersions.Where(v => v.VenueId == venue)
            .OrderByDescending(v => v.CreatedAt)
            .Select(v => new HistoryRow(v.EffectiveFrom, v.CreatedAt, v.Note))
            .Take(20).ToListAsync();
    }

    /// <summary>The C# type of a rule by its JSON path (bookings.standardHoldMinutes → int).</summary>
    private static Type? TypeOf(string path)
    {
        Type? type = typeof(Rules);
        foreach (var part in path.Split('.'))
            type = type?.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
        return type;
    }

    private static bool IsPercent(string path) => HouseRulesValidator.Bounds.TryGetValue(path, out var b) && b.Fraction;

    private static string Percent(decimal fraction) => Number(fraction * 100);

    private static string Number(decimal d) => d.ToString("0.####", CultureInfo.InvariantCulture);

    private static Input InputFor(string path)
    {
        var type = TypeOf(path);
        var whole = type == typeof(int);
        if (!whole && Nullable.GetUnderlyingType(type ?? typeof(object)) != typeof(decimal) && type != typeof(decimal)) return new Input("text");
        if (IsPercent(path)) return new Input("number", "decimal", "0", "100", "0.01", Percent: true);
        HouseRulesValidator.Bounds.TryGetValue(path, out var bounds);
        return new Input("number", whole ? "numeric" : "decimal",
            bounds is null ? null : Number(bounds.Min), bounds is null ? null : Number(bounds.Max), whole ? "1" : "0.01");
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

    /// <summary>A rule's value as the form shows it: a rate as a percentage (0.1 → 10), a list comma-separated.</summary>
    private static string Format(string path, JsonNode? node) => node switch
    {
        null => "",
        JsonArray array => string.Join(", ", array.Select(i => Format("", i))),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when IsPercent(path) && v.TryGetValue<decimal>(out var fraction) => Percent(fraction),
        _ => node.ToJsonString(),
    };

    /// <summary>Turns a form value into JSON of the rule's type, or the problem naming why it cannot be read.</summary>
    private static (JsonNode? Node, RuleProblem? Problem) Parse(string path, string value)
    {
        static decimal? Decimal(string s) =>
            decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

        var type = TypeOf(path);
        if (type == typeof(decimal?)) // an optional number, e.g. the GM's comp limit (empty = no limit)
            return value.Length == 0 ? (null, null) : Decimal(value) is { } n ? (JsonValue.Create(n), null) : (null, new(path, "type"));
        if (type == typeof(int) || type == typeof(decimal))
        {
            if (value.Length == 0) return (null, new(path, "required"));
            if (Decimal(value) is not { } number) return (null, new(path, "type"));
            if (type == typeof(int))
                return number == decimal.Truncate(number) && number is >= int.MinValue and <= int.MaxValue
                    ? (JsonValue.Create((int)number), null) : (null, new(path, "integer"));
            // The page takes a rate in percent; the rules (and the API) keep the fraction.
            return (JsonValue.Create(IsPercent(path) ? number / 100 : number), null);
        }
        if (type == typeof(TimeOnly))
            return TimeOnly.TryParse(value, CultureInfo.InvariantCulture, out var time)
                ? (JsonValue.Create(time.ToString("HH:mm:ss", CultureInfo.InvariantCulture)), null) : (null, new(path, "format", "21:00"));
        if (type == typeof(bool))
            return bool.TryParse(value, out var b) ? (JsonValue.Create(b), null) : (null, new(path, "type"));
        if (type is { IsGenericType: true } && type.GetGenericArguments() is [var item] && item == typeof(decimal))
        {
            var items = value.Split([',', '，', ' '], StringSplitOptions.RemoveEmptyEntries).Select(Decimal).ToList();
            return items.Any(i => i is null) ? (null, new(path, "type")) : (new JsonArray(items.Select(i => (JsonNode?)JsonValue.Create(i!.Value)).ToArray()), null);
        }
        return (JsonValue.Create(value), null);
    }
}
