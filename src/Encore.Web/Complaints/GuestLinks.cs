using System.Text;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Encore.Web.Complaints;

/// <summary>
/// The guest's private link to a room session (SPEC.md "the guest's own voice"): an unguessable token, how it is
/// kept, how a presented token finds its session, and until when a link works.
/// <para>
/// Decision: one link per session, the same on every call. The token is 192 random bits from the CSPRNG, base64url;
/// the database holds its SHA-256 (to find the link) and the token sealed with the app's Data Protection keys (to show
/// the desk the same link again: a printed table card and the QR on the room's screen stay the same). The keys live on
/// disk outside the database (Platform/PlatformSetup.cs), so a leaked database opens no link. Should the keys be lost,
/// the sealed token no longer opens and the next call makes a new link; links handed out before keep working, since a
/// presented token is found by its hash alone.
/// </para>
/// </summary>
public sealed class GuestLinks(IDataProtectionProvider protection)
{
    private const int TokenBytes = 24;
    /// <summary>The length of a token: 24 bytes in base64url without padding.</summary>
    public const int TokenLength = 32;

    private readonly IDataProtector sealer = protection.CreateProtector("Encore.GuestLinks.v1");

    /// <summary>The page the guest opens; the API answers under "/api" + this path (API.md: the path of url under /api/guest/).</summary>
    public static string PathOf(string token) => $"/guest/{token}";

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>
    /// Until when a session's link works: while the session is open, and then the house rule's hours after it closed
    /// (complaints.guestLinkHours, the rules in force now). Null while open. The one place this rule is written.
    /// </summary>
    public static DateTimeOffset? ExpiresAt(DateTimeOffset? closedAt, Domain.HouseRules rules) => closedAt?.AddHours(rules.Complaints.GuestLinkHours);

    public static bool Works(DateTimeOffset? closedAt, VenueNow at) => ExpiresAt(closedAt, at.Rules) is not { } end || at.Now <= end;

    /// <summary>The session's link: the one already made when its token can be unsealed, else a new one (the caller saves).</summary>
    public async Task<string> ForSessionAsync(EncoreDb db, RoomSession session, VenueNow at)
    {
        var sealedTokens = await db.Set<GuestLink>().Where(l => l.SessionId == session.Id).OrderByDescending(l => l.CreatedAt)
            .Select(l => l.TokenSealed).ToListAsync();
        foreach (var sealedToken in sealedTokens)
        {
            try { return sealer.Unprotect(sealedToken); }
            catch (CryptographicException) { /* sealed under keys this installation no longer has: try the next, or make one */ }
        }
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));
        db.Set<GuestLink>().Add(new GuestLink
        {
            VenueId = session.VenueId, SessionId = session.Id, TokenHash = Hash(token), TokenSealed = sealer.Protect(token), CreatedAt = at.Now,
        });
        return token;
    }

    /// <summary>The link a presented token names, or null for anything that is not one of ours (the shape is checked before any lookup).</summary>
    public static async Task<GuestLink?> FindAsync(EncoreDb db, string? token)
    {
        if (token is not { Length: TokenLength } || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return null;
        var hash = Hash(token);
        return await db.Set<GuestLink>().SingleOrDefaultAsync(l => l.TokenHash == hash);
    }
}

/// <summary>
/// Guest posts per client address in the last hour (complaints.guestPostsPerAddressPerHour): a sliding window of
/// instants per address, in memory and so per instance (issue 21 makes it shared across instances). On the venue's
/// clock, like the per-link count read from the stored ratings, so both limits speak of the same hour.
/// </summary>
public sealed class GuestAddressWindow
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> posts = new();
    private DateTimeOffset nextSweep = DateTimeOffset.MinValue;
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>Counts a post from <paramref name="address"/> at <paramref name="now"/> if fewer than <paramref name="limit"/> came in the hour before; false when it is one too many.</summary>
    public bool TryAdmit(string address, DateTimeOffset now, int limit)
    {
        var window = posts.GetOrAdd(address, _ => new Queue<DateTimeOffset>());
        bool admitted;
        lock (window)
        {
            // A clock moved back (a training venue's simulated clock) must not leave posts "in the future" counting for ever.
            while (window.Count > 0 && (now - window.Peek() >= Hour || window.Peek() > now)) window.Dequeue();
            admitted = window.Count < limit;
            if (admitted) window.Enqueue(now);
        }
        Sweep(now);
        return admitted;
    }

    /// <summary>Drops addresses quiet for an hour, once a minute, so the dictionary does not grow with every phone that ever posted.</summary>
    private void Sweep(DateTimeOffset now)
    {
        if (now < nextSweep) return;
        nextSweep = now.AddMinutes(1);
        foreach (var (address, window) in posts)
        {
            bool idle;
            lock (window) idle = window.Count == 0 || now - window.Last() >= Hour;
            if (idle) posts.TryRemove(address, out _);
        }
    }
}
