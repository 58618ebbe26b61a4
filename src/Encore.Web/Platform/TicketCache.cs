using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace Encore.Web.Platform;

/// <summary>
/// Remembers what a bearer token or a sign-in cookie decrypts to, so that a client's every request does not pay for Data
/// Protection's unprotect again (issue 15: on Linux each one derives its subkeys with HMAC-SHA512 through OpenSSL, which
/// was 10% of the app's CPU on the standings call and ~4% on a booking). A token or cookie is immutable and is itself the
/// secret, so the cache holds nothing a caller could not already decrypt; what can end one early — disabling the account,
/// a password reset, signing out — is the security stamp, which <see cref="AccountStatus"/> checks on every request
/// whatever the ticket's source. The ticket's own expiry still applies (both handlers check it on every use), and an
/// entry is kept at most <see cref="KeepFor"/>, so a revoked Data Protection key stops its tickets within that time.
/// Each use gets its own copy of the principal and properties: nothing a request does to its user (or a sliding
/// cookie's renewal to its properties) reaches the next one.
/// </summary>
public sealed class TicketCache(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider clock) : ISecureDataFormat<AuthenticationTicket>
{
    /// <summary>Tickets remembered at once: a venue's staff hold a few dozen tokens and cookies, a chain's a few thousand.</summary>
    internal const int Capacity = 10_000;
    internal static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(10);

    // Lives as long as the bearer scheme's options, i.e. the app. Entries expire by real time, as tokens do.
    private readonly MemoryCache tickets = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        // Only the plain use is remembered: a purpose would make the same text a different question.
        if (string.IsNullOrEmpty(protectedText) || purpose is not null) return inner.Unprotect(protectedText, purpose);
        if (!tickets.TryGetValue(protectedText, out AuthenticationTicket? ticket))
        {
            ticket = inner.Unprotect(protectedText);
            // A token or cookie that does not decrypt is not remembered: a stream of forged ones must not push out the real.
            if (ticket?.Properties.ExpiresUtc is not { } expires) return ticket;
            var keepUntil = clock.GetUtcNow() + KeepFor;
            tickets.Set(protectedText, ticket, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = expires < keepUntil ? expires : keepUntil });
        }
        // ClaimsPrincipal.Clone shares its identities; each identity's Clone copies its claims.
        return ticket is null ? null
            : new AuthenticationTicket(new ClaimsPrincipal(ticket.Principal.Identities.Select(i => i.Clone())), ticket.Properties.Clone(), ticket.AuthenticationScheme);
    }
}
