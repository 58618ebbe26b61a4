using Encore.Web.Platform;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Encore.Web.Tests.Platform;

/// <summary>Encore on the real clock, with one more sweeper whose poll is an hour (it counts its passes).</summary>
public sealed class HourlySweeperFactory : EncoreFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddHostedService<HourlySweeper>());
    }

    public sealed class HourlySweeper(TimeProvider clock, ILogger<HourlySweeper> log, SweepProgress progress)
        : ClockedSweeper(clock, log, TimeSpan.FromHours(1), "Hourly test sweep", progress)
    {
        private int passes;
        public int Passes => Volatile.Read(ref passes);

        public override Task SweepAsync(CancellationToken ct)
        {
            Interlocked.Increment(ref passes);
            return Task.CompletedTask;
        }
    }
}

/// <summary>
/// A wait for the sweeps through now wakes a sleeping sweeper instead of waiting out its poll: on the real clock the
/// sweepers poll every 30–60 s, and a test (or anyone) that asks for the sweeps through now wants them run now.
/// </summary>
public sealed class SweepWakeTests(HourlySweeperFactory app) : ServerTest(app), IClassFixture<HourlySweeperFactory>
{
    [Fact]
    public async Task A_wait_for_the_sweeps_through_now_wakes_a_sweeper_whose_poll_is_an_hour()
    {
        var sweeper = app.Services.GetServices<IHostedService>().OfType<HourlySweeperFactory.HourlySweeper>().Single();
        // The first pass runs at start; its sleep is then an hour long.
        await app.SweptThroughNowAsync();
        var after = sweeper.Passes;
        Assert.True(after >= 1);

        // A wait through a later instant is answered by a new pass, long before the hour is out (SweptThroughNowAsync gives up after 90 s).
        await Task.Delay(10);
        await app.SweptThroughNowAsync();
        Assert.True(sweeper.Passes > after);
    }
}
