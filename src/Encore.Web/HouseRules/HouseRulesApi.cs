using System.Text.Json.Nodes;
using Rules = Encore.Domain.HouseRules;

namespace Encore.Web.HouseRules;

/// <summary>
/// GET/PUT /api/house-rules: the SPEC.md numbers as typed settings per venue. A PUT is a partial update that
/// becomes a new version effective from a given instant (now by default); earlier versions stay as history.
/// </summary>
/// <summary>
/// GET and PUT /api/house-rules: the rules in force, which version they are and since when (null for the SPEC
/// defaults, before any change). One property per section of <see cref="Rules"/> (a test checks none is missing).
/// </summary>
public sealed record HouseRulesAnswer(DateTimeOffset? EffectiveFrom, Guid? VersionId, Encore.Domain.BusinessDayRules BusinessDay,
    Encore.Domain.BookingRules Bookings, Encore.Domain.AuthorityRules Authority, Encore.Domain.PerformanceRules Performance,
    Encore.Domain.AttendanceRules Attendance, Encore.Domain.DiaryRules Diary, Encore.Domain.FineRules Fines, Encore.Domain.CustomerRules Customers, Encore.Domain.GuestServiceRules GuestService,
    Encore.Domain.ChecklistRules Checklists,
    Encore.Domain.ComplaintRules Complaints, Encore.Domain.AppraisalRules Appraisal, Encore.Domain.RankingRules Rankings,
    Encore.Domain.TrainingRules Training, Encore.Domain.IntegrityRules Integrity, Encore.Domain.AccountRules Accounts);

public sealed record HouseRulesVersionView(Guid? Id, DateTimeOffset EffectiveFrom, DateTimeOffset CreatedAt, string? CreatedBy, string Note);

public static class HouseRulesApi
{
    public static void AddHouseRules(this IServiceCollection services) => services.AddSingleton<HouseRulesStore>();

    public static void MapHouseRulesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/house-rules").WithTags("HouseRules").RequireAuthorization();

        group.MapGet("/", async (HttpContext http, HouseRulesStore store, TimeProvider clock) =>
            {
                var version = await store.VersionAtAsync(http.User.VenueId(), clock.GetUtcNow());
                return Results.Ok(Describe(version));
            })
            .Answers<HouseRulesAnswer>()
            .WithName("GetHouseRules")
            .WithSummary("The house rules in force now, with the instant they took effect.");

        group.MapPut("/", async (JsonObject patch, HttpContext http, EncoreDb db, HouseRulesStore store, TimeProvider clock) =>
            {
                var result = await ChangeAsync(patch, http, db, store, clock);
                return result.Problems is { } problems
                    ? Problems.Validation(problems)
                    : Results.Ok(Describe(result.Version!));
            })
            .Requires(Capability.EditHouseRules)
            .Answers<HouseRulesAnswer>()
            .WithName("PutHouseRules")
            .WithSummary("Partial update: only the fields given change. Optional effectiveFrom (not in the past) and note.");

