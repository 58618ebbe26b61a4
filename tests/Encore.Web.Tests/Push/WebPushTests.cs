using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Encore.Web.Push;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Encore.Web.Tests.Push;

/// <summary>
/// A push service on a real local port, standing in for the browsers' push services (FCM, Mozilla's, Apple's) that a
/// test cannot reach: it records each delivery request as it arrived and answers 201, or 410 under /gone/.
/// </summary>
public sealed class LocalPushService : IAsyncDisposable
{
    public sealed record Delivery(string Path, string? Authorization, string? ContentEncoding, string? Ttl, string? Urgency, byte[] Body);

    private readonly WebApplication app;
    public ConcurrentQueue<Delivery> Received { get; } = new();
    public string BaseUrl { get; }

    private LocalPushService(WebApplication app, string baseUrl) { this.app = app; BaseUrl = baseUrl; }

    public static async Task<LocalPushService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        LocalPushService? service = null;
        app.MapPost("/{**path}", async (HttpContext http, string path) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            service!.Received.Enqueue(new Delivery("/" + path, http.Request.Headers.Authorization, http.Request.Headers.ContentEncoding,
                http.Request.Headers["TTL"], http.Request.Headers["Urgency"], body.ToArray()));
            return path.StartsWith("gone/", StringComparison.Ordinal) ? Results.StatusCode(410) : Results.StatusCode(201);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        service = new LocalPushService(app, address);
        return service;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

/// <summary>A browser's side of a push subscription: its P-256 key pair and auth secret, and the decryption of RFC 8291.</summary>
public sealed class BrowserKeys : IDisposable
{
    private readonly ECDiffieHellman key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
    public byte[] Auth { get; } = RandomNumberGenerator.GetBytes(16);
    public byte[] PublicKey { get; }

    public BrowserKeys()
    {
        var q = key.ExportParameters(false).Q;
        PublicKey = [4, .. q.X!, .. q.Y!];
    }

    public object Subscription(string endpoint) => new
    {
        endpoint, expirationTime = (long?)null,
        keys = new { p256dh = WebEncoders.Base64UrlEncode(PublicKey), auth = WebEncoders.Base64UrlEncode(Auth) },
    };

    /// <summary>Decrypts an aes128gcm Web Push message body (RFC 8291 §3.4, RFC 8188 §2) into its plaintext.</summary>
    public string Decrypt(byte[] body)
    {
        var salt = body[..16];
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        int idLength = body[20];
        var serverPublic = body[21..(21 + idLength)];
        var cipher = body[(21 + idLength)..];
        Assert.Equal(65, idLength);
        Assert.True(cipher.Length <= recordSize, "one record");

        using var server = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = serverPublic[1..33], Y = serverPublic[33..] },
        });
        var shared = key.DeriveRawSecretAgreement(server.PublicKey);
        byte[] keyInfo = [.. "WebPush: info\0"u8, .. PublicKey, .. serverPublic];
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, Auth, keyInfo);
        var cek = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 16, salt, "Content-Encoding: aes128gcm\0"u8.ToArray());
        var nonce = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 12, salt, "Content-Encoding: nonce\0"u8.ToArray());
        var plain = new byte[cipher.Length - 16];
        using (var aes = new AesGcm(cek, 16)) aes.Decrypt(nonce, cipher[..^16], cipher[^16..], plain);
        // The last record ends with the delimiter 0x02, then zero padding.
        var end = Array.FindLastIndex(plain, b => b != 0);
        Assert.Equal(2, plain[end]);
        return Encoding.UTF8.GetString(plain, 0, end);
    }

    public void Dispose() => key.Dispose();
}

/// <summary>Encore on the simulated clock, allowed to push to a local push service (plain http on 127.0.0.1).</summary>
public sealed class LocalPushFactory : SimulatedClockFactory
{
    public const string Subject = "mailto:gm@venue.example";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Encore:Push:AllowAnyEndpoint", "1");
        builder.UseSetting("Encore:Push:Subject", Subject);
    }
}

/// <summary>
/// Issue 13, "unseen pings": a ping reaches the phone when Encore is in the background or closed, through the browser's
/// push service (Web Push): encrypted to that browser's keys, signed with the server's VAPID key, in the language the
/// person subscribed in; only the pinged person's browsers ring; a browser the push service says is gone is forgotten.
/// </summary>
public sealed class WebPushTests(LocalPushFactory app) : ServerTest(app), IClassFixture<LocalPushFactory>
{
    private int Subscriptions(string endpoint) => app.With(db => db.Set<WebPushSubscription>().Count(s => s.Endpoint == endpoint));

    private static async Task<LocalPushService.Delivery> WaitForAsync(LocalPushService push, string path)
    {
        // Delivery is queued after the ping commits and sent from a background loop: wait for it, within a bound.
        for (var i = 0; i < 200; i++)
        {
            var found = push.Received.FirstOrDefault(d => d.Path == path);
            if (found is not null) return found;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"no push delivery to {path} within 10 s");
    }

