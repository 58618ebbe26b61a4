namespace Encore.Web.Platform;

/// <summary>
/// A feature is a folder that registers everything of its own: services, routes, menu entries and home tiles,
/// entity configurations (found by <c>ApplyConfigurationsFromAssembly</c>), migrations (SQL files in its
/// <c>Migrations/Sqlite/</c> and <c>Migrations/Postgres/</c>, numbered after every other folder's: see <c>SchemaMigrator</c>),
/// demo data and live events. Adding one edits nothing outside its folder but one line in Program.cs:
/// <c>builder.AddFeature&lt;TheFeature&gt;()</c>.
/// </summary>
public interface IFeature
{
    /// <summary>Services, menu entries, demo data and background work.</summary>
    static abstract void Add(WebApplicationBuilder builder);

    /// <summary>Routes (API groups and hubs); Razor Pages in the folder are found by convention.</summary>
    static abstract void Map(IEndpointRouteBuilder app);
}

public static class FeatureRegistration
{
    private sealed record FeatureRoutes(Action<IEndpointRouteBuilder> Map);

    public static WebApplicationBuilder AddFeature<TFeature>(this WebApplicationBuilder builder) where TFeature : IFeature
    {
        TFeature.Add(builder);
        builder.Services.AddSingleton(new FeatureRoutes(TFeature.Map));
        return builder;
    }

    /// <summary>Maps every added feature's routes, in the order they were added.</summary>
    public static void MapFeatures(this WebApplication app)
    {
        // Every write endpoint of every feature runs in one transaction per request (Writes.WithWriteTransactions).
        var routes = app.MapGroup("").WithWriteTransactions();
        foreach (var feature in app.Services.GetServices<FeatureRoutes>())
            feature.Map(routes);
    }

    /// <summary>A menu entry and home tile of the feature (texts nav.{key} and home.tile.{key}).</summary>
    public static void AddMenuEntry(this IServiceCollection services, MenuEntry entry) => services.AddSingleton(entry);
}

/// <param name="Key">The text key (nav.{Key}, home.tile.{Key}) and the tile's test id.</param>
/// <param name="NavId">The menu link's data-nav.</param>
/// <param name="Order">Place in the menu and, after the leading tiles, on the home page.</param>
/// <param name="Needs">Who sees it; null: every member of staff.</param>
/// <param name="LeadsFor">Holders of this capability find the tile first on their home page (the desk its board, a manager their bookings).</param>
public sealed record MenuEntry(string Key, string NavId, string Href, int Order, Capability? Needs = null, Capability? LeadsFor = null)
{
    public bool VisibleTo(Caller caller) => Needs is not { } needed || caller.Can(needed);
}

/// <summary>The menu and the home tiles, as the features registered them, for one caller.</summary>
public sealed class Menu(IEnumerable<MenuEntry> entries)
{
    private readonly IReadOnlyList<MenuEntry> all = entries.OrderBy(e => e.Order).ToList();

    public IReadOnlyList<MenuEntry> For(Caller caller) => all.Where(e => e.VisibleTo(caller)).ToList();

    public IReadOnlyList<MenuEntry> TilesFor(Caller caller) =>
        For(caller).OrderBy(e => e.LeadsFor is { } lead && caller.Can(lead) ? 0 : 1).ThenBy(e => e.Order).ToList();
}

/// <summary>
/// What a feature puts into every venue (its defaults, e.g. SPEC.md's violation catalogue) and, with ENCORE_DEMO=1,
/// into the demo venue. Registered with <see cref="FeatureDataRegistration.AddFeatureData{T}"/>; run in
/// <see cref="Order"/>, each step saved before the next, so later steps read what earlier ones added.
/// </summary>
public interface IFeatureData
{
    int Order { get; }

    Task EnsureDefaultsAsync(Data.EncoreDb db, Guid venueId) => Task.CompletedTask;

    Task AddDemoAsync(DemoVenue demo) => Task.CompletedTask;
}

/// <summary>
/// The demo venue being seeded: one clock reading and one seeded random for every step (so the demo looks the
/// same on every machine), and what earlier steps hand to later ones (the bookings need the customers, in order).
/// </summary>
public sealed class DemoVenue(Data.EncoreDb db, Data.Venue venue, DateTimeOffset now, Random random, int ordinal = 0)
{
    private readonly Dictionary<Type, object> shared = [];

    public Data.EncoreDb Db { get; } = db;
    public Data.Venue Venue { get; } = venue;
    public DateTimeOffset Now { get; } = now;
    public Random Random { get; } = random;
    /// <summary>0 for the demo chain's first venue, 1 for its second (its own people's names, its own history).</summary>
    public int Ordinal { get; } = ordinal;

    /// <summary>
    /// Whether a save of the seed looks for changes in every tracked row first (DemoSeed tracks some 20,000). A step
    /// whose saves only add rows, every earlier change already saved, turns it off around them (<see cref="AddingOnly"/>).
    /// </summary>
    public bool ScansForChanges { get; private set; } = true;

    /// <summary>
    /// Saves until disposed only add rows: EF writes added rows without a scan. The reports step froze each past night with
    /// a scan of the whole seed per save: about a third of a demo seed's processor time in a profile of the web tests.
    /// </summary>
    public IDisposable AddingOnly()
    {
        ScansForChanges = false;
        return new ScanAgain(this);
    }

    private sealed class ScanAgain(DemoVenue demo) : IDisposable
    {
        public void Dispose() => demo.ScansForChanges = true;
    }

    public void Share<T>(T value) where T : notnull => shared[typeof(T)] = value;

    public T Shared<T>() where T : notnull =>
        shared.TryGetValue(typeof(T), out var value) ? (T)value : throw new InvalidOperationException($"No demo step shared a {typeof(T).Name} before this one: check the steps' Order.");
}

public static class FeatureDataRegistration
{
    public static void AddFeatureData<T>(this IServiceCollection services) where T : class, IFeatureData =>
        services.AddSingleton<IFeatureData, T>();
}
