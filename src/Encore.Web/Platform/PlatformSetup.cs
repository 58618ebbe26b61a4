using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;

namespace Encore.Web.Platform;

/// <summary>What every feature relies on: clock, JSON, errors, languages, keys, OpenAPI, health, headers.</summary>
public static class PlatformSetup
{
    public static void AddEncorePlatform(this WebApplicationBuilder builder, EncoreSettings settings)
    {
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddKnownProxies(settings);
        services.AddSingleton<TimeProvider>(settings.SimulatedClock
            ? new SimulatedClock(settings.ClockStart ?? DateTimeOffset.UtcNow)
            : TimeProvider.System);
        services.AddSingleton<Texts>();
        services.AddSingleton<SweepProgress>();
        // Issue 21: several instances on one PostgreSQL (Platform/Instances.cs).
        if (settings.Redis is { } redis) AddRedis(services, redis);
        services.AddSingleton<InstanceBus>();
        services.AddSingleton<SweeperLease>();
        services.AddHostedService<InstanceSync>();
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
        }).ConfigureApplicationPartManager(parts =>
        {
            // Encore has pages and minimal APIs, no MVC controllers: without the controllers' provider MVC does not load
            // every type of the app's assembly to look for them when it builds its endpoints (issue 15: the start).
            foreach (var controllers in parts.FeatureProviders.OfType<Microsoft.AspNetCore.Mvc.Controllers.ControllerFeatureProvider>().ToList())
                parts.FeatureProviders.Remove(controllers);
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "encore.af";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        var keys = services.AddDataProtection().SetApplicationName("Encore");
        // On PostgreSQL the keys live in the database (table data_protection_keys), so a cookie or token one instance
        // issued is read by every other (issue 21); on SQLite, one machine, in the owner-only keys directory.
        if (settings.IsPostgres) keys.PersistKeysToDbContext<EncoreDb>();
        else keys.PersistKeysToFileSystem(KeysDirectory(settings));
        // The keys sign every cookie and token: in production they are encrypted at rest with the operator's certificate.
        if (settings.KeyCertificate is { } certificate)
            keys.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                certificate, settings.KeyCertificatePassword));
        else
            // Without a certificate the framework warns at every first start ("No XML encryptor configured") in words
            // a newcomer cannot act on. The keys directory is owner-only (KeysDirectory) and the welcome lines say
            // where the keys are and how to encrypt them (ENCORE_KEYCERT); the framework's own warning is left out.
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
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
        // First: everything after it (the login throttle, the logs, the scheme of cookies) sees the client's address.
        app.UseKnownProxies();
        app.UseExceptionHandler();
        // Behind the TLS proxy (README "Running in production") browsers are told to come back over HTTPS only;
        // UseHsts answers with the header on HTTPS requests only, so plain-HTTP development is unaffected.
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages(Problems.ForStatusAsync));
        app.UseSecurityHeaders();
        app.UseRequestLocalization();
        app.MapStaticAssets();
        app.Lifetime.ApplicationStarted.Register(() => PrintWelcome(app));
    }

    /// <summary>
    /// X-Forwarded-For / -Proto from the proxies named in <see cref="EncoreSettings.KnownProxies"/> only. ASP.NET Core's
    /// defaults are cleared (they trust loopback, and an attacker on the machine is on loopback); the whole chain is
    /// walked back while each hop is a known proxy, so a client's own X-Forwarded-For (which nginx passes on before
    /// its own entry) is never taken for its address.
    /// </summary>
    private static void AddKnownProxies(this IServiceCollection services, EncoreSettings settings) =>
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = null;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var entry in settings.KnownProxies)
            {
                if (entry.Contains('/') && System.Net.IPNetwork.TryParse(entry, out var network)) o.KnownIPNetworks.Add(network);
                else if (System.Net.IPAddress.TryParse(entry, out var address)) o.KnownProxies.Add(address);
                else throw new InvalidOperationException($"Encore:KnownProxies: '{entry}' is neither an IP address nor a CIDR network.");
            }
        });

    private static void UseKnownProxies(this WebApplication app)
    {
        // With no proxy named the middleware would believe the headers from anyone (empty lists mean "trust all"):
        // it is left out, and X-Forwarded-For is ignored.
        if (app.Services.GetRequiredService<EncoreSettings>().KnownProxies.Count > 0) app.UseForwardedHeaders();
    }

    public sealed record HealthView(string Status);

    public static void MapEncorePlatform(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        // Liveness: the process serves requests (issue 21: a load balancer or supervisor restarts an instance that does
        // not answer it). Readiness: it can also reach its database (and Redis when several instances share it), so
        // nginx or an orchestrator sends it no traffic while it cannot.
        app.MapGet("/health", () => Results.Ok(new HealthView("ok")))
            .AllowAnonymous()
            .WithTags("Platform")
            .Answers<HealthView>().WithName("Health");
        app.MapGet("/health/ready", async (EncoreDb db, IServiceProvider services, CancellationToken ct) =>
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(3));
                var database = false;
                try { database = await db.Database.CanConnectAsync(timeout.Token); }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested) { }
                if (!database) return Results.Json(new HealthView("database unreachable"), statusCode: StatusCodes.Status503ServiceUnavailable);
                if (services.GetService<StackExchange.Redis.IConnectionMultiplexer>() is { IsConnected: false })
                    return Results.Json(new HealthView("redis unreachable"), statusCode: StatusCodes.Status503ServiceUnavailable);
                return Results.Ok(new HealthView("ready"));
            })
            .AllowAnonymous()
            .WithTags("Platform")
            .Answers<HealthView>().Produces<HealthView>(StatusCodes.Status503ServiceUnavailable).WithName("Ready");
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

    /// <summary>The Data Protection keys' directory, created readable by Encore's own user only (the keys sign every cookie and token).</summary>
    private static DirectoryInfo KeysDirectory(EncoreSettings settings) => OwnerOnlyDirectory(Path.Combine(settings.DataDirectory, "keys"));

    /// <summary>A directory for secrets (sign-in keys, the Web Push key pair), created or tightened to Encore's own user only.</summary>
    public static DirectoryInfo OwnerOnlyDirectory(string path)
    {
        if (OperatingSystem.IsWindows()) return Directory.CreateDirectory(path);
        var dir = Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // An existing directory keeps its mode on CreateDirectory: tighten it too.
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return dir;
    }

    private static string KeysPlace(EncoreSettings settings) =>
        settings.IsPostgres ? "in the database (data_protection_keys)" : Path.Combine(settings.DataDirectory, "keys");

    // Issue 15, the start: what names a package's types only when it is used lives in a method of its own, so an
    // installation without Redis or PostgreSQL does not load those packages (the runtime loads an assembly when it
    // prepares a method that names one of its types, whether or not that branch runs).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void AddRedis(IServiceCollection services, string redis) =>
        services.AddSingleton<StackExchange.Redis.IConnectionMultiplexer>(_ => StackExchange.Redis.ConnectionMultiplexer.Connect(Instances.RedisOptions(redis)));

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static string ReplicaAddress(string connectionString)
    {
        var replica = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return $"{replica.Host}:{replica.Port}";
    }

    private static void PrintWelcome(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var settings = app.Services.GetRequiredService<EncoreSettings>();
        var lines = new List<string> { "", "Encore is running.", $"  Open: {string.Join(", ", addresses ?? [])}", $"  Database: {(settings.IsPostgres ? "PostgreSQL" : Path.GetFullPath(settings.Db))}",
            settings.KeyCertificate is null
                ? $"  Sign-in keys: {KeysPlace(settings)} ({(settings.IsPostgres ? "" : "owner-only, ")}not encrypted; set ENCORE_KEYCERT to encrypt them)"
                : $"  Sign-in keys: {KeysPlace(settings)} (encrypted with {settings.KeyCertificate})" };
        if (settings.DbRead is { } read) lines.Add($"  Read replica for the monthly report: {ReplicaAddress(read)}");
        if (settings.Redis is not null) lines.Add($"  Several instances: Redis at {settings.Redis} (live board and caches shared; this instance is {Instances.Name})");
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
