using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Localization;

namespace Encore.Web.Platform;

/// <summary>What every feature relies on: clock, JSON, errors, languages, keys, OpenAPI, health, headers.</summary>
public static class PlatformSetup
{
    public static void AddEncorePlatform(this WebApplicationBuilder builder, EncoreSettings settings)
    {
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton<TimeProvider>(settings.SimulatedClock
            ? new SimulatedClock(settings.ClockStart ?? DateTimeOffset.UtcNow)
            : TimeProvider.System);
        services.AddSingleton<Texts>();
        services.AddSingleton<SweepProgress>();
        services.AddSingleton<Menu>();
        services.AddHttpContextAccessor();
        services.AddEncoreProblems();
        services.ConfigureHttpJsonOptions(o => EncoreJson.Configure(o.SerializerOptions));
        services.AddOpenApi();
        services.AddRazorPages(o =>
        {
            // Pages live in their feature folders; every page needs a signed-in user unless it says otherwise.
            o.RootDirectory = "/";
            o.Conventions.AuthorizeFolder("/");
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "encore.af";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        var keys = services.AddDataProtection()
            .SetApplicationName("Encore")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataDirectory, "keys")));
        // The keys sign every cookie and token: in production they are encrypted at rest with the operator's certificate.
        if (settings.KeyCertificate is { } certificate)
            keys.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                certificate, settings.KeyCertificatePassword));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Texts.Cultures.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(Texts.DefaultCulture);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // Pages are Chinese unless the person picks English (a cookie); a desk PC's browser language
            // says nothing about who sits at it. API clients choose per request with Accept-Language.
            var acceptLanguage = new AcceptLanguageHeaderRequestCultureProvider { Options = o };
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { Options = o },
                new CookieRequestCultureProvider { Options = o },
                new CustomRequestCultureProvider(ctx => ctx.Request.Path.StartsWithSegments("/api")
                    ? acceptLanguage.DetermineProviderCultureResult(ctx)
                    : Task.FromResult<ProviderCultureResult?>(null)),
            ];
        });
        if (!builder.Environment.IsDevelopment())
            builder.Logging.ClearProviders().AddJsonConsole(o => o.UseUtcTimestamp = true);
    }

    public static void UseEncorePlatform(this WebApplication app)
    {
        app.UseExceptionHandler();
        // Behind the TLS proxy (README "Running in production") browsers are told to come back over HTTPS only;
        // UseHsts answers with the header on HTTPS requests only, so plain-HTTP development is unaffected.
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseSecurityHeaders();
        app.UseRequestLocalization();
        app.MapStaticAssets();
        app.Lifetime.ApplicationStarted.Register(() => PrintWelcome(app));
    }

    public sealed record HealthView(string Status);

    public static void MapEncorePlatform(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapGet("/health", async (EncoreDb db) =>
                await db.Database.CanConnectAsync() ? Results.Ok(new HealthView("ok")) : Results.StatusCode(503))
            .AllowAnonymous()
            .WithTags("Platform")
            .Answers<HealthView>().WithName("Health");
        // The language switch: a cookie, then back to the page (only a local page).
        app.MapGet("/language/{culture}", (string culture, string? returnUrl, HttpContext http) =>
            {
                var chosen = Texts.Cultures.Contains(culture) ? culture : Texts.DefaultCulture;
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                    new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true });
                return Results.LocalRedirect(returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//") ? url : "/");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
    }

    private static void PrintWelcome(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var settings = app.Services.GetRequiredService<EncoreSettings>();
        var lines = new List<string> { "", "Encore is running.", $"  Open: {string.Join(", ", addresses ?? [])}", $"  Database: {(settings.IsPostgres ? "PostgreSQL" : settings.Db)}" };
        if (settings.Demo) lines.AddRange(Staff.StaffDemo.LoginLines);
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}

/// <summary>The DDL EF would create for the current model, per provider (a developer aid for migrations).</summary>
public static class SchemaScript
{
    public static string For(string provider)
    {
        var options = new DbContextOptionsBuilder<EncoreDb>();
        if (provider == "postgres") options.UseNpgsql("Host=localhost");
        else options.UseSqlite("Data Source=:memory:");
        using var db = new EncoreDb(options.Options);
        return db.Database.GenerateCreateScript();
    }
}
