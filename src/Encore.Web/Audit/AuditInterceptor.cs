using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Encore.Web.Audit;

/// <summary>
/// Writes one audit entry for every row added, changed or deleted, in the same SaveChanges (so in the same
/// transaction) as the change itself: who, when, what, and the values before and after.
/// </summary>
public sealed class AuditInterceptor(IHttpContextAccessor http, TimeProvider clock) : SaveChangesInterceptor
{
    /// <summary>Properties that must never reach the audit log.</summary>
    internal static readonly HashSet<string> Secret =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "NormalizedUserName", "NormalizedEmail", "NormalizedName",
            // A browser's Web Push secret (Push/PushSubscription.cs): with the endpoint it lets anyone write to that phone.
            "AuthSecret",
            // A valuable's receipt code (GuestService/ValuablesApi.cs) is the guest's key to it: whoever read it could claim it.
            "ReceiptCode",
            // A Data Protection key (data_protection_keys, issue 21) signs every cookie and token: its rotation is audited, the key never.
            "Xml"];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddEntries(DbContext? context)
    {
        if (context is null) return;
        var changes = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        if (changes.Any(e => e.Entity is AuditEntry && e.State != EntityState.Added))
            throw new InvalidOperationException("The audit log is append-only.");
        if (AuditScope.IsSuppressed) return;

        var actor = AuditScope.Actor ?? ActorFrom(http.HttpContext?.User);
        var action = AuditScope.Action ?? http.HttpContext?.Items[AuditScope.ActionKey] as string;
        var now = clock.GetUtcNow();
        foreach (var entry in changes.Where(e => e.Entity is not AuditEntry))
        {
            var (before, after) = Values(entry);
            if (entry.State == EntityState.Modified && after.Count == 0) continue;
            var typeName = entry.Metadata.ClrType.Name;
            context.Add(new AuditEntry
            {
                VenueId = VenueOf(context, entry.Entity) ?? actor.VenueId,
                At = now,
                ActorId = actor.Id,
                ActorBadge = actor.Badge,
                Action = action ?? $"{typeName}.{entry.State}".ToLowerInvariant(),
                EntityType = typeName,
                EntityId = string.Join("/", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue)),
                Before = before.Count > 0 ? JsonSerializer.Serialize(before) : null,
                After = after.Count > 0 ? JsonSerializer.Serialize(after) : null,
            });
        }
    }

    /// <summary>
    /// The venue a row belongs to: its own; a venue is its own (the chain admin opening or renaming one acts in that
    /// venue, not in the admin's home venue); a role given to a member of staff is that person's venue's. Null: the
    /// actor's venue.
    /// </summary>
    private static Guid? VenueOf(DbContext context, object entity) => entity switch
    {
        IVenueOwned owned => owned.VenueId,
        Venue venue => venue.Id,
        IdentityUserRole<Guid> role => context.ChangeTracker.Entries<StaffMember>().FirstOrDefault(m => m.Entity.Id == role.UserId)?.Entity.VenueId,
        _ => null,
    };

    private static (Dictionary<string, object?> Before, Dictionary<string, object?> After) Values(EntityEntry entry)
    {
        var before = new Dictionary<string, object?>();
        var after = new Dictionary<string, object?>();
        foreach (var p in entry.Properties)
        {
            var name = p.Metadata.Name;
            if (Secret.Contains(name)) continue;
            switch (entry.State)
            {
                case EntityState.Added:
                    after[name] = p.CurrentValue;
                    break;
                case EntityState.Deleted:
                    before[name] = p.OriginalValue;
                    break;
                case EntityState.Modified when p.IsModified && !Equals(p.OriginalValue, p.CurrentValue):
                    before[name] = p.OriginalValue;
                    after[name] = p.CurrentValue;
                    break;
            }
        }
        return (before, after);
    }

    private static AuditActor ActorFrom(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true
            ? new AuditActor(user.StaffId(), user.Badge(), user.VenueId())
            : AuditActor.Anonymous;
}

public sealed record AuditActor(Guid? Id, string Badge, Guid? VenueId)
{
    public static readonly AuditActor Anonymous = new(null, "", null);
    public static readonly AuditActor System = new(null, "system", null);
}

/// <summary>
/// Names the action being audited (e.g. "staff.create") and, outside a request, who does it.
/// Request handlers call <see cref="AuditScope.Name"/>; background work uses <see cref="AuditScope.Begin"/>.
/// </summary>
public static class AuditScope
{
    public const string ActionKey = "encore.audit.action";
    private static readonly AsyncLocal<State?> Current = new();

    private sealed record State(AuditActor? Actor, string? Action, bool Suppressed);

    public static AuditActor? Actor => Current.Value?.Actor;
    public static string? Action => Current.Value?.Action;
    public static bool IsSuppressed => Current.Value?.Suppressed == true;

    public static void Name(HttpContext context, string action) => context.Items[ActionKey] = action;

    public static IDisposable Begin(AuditActor actor, string action) => Push(new State(actor, action, false));

    /// <summary>For bulk loads that write their own summary entry instead (the demo seed).</summary>
    public static IDisposable Suppress() => Push(new State(null, null, true));

    private static IDisposable Push(State state)
    {
        var previous = Current.Value;
        Current.Value = state;
        return new Restore(() => Current.Value = previous);
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
