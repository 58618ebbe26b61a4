namespace Encore.Web.Audit;

/// <summary>
/// The audit search's query string. Properties, not a positional record: the request delegate generator writes
/// <c>typeof(string?)</c> for a positional record's nullable text parameters, which does not compile.
/// </summary>
public sealed record AuditQuery
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public string? Actor { get; init; }
    public string? Action { get; init; }
    public string? EntityType { get; init; }
    /// <summary>Nullable, so that a query without it binds: the generated binder takes a non-nullable property as required.</summary>
    public int? Page { get; init; }
}

public sealed record AuditView(Guid Id, DateTimeOffset At, string ActorBadge, string Action, string EntityType, string EntityId, string? Before, string? After);

/// <summary>The GM's read-only view of the audit log. There is deliberately no route that changes it.</summary>
public static class AuditApi
{
    public const int PageSize = 50;
    public const string LoginFailed = "auth.loginFailed";

    public static void AddAudit(this IServiceCollection services) => services.AddScoped<AuditLog>();

    public static void MapAuditApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/audit", async ([AsParameters] AuditQuery query, HttpContext http, EncoreDb db) =>
            {
                // Bounded like every date and count (Ranges): a page past the last one would overflow the offset.
                var v = new Validator().Range("page", query.Page ?? 1, 1, Ranges.AuditPageMax);
                v.InWindow("from", query.From);
                v.InWindow("to", query.To);
                if (!v.Ok) return v.ToResult();
                var venue = http.User.VenueId();
                var entries = await SearchAsync(db, venue, query);
                var zone = (await http.Caller().NowAsync()).Zone;
                return Results.Ok((await AuditReading.ReadAsync(db, http.User, venue, zone, entries)).Select(l => l.Entry).ToList());
            })
            .WithTags("Audit")
            .Requires(Capability.ReadAudit)
            .Answers<IReadOnlyList<AuditEntryView>>().WithName("SearchAudit")
            .WithSummary("Newest first, 50 a page; filter by time, actor badge, action prefix and entity type.")
            .WithDescription("Each entry keeps its stored fields (before and after as stored JSON) and adds them in words, in the "
                + "request's language: actorName (name and badge), actionLabel, subject (a booking by code and guest, a room by number, "
                + "staff by name and badge, a customer by name), changes (field label, before, after: states by their names, venue "
                + "time, yuan, ids as names) and summary, the whole entry as one line.");

    /// <param name="exactAction">The page's filter picks one action by its plain name; the API's stays a prefix.</param>
    public static async Task<IReadOnlyList<AuditView>> SearchAsync(EncoreDb db, Guid venue, AuditQuery q, bool exactAction = false)
    {
        // A failed login with a badge no venue has belongs to no venue. Every GM of the installation sees those rows
        // (and no other venue-less ones): tries at the door all its venues share concern each of them, and hiding
        // them would hide the very badge-guessing the login answers no longer give away. (So a GM of one venue could
        // tell another venue's real badges from unknown ones by trying them and reading the log: GMs are trusted
        // with the installation's door; anyone else learns nothing from the answers.)
        var rows = db.AuditEntries.Where(a => a.VenueId == venue || (a.VenueId == null && a.Action == LoginFailed));
        if (q.From is { } from) rows = rows.Where(a => a.At >= from);
        if (q.To is { } to) rows = rows.Where(a => a.At < to);
        if (!string.IsNullOrWhiteSpace(q.Actor)) rows = rows.Where(a => a.ActorBadge == q.Actor);
        if (!string.IsNullOrWhiteSpace(q.Action)) rows = exactAction ? rows.Where(a => a.Action == q.Action) : rows.Where(a => a.Action.StartsWith(q.Action));
        if (!string.IsNullOrWhiteSpace(q.EntityType)) rows = rows.Where(a => a.EntityType == q.EntityType);
        return await rows.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((Math.Clamp(q.Page ?? 1, 1, Ranges.AuditPageMax) - 1) * PageSize).Take(PageSize)
            .Select(a => new AuditView(a.Id, a.At, a.ActorBadge, a.Action, a.EntityType, a.EntityId, a.Before, a.After))
            .ToListAsync();
    }
}