    [Fact]
    public async Task A_ping_is_pushed_encrypted_and_signed_to_the_pinged_persons_browser_only_in_their_language()
    {
        await using var push = await LocalPushService.StartAsync();
        using var m05Phone = new BrowserKeys();
        using var m06Phone = new BrowserKeys();
        var m05 = await app.ClientFor("m05", language: "en");
        var subscribed = await m05.PostAsJsonAsync("/api/push/subscriptions", m05Phone.Subscription(push.BaseUrl + "/send/m05"));
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        Assert.Equal(HttpStatusCode.Created,
            (await (await app.ClientFor("m06")).PostAsJsonAsync("/api/push/subscriptions", m06Phone.Subscription(push.BaseUrl + "/send/m06"))).StatusCode);
        var serverKey = (await m05.GetFromJsonAsync<JsonElement>("/api/push/key")).GetProperty("publicKey").GetString()!;

        var sent = await (await app.ClientFor("fm01")).PostAsJsonAsync("/api/pings", new { badges = new[] { "m05" }, message = "Where are you? 去 305" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var pingId = (await sent.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetString();

        var delivery = await WaitForAsync(push, "/send/m05");
        Assert.Equal("aes128gcm", delivery.ContentEncoding);
        Assert.Equal("high", delivery.Urgency);
        Assert.True(int.Parse(delivery.Ttl!, CultureInfo.InvariantCulture) > 0);

        // Signed with the key browsers subscribed with (VAPID, RFC 8292): the push service can tell who sends.
        var vapid = Parameters(delivery.Authorization!);
        Assert.Equal(serverKey, vapid["k"]);
        var jwt = vapid["t"].Split('.');
        var claims = JsonDocument.Parse(WebEncoders.Base64UrlDecode(jwt[1])).RootElement;
        // The audience is the push service's origin; Lib.Net.Http.WebPush leaves the port out, which is the origin
        // for the push services browsers use (https on 443, the only ones Encore accepts outside tests).
        var service = new Uri(push.BaseUrl);
        Assert.Equal($"{service.Scheme}://{service.Host}", claims.GetProperty("aud").GetString());
        Assert.True(claims.GetProperty("exp").GetInt64() > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal(LocalPushFactory.Subject, claims.GetProperty("sub").GetString());
        var publicKey = WebEncoders.Base64UrlDecode(serverKey);
        using (var verifier = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = publicKey[1..33], Y = publicKey[33..] } }))
            Assert.True(verifier.VerifyData(Encoding.ASCII.GetBytes(jwt[0] + "." + jwt[1]), WebEncoders.Base64UrlDecode(jwt[2]), HashAlgorithmName.SHA256));

        // Readable by that browser only, in the language it subscribed in.
        var notice = JsonDocument.Parse(m05Phone.Decrypt(delivery.Body)).RootElement;
        Assert.Equal("ping", notice.GetProperty("kind").GetString());
        Assert.Equal(pingId, notice.GetProperty("id").GetString());
        Assert.Contains("fm01", notice.GetProperty("title").GetString());
        Assert.Equal("fm01 is checking on you", notice.GetProperty("title").GetString());
        Assert.Equal("Where are you? 去 305", notice.GetProperty("body").GetString());
        Assert.Equal("/attendance", notice.GetProperty("url").GetString());
        Assert.Throws<AuthenticationTagMismatchException>(() => m06Phone.Decrypt(delivery.Body));

        // m06 was not pinged: their phone heard nothing.
        var m06Ping = await (await app.ClientFor("fm01")).PostAsJsonAsync("/api/pings", new { badges = new[] { "m07" } });
        Assert.Equal(HttpStatusCode.Created, m06Ping.StatusCode);
        await Task.Delay(500);
        Assert.DoesNotContain(push.Received, d => d.Path == "/send/m06");
    }

    [Fact]
    public async Task A_browser_the_push_service_says_is_gone_is_forgotten_and_the_secret_never_reaches_the_audit_log()
    {
        await using var push = await LocalPushService.StartAsync();
        using var phone = new BrowserKeys();
        var endpoint = push.BaseUrl + "/gone/m04";
        var m04 = await app.ClientFor("m04");
        Assert.Equal(HttpStatusCode.Created, (await m04.PostAsJsonAsync("/api/push/subscriptions", phone.Subscription(endpoint))).StatusCode);
        Assert.Equal(1, Subscriptions(endpoint));
        var audited = app.With(db => db.AuditEntries.Where(a => a.Action == "push.subscribe").Select(a => a.After).ToList());
        Assert.NotEmpty(audited);
        Assert.All(audited, after => Assert.DoesNotContain(WebEncoders.Base64UrlEncode(phone.Auth), after ?? ""));

        Assert.Equal(HttpStatusCode.Created, (await (await app.ClientFor("fm01")).PostAsJsonAsync("/api/pings", new { badges = new[] { "m04" } })).StatusCode);
        await WaitForAsync(push, "/gone/m04");
        for (var i = 0; i < 100 && Subscriptions(endpoint) > 0; i++) await Task.Delay(50);
        Assert.Equal(0, Subscriptions(endpoint));
    }

    [Fact]
    public async Task A_phone_signed_in_by_someone_else_rings_for_them_and_only_the_owner_unsubscribes_it()
    {
        using var phone = new BrowserKeys();
        const string endpoint = "https://push.example/shared-phone";
        Assert.Equal(HttpStatusCode.Created, (await (await app.ClientFor("m08")).PostAsJsonAsync("/api/push/subscriptions", phone.Subscription(endpoint))).StatusCode);
        var m09 = await app.ClientFor("m09");
        Assert.Equal(HttpStatusCode.Created, (await m09.PostAsJsonAsync("/api/push/subscriptions", phone.Subscription(endpoint))).StatusCode);
        Assert.Equal("m09", app.With(db => db.Set<WebPushSubscription>().Where(s => s.Endpoint == endpoint)
            .Select(s => db.Users.Single(u => u.Id == s.StaffId).UserName).Single()));

        await Problem.Expect(await (await app.ClientFor("m08")).PostAsJsonAsync("/api/push/unsubscribe", new { endpoint }), HttpStatusCode.NotFound);
        Assert.Equal(1, Subscriptions(endpoint));
        Assert.Equal(HttpStatusCode.NoContent, (await m09.PostAsJsonAsync("/api/push/unsubscribe", new { endpoint })).StatusCode);
        Assert.Equal(0, Subscriptions(endpoint));
    }

    private static Dictionary<string, string> Parameters(string authorization)
    {
        Assert.StartsWith("vapid ", authorization, StringComparison.OrdinalIgnoreCase);
        return authorization["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
    }
}

/// <summary>Encore as deployed: a subscription must name a real push service, not an address inside the network.</summary>
public sealed class WebPushInputTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Theory]
    [InlineData("http://push.example/x", "p256dh-ok", "auth-ok", "endpoint", "推送地址")]
    [InlineData("https://127.0.0.1/x", "p256dh-ok", "auth-ok", "endpoint", "推送地址")]
    [InlineData("https://10.1.2.3/x", "p256dh-ok", "auth-ok", "endpoint", "推送地址")]
    [InlineData("https://localhost/x", "p256dh-ok", "auth-ok", "endpoint", "推送地址")]
    [InlineData("https://push.example:5432/x", "p256dh-ok", "auth-ok", "endpoint", "推送地址")]
    [InlineData("https://push.example/x", "AAAA", "auth-ok", "keys.p256dh", "推送公钥")]
    [InlineData("https://push.example/x", "not-on-curve", "auth-ok", "keys.p256dh", "推送公钥")]
    [InlineData("https://push.example/x", "p256dh-ok", "c2hvcnQ", "keys.auth", "推送认证密钥")]
    public async Task A_subscription_naming_an_inside_address_or_broken_keys_is_refused_by_name_and_stores_nothing(
        string endpoint, string p256dh, string auth, string field, string label)
    {
        using var phone = new BrowserKeys();
        var key = p256dh switch
        {
            "p256dh-ok" => WebEncoders.Base64UrlEncode(phone.PublicKey),
            // 65 bytes starting 0x04, but not a point of P-256.
            "not-on-curve" => WebEncoders.Base64UrlEncode([4, .. Enumerable.Repeat((byte)7, 64)]),
            _ => p256dh,
        };
        var secret = auth == "auth-ok" ? WebEncoders.Base64UrlEncode(phone.Auth) : auth;
        var before = app.With(db => db.Set<WebPushSubscription>().Count());
        var problem = await Problem.Expect(await (await app.ClientFor("m03")).PostAsJsonAsync("/api/push/subscriptions",
            new { endpoint, keys = new { p256dh = key, auth = secret } }), HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.ErrorFields());
        Assert.StartsWith(label + "：", problem.Detail());
        Assert.Equal(before, app.With(db => db.Set<WebPushSubscription>().Count()));
    }
}

