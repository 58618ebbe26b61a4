namespace Encore.Web.Audit;

/// <summary>For writes that are not database rows (the clock, a failed login): the entry is written by hand.</summary>
public sealed class AuditLog(EncoreDb db, TimeProvider clock)
{
    public Task WriteAsync(ClaimsPrincipal? user, string action, string entityType, string entityId, object? before, object? after) =>
        WriteAsync(user?.Identity?.IsAuthenticated == true ? new AuditActor(user.StaffId(), user.Badge(), user.VenueId()) : AuditActor.Anonymous,
            action, entityType, entityId, before, after);

    /// <summary>An entry by an actor named outright (a login, before there is a signed-in user); its venue is the actor's.</summary>
    public async Task WriteAsync(AuditActor actor, string action, string entityType, string entityId, object? before, object? after)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            VenueId = actor.VenueId,
            At = clock.GetUtcNow(),
            ActorId = actor.Id,
            ActorBadge = actor.Badge,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Before = before is null ? null : JsonSerializer.Serialize(before, EncoreJson.Options),
            After = after is null ? null : JsonSerializer.Serialize(after, EncoreJson.Options),
        });
        await db.SaveChangesAsync();
    }
}
