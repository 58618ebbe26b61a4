using System.Security.Cryptography;
using System.Text;

namespace Encore.Web.Platform;

/// <summary>
/// Honours the <c>Idempotency-Key</c> header on API writes: the first request with a key runs and its answer
/// is remembered per caller; a repeat (a double-tap, a retry after a lost answer) gets the same answer without
/// running again. A repeat that arrives while the first is still running waits for its answer. The same key
/// with a different request is refused (422). Answers of 5xx are forgotten so that a retry can succeed.
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 100;
    private static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(10);

    public static void UseIdempotencyKeys(this WebApplication app) => app.Use(async (ctx, next) =>
    {
        if (!ctx.Request.Headers.TryGetValue(Header, out var values) || !IsWrite(ctx.Request)
            || ctx.User.Identity?.IsAuthenticated != true)
        {
            await next(ctx);
            return;
        }
        var key = values.ToString().Trim();
        if (key.Length is 0 or > MaxKeyLength || key.Any(char.IsControl))
        {
            await Problems.Validation(Header, "range", 1, MaxKeyLength).ExecuteAsync(ctx);
            return;
        }

        ctx.Request.EnableBuffering();
        string fingerprint;
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            sha.AppendData(Encoding.UTF8.GetBytes($"{ctx.Request.Method} {ctx.Request.Path}\n"));
            var buffer = new byte[8192];
            int read;
            while ((read = await ctx.Request.Body.ReadAsync(buffer)) > 0) sha.AppendData(buffer, 0, read);
            fingerprint = Convert.ToBase64String(sha.GetHashAndReset());
            ctx.Request.Body.Position = 0;
        }

        var actor = ctx.User.StaffId();
        var scopes = ctx.RequestServices.GetRequiredService<IServiceScopeFactory>();
        var clock = ctx.RequestServices.GetRequiredService<TimeProvider>();
        if (!await TryReserveAsync(scopes, clock, actor, key, fingerprint))
        {
            await ReplayAsync(ctx, scopes, actor, key, fingerprint);
            return;
        }

        var original = ctx.Response.Body;
        using var captured = new MemoryStream();
        ctx.Response.Body = captured;
        try
        {
            await next(ctx);
        }
        catch
        {
            await ForgetAsync(scopes, actor, key);
            throw;
        }
        finally
        {
            ctx.Response.Body = original;
        }

        if (ctx.Response.StatusCode >= 500) await ForgetAsync(scopes, actor, key);
        else await RememberAsync(scopes, actor, key, ctx.Response, captured.ToArray());
        captured.Position = 0;
        await captured.CopyToAsync(original);
    });

    private static bool IsWrite(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") && (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method));

    /// <summary>Writes the pending row; false when this caller already used the key (the unique index decides).</summary>
    private static async Task<bool> TryReserveAsync(IServiceScopeFactory scopes, TimeProvider clock, Guid actor, string key, string fingerprint)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EncoreDb>();
        db.IdempotentRequests.Add(new IdempotentRequest { ActorId = actor, Key = key, Fingerprint = fingerprint, CreatedAt = clock.GetUtcNow() });
        // The remembered answer is bookkeeping, not a business write: the request itself is audited.
        using var _ = AuditScope.Suppress();
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateException e) when (e.IsConflict())
        {
            return false;
        }
    }

    private static async Task ReplayAsync(HttpContext ctx, IServiceScopeFactory scopes, Guid actor, string key, string fingerprint)
    {
        var deadline = DateTime.UtcNow + WaitForFirst;
        while (true)
        {
            using (var scope = scopes.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<EncoreDb>();
                var saved = await db.IdempotentRequests.AsNoTracking().SingleOrDefaultAsync(r => r.ActorId == actor && r.Key == key);
                if (saved is not null && saved.Fingerprint != fingerprint)
                {
                    await Problems.Rule(422, "idempotency.keyReused").ExecuteAsync(ctx);
                    return;
                }
                if (saved is { StatusCode: > 0 })
                {
                    ctx.Response.StatusCode = saved.StatusCode;
                    if (saved.ContentType is not null) ctx.Response.ContentType = saved.ContentType;
                    if (saved.Location is not null) ctx.Response.Headers.Location = saved.Location;
                    ctx.Response.Headers["Idempotent-Replay"] = "true";
                    if (saved.Body is not null) await ctx.Response.WriteAsync(saved.Body);
                    return;
                }
                // The first request failed and was forgotten meanwhile: the client should simply send it again.
                if (saved is null)
                {
                    await Problems.Rule(409, "idempotency.retry").ExecuteAsync(ctx);
                    return;
                }
            }
            if (DateTime.UtcNow >= deadline)
            {
                await Problems.Rule(409, "idempotency.inProgress").ExecuteAsync(ctx);
                return;
            }
            await Task.Delay(50, ctx.RequestAborted);
        }
    }

    private static async Task RememberAsync(IServiceScopeFactory scopes, Guid actor, string key, HttpResponse response, byte[] body)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EncoreDb>();
        var row = await db.IdempotentRequests.SingleAsync(r => r.ActorId == actor && r.Key == key);
        row.StatusCode = response.StatusCode;
        row.ContentType = response.ContentType;
        row.Location = response.Headers.Location.ToString() is { Length: > 0 } location ? location : null;
        row.Body = Encoding.UTF8.GetString(body);
        using var _ = AuditScope.Suppress();
        await db.SaveChangesAsync();
    }

    private static async Task ForgetAsync(IServiceScopeFactory scopes, Guid actor, string key)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EncoreDb>();
        using var _ = AuditScope.Suppress();
        await db.IdempotentRequests.Where(r => r.ActorId == actor && r.Key == key).ExecuteDeleteAsync();
    }
}