        group.MapGet("/history", async (HttpContext http, EncoreDb db, HouseRulesStore store) =>
            {
                var venue = http.User.VenueId();
                var versions = await store.VersionsAsync(venue);
                var authors = db.HouseRuleVersions.Where(v => v.VenueId == venue)
                    .Select(v => new { v.Id, v.CreatedAt, v.CreatedById, v.Note })
                    .AsEnumerable()
                    .ToDictionary(v => v.Id);
                var badges = db.Users.Where(u => u.VenueId == venue).Select(u => new { u.Id, u.UserName })
                    .AsEnumerable().ToDictionary(u => u.Id, u => u.UserName);
                return Results.Ok(versions.Select(v => new HouseRulesVersionView(v.Id, v.EffectiveFrom, authors[v.Id!.Value].CreatedAt,
                    authors[v.Id.Value].CreatedById is { } by ? badges.GetValueOrDefault(by) : null, authors[v.Id.Value].Note)).Reverse().ToList());
            })
            .Requires(Capability.SeeHouseRulesHistory)
            .Answers<List<HouseRulesVersionView>>().WithName("GetHouseRulesHistory");
    }

    public sealed record ChangeResult(IReadOnlyList<RuleProblem>? Problems, HouseRulesStore.Version? Version);

    /// <summary>
    /// Validates a partial update against the version it amends and saves it as a new version. <paramref name="refused"/>:
    /// what the caller already found wrong (the GM's form: values that are not numbers); the rules are still checked, so
    /// every problem is reported at once (issue 13), and nothing is saved while there is any.
    /// </summary>
    public static async Task<ChangeResult> ChangeAsync(JsonObject patch, HttpContext http, EncoreDb db, HouseRulesStore store, TimeProvider clock,
        IReadOnlyList<RuleProblem>? refused = null)
    {
        var venue = http.User.VenueId();
        var now = clock.GetUtcNow();
        var effectiveFrom = now;
        var note = "";
        var problems = new List<RuleProblem>(refused ?? []);

        if (patch.Remove("effectiveFrom", out var fromNode) && fromNode is not null)
        {
            if (fromNode is JsonValue v && v.TryGetValue<string>(out var text) && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                if (parsed < now.AddMinutes(-1)) problems.Add(new("effectiveFrom", "notInPast"));
                else if (!Ranges.Contains(parsed)) problems.Add(Ranges.OutOfWindow("effectiveFrom"));
                else effectiveFrom = parsed < now ? now : parsed;
            }
            else problems.Add(new("effectiveFrom", "format", "2026-11-20T20:30:00+08:00"));
        }
        if (patch.Remove("note", out var noteNode) && noteNode is not null)
        {
            note = noteNode.GetValueKind() == JsonValueKind.String ? noteNode.GetValue<string>() : "";
            if (note.Length > 200) problems.Add(new("note", "maxLength", 200));
        }

        var basis = await store.VersionAtAsync(venue, effectiveFrom);
        var merged = JsonSerializer.SerializeToNode(basis.Rules, EncoreJson.Options)!.AsObject();
        var template = JsonSerializer.SerializeToNode(Rules.Defaults, EncoreJson.Options)!.AsObject();
        // A patch of the wrong shape cannot be read as rules at all: only then are the rules' own checks skipped.
        var shape = new List<RuleProblem>();
        Merge(merged, patch, template, "", shape);
        if (shape.Count > 0) return new([.. problems, .. shape], null);

        Rules rules;
        try
        {
            rules = merged.Deserialize<Rules>(EncoreJson.Options)!;
        }
        catch (JsonException e)
        {
            return new([.. problems, new RuleProblem(e.Path?.TrimStart('$', '.') is { Length: > 0 } p ? p : "body", "type")], null);
        }
        problems.AddRange(HouseRulesValidator.Validate(rules));
        if (problems.Count > 0) return new(problems, null);

        AuditScope.Name(http, "houseRules.change");
        // Versions with one EffectiveFrom are told apart by CreatedAt: the later saved is in force. While the training
        // clock stands still two saves would share an instant, so a version is never stamped before the last one.
        var lastSaved = await db.HouseRuleVersions.Where(v => v.VenueId == venue)
            .OrderByDescending(v => v.CreatedAt).Select(v => (DateTimeOffset?)v.CreatedAt).FirstOrDefaultAsync();
        if (lastSaved is { } last && last >= now) now = last.AddMilliseconds(1);
        var row = new HouseRuleVersion
        {
            VenueId = venue,
            EffectiveFrom = effectiveFrom,
            RulesJson = HouseRulesStore.Serialize(rules),
            CreatedAt = now,
            CreatedById = http.User.StaffId(),
            Note = note,
        };
        db.HouseRuleVersions.Add(row);
        await db.SaveChangesAsync();
        Writes.AfterCommit(() => store.Forget(venue));
        return new(null, new HouseRulesStore.Version(row.Id, effectiveFrom, rules));
    }

    /// <summary>Copies the patch over the current rules, refusing fields the rules do not have.</summary>
    private static void Merge(JsonObject target, JsonObject patch, JsonObject template, string path, List<RuleProblem> problems)
    {
        foreach (var (key, value) in patch.ToList())
        {
            var field = path.Length == 0 ? key : $"{path}.{key}";
            if (!template.ContainsKey(key)) { problems.Add(new(field, "unknownField")); continue; }
            if (template[key] is JsonObject sectionTemplate)
            {
                if (value is JsonObject section && target[key] is JsonObject current)
                    Merge(current, section, sectionTemplate, field, problems);
                else problems.Add(new(field, "type"));
                continue;
            }
            target[key] = value?.DeepClone();
        }
    }

    private static HouseRulesAnswer Describe(HouseRulesStore.Version version) => new(
        version.Id is null ? null : version.EffectiveFrom, version.Id,
        version.Rules.BusinessDay, version.Rules.Bookings, version.Rules.Authority, version.Rules.Performance, version.Rules.Attendance,
        version.Rules.Diary, version.Rules.Fines, version.Rules.Customers, version.Rules.GuestService, version.Rules.Checklists, version.Rules.Complaints, version.Rules.Appraisal, version.Rules.Rankings,
        version.Rules.Training, version.Rules.Integrity, version.Rules.Accounts);
}
