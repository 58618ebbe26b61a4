using Encore.Domain;
using Encore.Web.Data;
using Encore.Web.Platform;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Encore.Web.Tests.Platform;

/// <summary>
/// The start-up's bootstrap (Data/Startup.cs: the roles, the first venue, the features' defaults, the admin account)
/// runs once per build on a database: a restart by the same build skips it, a start by another build runs it again.
/// </summary>
public sealed class BootstrapRecordTests
{
    [Fact]
    public async Task A_restart_by_the_same_build_skips_the_bootstrap_and_another_build_runs_it_again()
    {
        using var first = new EncoreFactory();
        var recorded = await RecordAsync(first);
        Assert.Single(recorded);
        // Something the bootstrap puts back when it runs: the admin's chain-admin role.
        Assert.True(await Db(first, AdminIsChainAdminAsync));
        await Db(first, db => db.UserRoles.Where(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.ChainAdmin)).ExecuteDeleteAsync());
        Stop(first);

        using (var sameBuild = first.WithWebHostBuilder(_ => { }))
        {
            Assert.False(await Db(sameBuild, AdminIsChainAdminAsync));
            Assert.Equal(recorded, await RecordAsync(sameBuild));
            // As if another build had done it last.
            await Db(sameBuild, db => db.Database.ExecuteSqlRawAsync("UPDATE encore_bootstrap SET build = 'another build'"));
            Stop(sameBuild);
        }

        using var nextBuild = first.WithWebHostBuilder(_ => { });
        Assert.True(await Db(nextBuild, AdminIsChainAdminAsync));
        var again = await RecordAsync(nextBuild);
        Assert.Equal(recorded[0].Build, Assert.Single(again).Build);
        Assert.NotEqual(recorded[0].DoneAt, again[0].DoneAt);
    }

    private sealed record Row(string Build, string DoneAt);

    private static Task<List<Row>> RecordAsync(WebApplicationFactory<Program> app) => Db(app, async db =>
        (await db.Database.SqlQueryRaw<string>("SELECT build || ' ' || done_at AS \"Value\" FROM encore_bootstrap").ToListAsync())
            .Select(text => text.Split(' ')).Select(parts => new Row(parts[0], parts[1])).ToList());

    private static Task<bool> AdminIsChainAdminAsync(EncoreDb db) =>
        (from ur in db.UserRoles
         join r in db.Roles on ur.RoleId equals r.Id
         join u in db.Users on ur.UserId equals u.Id
         where u.UserName == Startup.AdminBadge && r.Name == Roles.ChainAdmin
         select ur).AnyAsync();

    private static async Task<T> Db<T>(WebApplicationFactory<Program> app, Func<EncoreDb, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<EncoreDb>());
    }

    private static void Stop(WebApplicationFactory<Program> app) =>
        app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
}

/// <summary>Encore with two more sweepers whose first passes take a while and count how many run at once.</summary>
public sealed class SlowFirstPassFactory : EncoreFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<Overlap>();
            services.AddHostedService<SweeperA>();
            services.AddHostedService<SweeperB>();
        });
    }

    /// <summary>The most first passes of the two seen running at once.</summary>
    public sealed class Overlap
    {
        private int running, most;
        public int Most => Volatile.Read(ref most);

        public async Task RunAsync(CancellationToken ct)
        {
            var now = Interlocked.Increment(ref running);
            int seen;
            while ((seen = Volatile.Read(ref most)) < now && Interlocked.CompareExchange(ref most, now, seen) != seen) { }
            try { await Task.Delay(300, ct); }
            finally { Interlocked.Decrement(ref running); }
        }
    }

    public abstract class SlowSweeper(TimeProvider clock, ILogger log, string what, SweepProgress progress, Overlap overlap)
        : ClockedSweeper(clock, log, TimeSpan.FromHours(1), what, progress)
    {
        private int passes;
        public int Passes => Volatile.Read(ref passes);

        public override async Task SweepAsync(CancellationToken ct)
        {
            if (Interlocked.Increment(ref passes) == 1) await overlap.RunAsync(ct);
        }
    }

    public sealed class SweeperA(TimeProvider clock, ILogger<SweeperA> log, SweepProgress progress, Overlap overlap)
        : SlowSweeper(clock, log, "Slow first pass A", progress, overlap);

    public sealed class SweeperB(TimeProvider clock, ILogger<SweeperB> log, SweepProgress progress, Overlap overlap)
        : SlowSweeper(clock, log, "Slow first pass B", progress, overlap);
}

/// <summary>
/// The sweepers' first passes after a start run one at a time (SweepProgress.FirstPassAsync, issue 15): together they
/// held the first requests back on a small server's two cores.
/// </summary>
public sealed class FirstPassTests(SlowFirstPassFactory app) : ServerTest(app), IClassFixture<SlowFirstPassFactory>
{
    [Fact]
    public async Task The_first_passes_take_turns_and_every_sweeper_still_completes_its_pass()
    {
        await app.SweptThroughNowAsync();
        var sweepers = app.Services.GetServices<IHostedService>().OfType<SlowFirstPassFactory.SlowSweeper>().ToList();
        Assert.Equal(2, sweepers.Count);
        Assert.All(sweepers, s => Assert.True(s.Passes >= 1));
        Assert.Equal(1, app.Services.GetRequiredService<SlowFirstPassFactory.Overlap>().Most);
    }
}
