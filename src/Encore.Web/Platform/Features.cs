using Encore.Domain;

namespace Encore.Web.Platform;

/// <summary>
/// A feature is a folder that registers everything of its own: services, routes, menu entries and home tiles,
/// entity configurations (found by <c>ApplyConfigurationsFromAssembly</c>), migrations (SQL files under its
/// <c>Migrations/</c>), demo data and live events. Adding one edits nothing outside its folder but one line in Program.cs:
/// <c>builder.AddFeature&lt;TheFeature&gt;()</c>.
/// </summary>
public interface IFeature
{
    /// <summary>Services, menu entries, demo data and background work.</summary>
    static abstract void Add(WebApplicationBuilder builder);

    /// <summary>Routes (API groups and hubs); Razor Pages in the folder are found by convention.</summary>
    static abstract void Map(WebApplication app);
}

public static class FeatureRegistration
{
    private sealed record FeatureRoutes(Action<WebApplication> Map);

    public static WebApplicationBuilder AddFeature<TFeature>(this WebApplicationBuilder builder) where TFeature : IFeature
    {
        TFeature.Add(builder);
        builder.Services.AddSingleton(new FeatureRoutes(TFeature.Map));
        return builder;
    }

    /// <summary>Maps every added feature's routes, in the order they were added.</summary>
    public static void MapFeatures(this WebApplication app)
    {
        foreach (var feature in app.Services.GetServices<FeatureRoutes>())
            feature.Map(app);
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
