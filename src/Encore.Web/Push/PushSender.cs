using System.Net;
using System.Security.Cryptography;
using System.Threading.Channels;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.AspNetCore.WebUtilities;

namespace Encore.Web.Push;

/// <summary>What a notification shows: its words in the subscriber's language, and the page a tap opens.</summary>
public sealed record PushNotice(string Kind, Guid Id, string Title, string Body, string Url);

/// <summary>
/// Delivers notices to the browsers of staff through their push services (RFC 8030, encrypted per RFC 8291, signed
/// with VAPID per RFC 8292, by Lib.Net.Http.WebPush). Notices are queued after the request commits and sent from one
/// background loop: a slow or unreachable push service never holds a ping up, and a subscription the push service
/// says is gone (404/410) is removed. The VAPID key pair is made on first start and kept in the data directory
/// beside the sign-in keys (owner-only), so every browser's subscription stays valid across restarts.
/// </summary>
public sealed class PushSender : BackgroundService
{
    private sealed record Delivery(IReadOnlyList<Guid> StaffIds, Func<CultureInfo, PushNotice> Notice);

    private readonly Channel<Delivery> queue = Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory scopes;
    private readonly ILogger<PushSender> log;
    // Made at the first delivery: the VAPID signer and the HTTP client load the elliptic-curve and HTTP stacks, which a
    // start (and most days' work) never needs (issue 15: the app answered its first request with 175 MB resident
    // instead of 179, three alternating starts each on the demo file, 2026-12-06).
    private readonly Lazy<PushServiceClient> client;

    public PushSender(IServiceScopeFactory scopes, EncoreSettings settings, PushOptions options, ILogger<PushSender> log)
    {
        this.scopes = scopes;
        this.log = log;
        var (publicKey, privateKey) = LoadOrCreateKeys(Path.Combine(settings.DataDirectory, "push"));
        PublicKey = publicKey;
        CheckKeyLengths(publicKey, privateKey);
        client = new(() => new PushServiceClient(new HttpClient { Timeout = TimeSpan.FromSeconds(15) })
        {
            DefaultAuthentication = new VapidAuthentication(publicKey, privateKey) { Subject = options.Subject },
        });
    }

    /// <summary>The application server key browsers subscribe with (base64url, uncompressed P-256 point).</summary>
    public string PublicKey { get; }

    /// <summary>Queues a notice for every browser of <paramref name="staffIds"/>, once the request's transaction commits.</summary>
    public void Send(IReadOnlyList<Guid> staffIds, Func<CultureInfo, PushNotice> notice) =>
        Writes.AfterCommit(() => queue.Writer.TryWrite(new Delivery(staffIds, notice)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var delivery in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try { await DeliverAsync(delivery, stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Push notices not sent");
            }
        }
    }

    private async Task DeliverAsync(Delivery delivery, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EncoreDb>();
        var subscriptions = await db.Set<WebPushSubscription>().Where(s => delivery.StaffIds.Contains(s.StaffId)).ToListAsync(ct);
        var gone = new List<WebPushSubscription>();
        foreach (var subscription in subscriptions)
        {
            var notice = delivery.Notice(CultureInfo.GetCultureInfo(subscription.Language is { Length: > 0 } l ? l : Texts.DefaultCulture));
            var target = new PushSubscription { Endpoint = subscription.Endpoint };
            target.SetKey(PushEncryptionKeyName.P256DH, subscription.P256dh);
            target.SetKey(PushEncryptionKeyName.Auth, subscription.AuthSecret);
            var message = new PushMessage(JsonSerializer.Serialize(notice, EncoreJson.Options))
            {
                Urgency = PushMessageUrgency.High,
                // A ping unanswered after its deadline is an off-post fine already: no use ringing later than that.
                TimeToLive = 15 * 60,
                // One topic per ping: a push service holding several for an offline phone keeps each, not only the last.
                Topic = notice.Id.ToString("N"),
            };
            try { await client.Value.RequestPushMessageDeliveryAsync(target, message, ct); }
            catch (PushServiceClientException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                gone.Add(subscription);
            }
            catch (Exception e) when (e is PushServiceClientException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                log.LogWarning("Push notice to {Endpoint} not delivered: {Reason}", new Uri(subscription.Endpoint).Host, e.Message);
            }
        }
        if (gone.Count > 0)
        {
            // The browser dropped the subscription (uninstalled, permission withdrawn): forget it, audited as the system's.
            db.RemoveRange(gone);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// A damaged key file still stops the start, as it did when the signer was made there: an uncompressed P-256 point is
    /// 65 bytes and its private scalar 32 (what <see cref="VapidAuthentication"/> checks too).
    /// </summary>
    private static void CheckKeyLengths(string publicKey, string privateKey)
    {
        static int Length(string key) { try { return WebEncoders.Base64UrlDecode(key).Length; } catch (FormatException) { return -1; } }
        if (Length(publicKey) != 65 || Length(privateKey) != 32)
            throw new InvalidOperationException("The push key file (push/vapid.json in the data directory) is damaged: delete it to make a new key pair; browsers then subscribe again.");
    }

    private static (string Public, string Private) LoadOrCreateKeys(string folder)
    {
        var file = Path.Combine(folder, "vapid.json");
        if (File.Exists(file))
        {
            var saved = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file))!;
            return (saved["publicKey"], saved["privateKey"]);
        }
        PlatformSetup.OwnerOnlyDirectory(folder);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: true);
        var keys = (Public: WebEncoders.Base64UrlEncode([4, .. p.Q.X!, .. p.Q.Y!]), Private: WebEncoders.Base64UrlEncode(p.D!));
        var temp = file + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(new Dictionary<string, string> { ["publicKey"] = keys.Public, ["privateKey"] = keys.Private }));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        // Two instances starting at once on a shared data directory: the first key written wins, the other reads it.
        try { File.Move(temp, file, overwrite: false); }
        catch (IOException) when (File.Exists(file))
        {
            File.Delete(temp);
            return LoadOrCreateKeys(folder);
        }
        return keys;
    }
}
