using System.Collections.Concurrent;
using Rules = Encore.Domain.HouseRules;

namespace Encore.Web.HouseRules;

/// <summary>
/// A venue's house rules at any instant: the version with the latest EffectiveFrom at or before it, or the
/// SPEC.md defaults when the venue has none. Versions are few, so each venue's list is cached in memory and
/// dropped when a new version is saved — here, and on every other instance through the <see cref="InstanceBus"/> (issue 21).
/// </summary>
public sealed class HouseRulesStore(IServiceScopeFactory scopes, InstanceBus bus)
{
    public const string Topic = "rules";

    public sealed record Version(Guid? Id, DateTimeOffset EffectiveFrom, Rules Rules);

    private readonly ConcurrentDictionary<Guid, IReadOnlyList<Version>> cache = new();

    public async Task<Rules> AtAsync(Guid venueId, DateTimeOffset at) => (await VersionAtAsync(venueId, at)).Rules;

    public async Task<Version> VersionAtAsync(Guid venueId, DateTimeOffset at)
    {
        var versions = await VersionsAsync(venueId);
        return versions.LastOrDefault(v => v.EffectiveFrom <= at) ?? new Version(null, DateTimeOffset.MinValue, Rules.Defaults);
    }

    public async Task<IReadOnlyList<Version>> VersionsAsync(Guid venueId)
    {
        if (cache.TryGetValue(venueId, out var cached)) return cached;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EncoreDb>();
        var rows = await db.HouseRuleVersions.Where(v => v.VenueId == venueId)
            .OrderBy(v => v.EffectiveFrom).ThenBy(v => v.CreatedAt)
            .Select(v => new { v.Id, v.EffectiveFrom, v.RulesJson })
            .ToListAsync();
        var versions = rows.Select(r => new Version(r.Id, r.EffectiveFrom, Deserialize(r.RulesJson))).ToList();
        cache[venueId] = versions;
        return versions;
    }

    /// <summary>After a new version committed: this instance and the others read the venue's versions again.</summary>
    public void Forget(Guid venueId)
    {
        ForgetHere(venueId);
        bus.Publish(Topic, venueId.ToString());
    }

    public void ForgetHere(Guid venueId) => cache.TryRemove(venueId, out _);

    /// <summary>Every venue's versions read again (after this instance may have missed other instances' changes).</summary>
    public void ForgetAllHere() => cache.Clear();

    public static string Serialize(Rules rules) => JsonSerializer.Serialize(rules, EncoreJson.Options);

    public static Rules Deserialize(string json) => JsonSerializer.Deserialize<Rules>(json, EncoreJson.Options)!;
}
