namespace Encore.Web.Platform;

/// <summary>
/// Start-up settings (API.md "Start-up settings"): environment variables ENCORE_DB, ENCORE_ADMIN_PASSWORD,
/// ENCORE_DEMO, ENCORE_CLOCK, ENCORE_KEYCERT, or their command-line equivalents --Encore:Db, --Encore:AdminPassword, ...
/// </summary>
public sealed record EncoreSettings
{
    public required string Db { get; init; }
    public string? AdminPassword { get; init; }
    public bool Demo { get; init; }
    public bool SimulatedClock { get; init; }
    /// <summary>Start of the simulated clock; real time when absent.</summary>
    public DateTimeOffset? ClockStart { get; init; }
    /// <summary>Where keys and other local files live (the SQLite file's folder by default).</summary>
    public required string DataDirectory { get; init; }
    /// <summary>A PKCS#12 file whose certificate encrypts the Data Protection keys at rest (production); its password.</summary>
    public string? KeyCertificate { get; init; }
    public string? KeyCertificatePassword { get; init; }
    /// <summary>
    /// The reverse proxies (nginx, …) whose X-Forwarded-For / X-Forwarded-Proto Encore believes: addresses or CIDR
    /// networks, e.g. <c>Encore:KnownProxies=127.0.0.1,10.0.0.0/8</c> (or <c>ENCORE_KNOWN_PROXIES</c>, or a list
    /// <c>Encore:KnownProxies:0</c>, <c>:1</c> …). Empty by default: the headers are then ignored, since anyone can send
    /// them, and the login throttle keys on the connection's own address. Set it when a proxy sits in front, or the
    /// whole venue shares the proxy's one address.
    /// </summary>
    public IReadOnlyList<string> KnownProxies { get; init; } = [];
    /// <summary>ENCORE_STANDINGS=rows: the month standings computed from the rows in memory, the reference way (Performance/StandingsSettings.cs).</summary>
    public bool StandingsByRows { get; init; }
    /// <summary>
    /// ENCORE_REDIS (issue 21): a StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>. With it several
    /// instances share one PostgreSQL: the live board reaches the clients of every instance (the SignalR Redis backplane)
    /// and each instance tells the others what they must read again (<see cref="InstanceBus"/>). Without it, one instance.
    /// </summary>
    public string? Redis { get; init; }
    /// <summary>
    /// ENCORE_DB_READ (issue 21): a PostgreSQL connection string of a streaming replica of ENCORE_DB. The monthly report
    /// and the chain summary read from it, so a head office's long reads do not load the primary the venues write to.
    /// Without it they read ENCORE_DB. A replica lags its primary by the time WAL takes to reach it (milliseconds on one
    /// network): the running month's figures may miss the last moment's bills.
    /// </summary>
    public string? DbRead { get; init; }

    public bool IsPostgres => Db.StartsWith("Host=", StringComparison.OrdinalIgnoreCase);

    public static EncoreSettings From(IConfiguration config, IHostEnvironment env)
    {
        // --Encore:AdminPassword, ENCORE_ADMIN_PASSWORD (API.md's spelling: words split by _), or ENCORE_ADMINPASSWORD.
        string? Get(string name) =>
            config[$"Encore:{name}"]
            ?? config["ENCORE_" + string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant()]
            ?? config[$"ENCORE_{name.ToUpperInvariant()}"];

        var db = Get("Db") is { Length: > 0 } d ? d : "data/encore.db";
        var demo = Get("Demo") is { } demoText ? demoText is "1" or "true" : env.IsDevelopment();
        var clock = Get("Clock");
        var isPostgres = db.StartsWith("Host=", StringComparison.OrdinalIgnoreCase);
        if (Get("DbRead") is { Length: > 0 } replica && !(isPostgres && replica.StartsWith("Host=", StringComparison.OrdinalIgnoreCase)))
            throw new InvalidOperationException("ENCORE_DB_READ must be the PostgreSQL connection string (Host=…) of a replica of ENCORE_DB, and ENCORE_DB must be PostgreSQL too");
        var dataDir = Get("DataDir") is { Length: > 0 } dir
            ? dir
            : isPostgres ? "data" : Path.GetDirectoryName(Path.GetFullPath(db))!;
        return new EncoreSettings
        {
            Db = db,
            AdminPassword = Get("AdminPassword") is { Length: > 0 } pw ? pw : null,
            Demo = demo,
            SimulatedClock = string.Equals(clock, "simulated", StringComparison.OrdinalIgnoreCase),
            ClockStart = Get("ClockStart") is { Length: > 0 } start ? DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture) : null,
            DataDirectory = Path.GetFullPath(dataDir),
            KeyCertificate = Get("KeyCert") is { Length: > 0 } cert ? Path.GetFullPath(cert) : null,
            KeyCertificatePassword = Get("KeyCertPassword"),
            StandingsByRows = string.Equals(Get("Standings"), "rows", StringComparison.OrdinalIgnoreCase),
            Redis = Get("Redis") is { Length: > 0 } redis ? redis : null,
            DbRead = Get("DbRead") is { Length: > 0 } read ? read : null,
            KnownProxies = [.. (Get("KnownProxies") ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                .. config.GetSection("Encore:KnownProxies").GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0)],
        };
    }
}

/// <summary>
/// Which ASP.NET Core environment Encore runs in. `dotnet run` (a developer's way, and the README's first command)
/// means Development — the demo venue with its known passwords is seeded into an empty database — but only when
/// nobody named an environment: an operator's ASPNETCORE_ENVIRONMENT / DOTNET_ENVIRONMENT / --environment always
/// wins. (launchSettings.json used to set Development itself, and `dotnet run` applies a profile's variables over
/// the operator's, so ASPNETCORE_ENVIRONMENT=Production still seeded the demo.) A published build started with
/// `dotnet Encore.Web.dll` has no launch profile and runs as Production: no demo unless ENCORE_DEMO=1.
/// </summary>
public static class LaunchEnvironment
{
    /// <summary>
    /// The app's own folder as the content root when it was started from another working directory (a service unit
    /// with WorkingDirectory=/, `dotnet /opt/encore/Encore.Web.dll` from a shell): the content root defaults to the
    /// working directory, and there appsettings.json (log levels: every SQL statement was logged at Information),
    /// wwwroot and the page files are not found (issue 15). Null leaves the default: an explicit --contentRoot or
    /// ASPNETCORE_CONTENTROOT, or a working directory that holds the app's settings (dotnet run, the tests).
    /// </summary>
    public static string? ContentRoot(string[] args, Func<string, string?>? variable = null)
    {
        variable ??= Environment.GetEnvironmentVariable;
        if (args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)) || variable("ASPNETCORE_CONTENTROOT") is { Length: > 0 })
            return null;
        if (File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"))) return null;
        return File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json")) ? AppContext.BaseDirectory : null;
    }

    public static string? Resolve(string[] args, Func<string, string?>? variable = null)
    {
        variable ??= Environment.GetEnvironmentVariable;
        var named = variable("ASPNETCORE_ENVIRONMENT") is { Length: > 0 } || variable("DOTNET_ENVIRONMENT") is { Length: > 0 }
                    || args.Any(a => a.StartsWith("--environment", StringComparison.OrdinalIgnoreCase));
        // The SDK sets DOTNET_LAUNCH_PROFILE when `dotnet run` starts the app through a launch profile.
        return !named && variable("DOTNET_LAUNCH_PROFILE") is { Length: > 0 } ? Environments.Development : null;
    }
}
