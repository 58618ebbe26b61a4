namespace Encore.Web.Platform;

/// <summary>
/// Who is calling, in which venue, at what business time, and what they may do: built once per request (or
/// per sweep pass, as <see cref="System"/>) and asked by handlers, pages, the hub and the sweepers. Nothing
/// else loads the caller's roles or computes the venue's time; the time is read once, so a request works at one
/// instant from its first line to its last.
/// </summary>
public sealed class Caller
{
    private readonly HouseRulesStore store;
    private readonly TimeProvider clock;
    private Task<VenueNow>? now;

    private Caller(ClaimsPrincipal user, Guid staffId, string badge, Guid venueId, IReadOnlyList<string> roles, HouseRulesStore store, TimeProvider clock)
    {
        (User, StaffId, Badge, VenueId, Roles, this.store, this.clock) = (user, staffId, badge, venueId, roles, store, clock);
    }

    /// <summary>The signed-in principal, for what still speaks claims (authorization handlers, SignalR users).</summary>
    public ClaimsPrincipal User { get; }
    public Guid StaffId { get; }
    public string Badge { get; }
    public Guid VenueId { get; }
    public IReadOnlyList<string> Roles { get; }
    public string DisplayName => User.DisplayNameOf();

    public bool Can(Capability capability) => Capabilities.Allows(capability, Roles);

    /// <summary>The venue's now, business day and house rules in force, read on first use and kept for the request.</summary>
    public Task<VenueNow> NowAsync() => now ??= ReadNowAsync();

    private async Task<VenueNow> ReadNowAsync()
    {
        var instant = clock.GetUtcNow();
        return VenueNow.At(VenueId, instant, await store.AtAsync(VenueId, instant));
    }

    public static Caller For(ClaimsPrincipal user, HouseRulesStore store, TimeProvider clock) =>
        new(user, user.StaffId(), user.Badge(), user.VenueId(),
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(), store, clock);

    public static Caller For(ClaimsPrincipal user, IServiceProvider services) =>
        For(user, services.GetRequiredService<HouseRulesStore>(), services.GetRequiredService<TimeProvider>());

    /// <summary>A sweep's caller: the venue and its clock, no person and no capability.</summary>
    public static Caller System(Guid venueId, HouseRulesStore store, TimeProvider clock) =>
        new(new ClaimsPrincipal(new ClaimsIdentity()), Guid.Empty, "system", venueId, [], store, clock);
}

public static class CallerExtensions
{
    /// <summary>The request's caller (a scoped service, built from the request's principal on first use).</summary>
    public static Caller Caller(this HttpContext http) => http.RequestServices.GetRequiredService<Caller>();

    /// <summary>For code that holds only a principal (query filters, view shaping): the same table as <see cref="Caller.Can"/>.</summary>
    public static bool Can(this ClaimsPrincipal user, Capability capability) =>
        Capabilities.RolesFor(capability).Any(user.IsInRole);

    public static void AddCaller(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped(sp => Platform.Caller.For(
            sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity()), sp));
    }
}
