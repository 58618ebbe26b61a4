using Encore.Web.Staff;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Encore.Web.Data;

public static class Startup
{
    public const string AdminBadge = "admin";
    /// <summary>The code of an installation's first venue (what its staff may type at the login once there are several).</summary>
    public const string FirstVenueCode = "main";

    /// <summary>The bootstrap's advisory lock on PostgreSQL; a method of its own, so an SQLite start does not load DistributedLock.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static async Task<IAsyncDisposable> BootstrapLockAsync(EncoreSettings settings) =>
        await new Medallion.Threading.Postgres.PostgresDistributedLock(
            new Medallion.Threading.Postgres.PostgresAdvisoryLockKey("encore-bootstrap", allowHashing: true),
            Instances.NamedConnection(settings.Db, "encore-bootstrap " + Instances.Name)).AcquireAsync();

    /// <summary>
    /// Migrates the schema and restores a training clock; then, unless this build did it already on this database
    /// (<see cref="BootstrapRecord"/>), makes sure the roles, a venue, the features' defaults and the admin account exist,
    /// and seeds the demo.
    /// </summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app, EncoreSettings settings)
    {
        // Once the bootstrap's scope has ended: its context tracked every row the seed wrote.
        if (await BootstrapAsync(app, settings)) Platform.MemoryRelease.AfterOneTimeWork();
    }

    /// <returns>Whether it seeded the demo (the one start whose work leaves tens of MB behind).</returns>
    private static async Task<bool> BootstrapAsync(WebApplication app, EncoreSettings settings)
    {
        // Several instances started at once on one empty PostgreSQL database (issue 21) would each find no venue and no
        // admin and seed their own: one at a time, the others then find what the first made.
        await using var bootstrap = settings.IsPostgres ? await BootstrapLockAsync(settings) : null;
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<EncoreDb>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Encore.Startup");
        var clock = services.GetRequiredService<TimeProvider>();

        var applied = await SchemaMigrator.MigrateAsync(db);
        if (applied.Count > 0) log.LogInformation("Applied migrations {Migrations}", string.Join(", ", applied));

        using var _ = AuditScope.Begin(AuditActor.System, "system.bootstrap");
        // Before anything reads the time (the demo seed, the sweepers): a training clock goes on where it stood.
        await Platform.ClockPosition.RestoreAsync(db, clock, log);
        if (await BootstrapRecord.CompletedByThisBuildAsync(db)) return false;

        foreach (var role in Roles.All.Concat(Roles.Chain))
            if (!await db.Roles.AnyAsync(r => r.Name == role))
                db.Roles.Add(new StaffRole(role));
        await db.SaveChangesAsync();

        var venue = await db.Venues.OrderBy(v => v.CreatedAt).FirstOrDefaultAsync();
        var isNew = venue is null;
        if (venue is null)
        {
            venue = new Venue { Code = FirstVenueCode, Name = settings.Demo ? DemoSeed.VenueName : "Encore", Region = settings.Demo ? DemoSeed.Region : "", CreatedAt = clock.GetUtcNow() };
            db.Venues.Add(venue);
            await db.SaveChangesAsync();
        }

        // What each feature puts into every venue (e.g. the violation catalogue), then, new demo venue, its demo data.
        var featureData = services.GetServices<IFeatureData>().OrderBy(d => d.Order).ToList();
        foreach (var id in await db.Venues.Select(v => v.Id).ToListAsync())
            foreach (var data in featureData)
                await data.EnsureDefaultsAsync(db, id);

        var users = services.GetRequiredService<UserManager<StaffMember>>();
        // The bootstrap account is the first venue's GM and the chain's admin (API.md "Venues and the chain").
        var admin = await db.MemberAsync(venue.Id, users.NormalizeName(AdminBadge));
        if (admin is null)
        {
            var password = settings.AdminPassword;
            if (password is null)
            {
                password = "Encore-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant() + "1";
                // Printed once, on the first start: the only place this password ever appears.
                Console.WriteLine($"Created the general manager account '{AdminBadge}' with password: {password}");
            }
            admin = new StaffMember { UserName = AdminBadge, Name = "管理员", VenueId = venue.Id, CreatedAt = clock.GetUtcNow() };
            var created = await users.CreateAsync(admin, password);
            if (!created.Succeeded)
                throw new InvalidOperationException("ENCORE_ADMIN_PASSWORD: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(admin, Roles.Gm);
        }
        // An installation from before the chain (issue 21) gets its admin made the chain admin too.
        if (!await users.IsInRoleAsync(admin, Roles.ChainAdmin)) await users.AddToRoleAsync(admin, Roles.ChainAdmin);

        var seedsDemo = settings.Demo && isNew;
        if (seedsDemo)
        {
            await DemoSeed.SeedChainAsync(db, venue, clock, featureData);
            log.LogInformation("Seeded the demo chain: venues {First} and {Second}", FirstVenueCode, DemoSeed.BranchCode);
        }
        // Statistics for the fresh file's queries (a seeded demo): later starts leave them to the return-visit sweep's
        // first pass, which refreshes them at every start as the day's first (Customers/CustomerSweeper.cs).
        await db.RefreshStatisticsAsync();
        await BootstrapRecord.RecordAsync(db, clock.GetUtcNow());
        return seedsDemo;
    }

    /// <summary>
    /// Which build of Encore last completed the bootstrap above on this database (encore_bootstrap, migration 0039).
    /// The bootstrap only adds what is missing (the roles, the first venue, every feature's defaults, the admin account,
    /// the demo), and what can be missing only changes with the code that defines it; a venue opened later gets its
    /// defaults when it is opened (Chain/VenueOpening.cs). So a start by the build that completed it skips it (issue 15:
    /// 0.25–0.3 s of a 1.4–1.8 s start, mostly the first compilation of its dozen queries and of Identity's). A new
    /// build runs it once more, as every start did before. What a restart no longer does: put back a default someone
    /// removed from the database by hand since (a new build still does).
    /// </summary>
    private static class BootstrapRecord
    {
        // Encore's own assemblies by their module version ids: the compiler (deterministic) gives a new one to any change
        // of their code, defaults included.
        private static readonly string Build = string.Join('.', new[] { typeof(Startup), typeof(Domain.HouseRules) }
            .Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N")));

        /// <summary>Read by hand (<see cref="Database.ByHandAsync"/>): a LINQ query would be one more for EF to compile at every start.</summary>
        public static Task<bool> CompletedByThisBuildAsync(EncoreDb db) =>
            db.ByHandAsync("SELECT done_at FROM encore_bootstrap WHERE build = @build", async read =>
            {
                var build = read.CreateParameter();
                build.ParameterName = "@build";
                build.Value = Build;
                read.Parameters.Add(build);
                return await read.ExecuteScalarAsync() is not null;
            });

        /// <summary>This build completed the bootstrap: the one row names it.</summary>
        public static async Task RecordAsync(EncoreDb db, DateTimeOffset at)
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("DELETE FROM encore_bootstrap");
            await db.Database.ExecuteSqlRawAsync("INSERT INTO encore_bootstrap (build, done_at) VALUES ({0}, {1})",
                [Build, at.ToString("O", CultureInfo.InvariantCulture)]);
            await tx.CommitAsync();
        }
    }
}
