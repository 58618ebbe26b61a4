using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace Encore.Web.Push;

public sealed record PushKeysInput(string? P256dh, string? Auth);
/// <summary>A browser's <c>PushSubscription.toJSON()</c> as it is (expirationTime included, unused).</summary>
public sealed record PushSubscriptionInput(string? Endpoint, long? ExpirationTime, PushKeysInput? Keys);
public sealed record PushEndpointInput(string? Endpoint);
public sealed record PushKeyView(string PublicKey);
public sealed record PushSubscriptionView(Guid Id, string Endpoint, DateTimeOffset CreatedAt);

/// <summary>
/// Web Push (issue 13): a ping reaches a phone whose browser is in the background or closed. The page asks the
/// person's permission, subscribes with the venue server's public key (GET /api/push/key) and hands the browser's
/// subscription to Encore; a ping is then also delivered through the browser's push service (Push/PushSender.cs).
/// Anyone signed in may subscribe their own browser; a subscription is only ever their own.
/// </summary>
public static class PushApi
{
    public const int MaxEndpointLength = 1000;

    public static void Map(IEndpointRouteBuilder app)
    {
        var push = app.MapGroup("/api/push").WithTags("Push").RequireAuthorization();
        push.MapGet("/key", (PushSender sender) => Results.Ok(new PushKeyView(sender.PublicKey)))
            .Answers<PushKeyView>().WithName("PushKey");
        push.MapPost("/subscriptions", SubscribeAsync).Answers<PushSubscriptionView>(StatusCodes.Status201Created).WithName("SubscribePush");
        push.MapPost("/unsubscribe", UnsubscribeAsync).AnswersNothing().WithName("UnsubscribePush");
    }

    private static async Task<IResult> SubscribeAsync(PushSubscriptionInput input, HttpContext http, EncoreDb db, PushOptions options)
    {
        var v = new Validator();
        var endpoint = CheckEndpoint(v, input.Endpoint, options);
        if (input.Keys is null) v.Add("keys", "required");
        else
        {
            if (string.IsNullOrWhiteSpace(input.Keys.P256dh)) v.Add("keys.p256dh", "required");
            else if (!IsBrowserKey(input.Keys.P256dh.Trim())) v.Add("keys.p256dh", "pushKey");
            if (string.IsNullOrWhiteSpace(input.Keys.Auth)) v.Add("keys.auth", "required");
            else if (Decode(input.Keys.Auth.Trim()) is not { Length: 16 }) v.Add("keys.auth", "pushKey");
        }
        if (!v.Ok) return v.ToResult();

        var at = await http.Caller().NowAsync();
        var me = http.User.StaffId();
        AuditScope.Name(http, "push.subscribe");
        // One browser, one endpoint: the same phone signed in by someone else now rings for them, not the last person.
        var subscription = await db.Set<WebPushSubscription>().SingleOrDefaultAsync(s => s.Endpoint == endpoint);
        if (subscription is null)
        {
            subscription = new WebPushSubscription { Endpoint = endpoint!, CreatedAt = at.Now };
            db.Add(subscription);
        }
        subscription.VenueId = at.VenueId;
        subscription.StaffId = me;
        subscription.P256dh = input.Keys!.P256dh!.Trim();
        subscription.AuthSecret = input.Keys.Auth!.Trim();
        subscription.Language = CultureInfo.CurrentUICulture.Name is { Length: > 0 } name && Texts.Cultures.Contains(name) ? name : Texts.DefaultCulture;
        await db.SaveChangesAsync();
        return Results.Created("/api/push/subscriptions", new PushSubscriptionView(subscription.Id, subscription.Endpoint, subscription.CreatedAt));
    }

    /// <summary>Signing out (or turning notifications off) on a phone: its endpoint stops ringing. Only one's own.</summary>
    private static async Task<IResult> UnsubscribeAsync(PushEndpointInput input, HttpContext http, EncoreDb db)
    {
        var v = new Validator().Text("endpoint", input.Endpoint, MaxEndpointLength);
        if (!v.Ok) return v.ToResult();
        var endpoint = input.Endpoint!.Trim();
        var me = http.User.StaffId();
        var subscription = await db.Set<WebPushSubscription>().SingleOrDefaultAsync(s => s.Endpoint == endpoint && s.StaffId == me);
        if (subscription is null) return Problems.Rule(404, "push.notFound");
        AuditScope.Name(http, "push.unsubscribe");
        db.Remove(subscription);
        await db.SaveChangesAsync();
        return Results.NoContent();
    }

    /// <summary>
    /// A push service's address: https, and not an address inside the venue's network — Encore posts to it, so a
    /// subscription must not make the server call its own database or a router (server-side request forgery).
    /// <see cref="PushOptions.AllowAnyEndpoint"/> lifts this for a venue's own relay and for the tests' local push service.
    /// </summary>
    private static string? CheckEndpoint(Validator v, string? raw, PushOptions options)
    {
        v.Text("endpoint", raw, MaxEndpointLength);
        if (string.IsNullOrWhiteSpace(raw) || raw.Trim().Length > MaxEndpointLength) return null;
        var endpoint = raw.Trim();
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            v.Add("endpoint", "pushEndpoint");
            return null;
        }
        if (options.AllowAnyEndpoint) return endpoint;
        var inside = uri.IsLoopback || uri.Host.EndsWith(".local", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IsInternal(ip));
        if (uri.Scheme != "https" || inside || !uri.IsDefaultPort)
        {
            v.Add("endpoint", "pushEndpoint");
            return null;
        }
        return endpoint;
    }

    private static bool IsInternal(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (IPAddress.IsLoopback(ip) || ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6UniqueLocal) return true;
        var b = ip.GetAddressBytes();
        return ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            && (b[0] is 10 or 127 or 0 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254)
                || (b[0] == 100 && b[1] is >= 64 and <= 127));
    }

    /// <summary>A browser's push key: an uncompressed P-256 point (65 bytes, 0x04 X Y) that lies on the curve.</summary>
    private static bool IsBrowserKey(string text)
    {
        if (Decode(text) is not { Length: 65 } bytes || bytes[0] != 4) return false;
        try
        {
            using var key = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = bytes[1..33], Y = bytes[33..] },
            });
            return true;
        }
        catch (CryptographicException) { return false; }
    }

    internal static byte[]? Decode(string text)
    {
        try { return WebEncoders.Base64UrlDecode(text); }
        catch (FormatException) { return null; }
    }
}