/// <summary>
/// Issue 15: the VAPID signer is made at the first delivery, no longer at the start. The key file is still read and
/// checked when the sender is made, so a damaged one stops the start by name, as it did when the signer was made there.
/// </summary>
public sealed class PushKeyFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("encore-push-keys-").FullName;

    private PushSender Sender() => new(null!, new Encore.Web.Platform.EncoreSettings { Db = "unused.db", DataDirectory = directory },
        new PushOptions("mailto:gm@venue.example", AllowAnyEndpoint: false), Microsoft.Extensions.Logging.Abstractions.NullLogger<PushSender>.Instance);

    [Fact]
    public void The_key_pair_is_made_once_and_kept()
    {
        var first = Sender().PublicKey;
        var point = WebEncoders.Base64UrlDecode(first);
        Assert.Equal(65, point.Length);
        Assert.Equal(4, point[0]);
        Assert.Equal(first, Sender().PublicKey);
    }

    [Fact]
    public void A_damaged_key_file_stops_the_start_and_names_the_file()
    {
        _ = Sender();
        var file = Path.Combine(directory, "push", "vapid.json");
        var keys = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file))!;
        keys["privateKey"] = keys["privateKey"][..20];
        File.WriteAllText(file, JsonSerializer.Serialize(keys));

        var refused = Assert.Throws<InvalidOperationException>(Sender);
        Assert.Contains("push/vapid.json", refused.Message);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
