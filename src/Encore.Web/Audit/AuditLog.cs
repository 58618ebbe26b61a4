namespace Encore.Web.Audit;

/// <summary>For writes that are not database rows (the clock, a failed login): the entry is written by hand.</summary>
public sealed class AuditLog(EncoreDb db, TimeProvider clock)
{
    public async Task WriteAsync(ClaimsPrincipal? user, string action, string entityType, string entityId, object? before, object? after)
    {
        var signedIn = user?.Identity?.IsAuthenticated == true;
        db.AuditEntries.Add(new AuditEntry
        {
            VenueId = signedIn ? user!.VenueId() : null,
            At = clock.GetUtcNow(),
            ActorId = signedIn ? user!.StaffId() : null,
            ActorBadge = signedIn ? user!.Badge() : "",
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Before = before is null ? null : JsonSerializer.Serialize(before, EncoreJson.Options),
            After = after is null ? null : JsonSerializer.Serialize(after, EncoreJson.Options),
        });
        await db.SaveChangesAsync();
    }
}
