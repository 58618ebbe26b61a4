using System.Data.Common;
using System.Net;
using Encore.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Encore.Web.Tests.Reliability;

/// <summary>Holds the next account-status read after it has read its row, until the test lets it go.</summary>
public sealed class StatusReadGate : DbCommandInterceptor
{
    private TaskCompletionSource? held;
    private TaskCompletionSource? release;

    public Task HoldNext()
    {
        release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return held.Task;
    }

    public void Release() => release?.TrySetResult();

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        // The status check reads exactly these two columns of the account (Platform/Security.cs AccountStatus).
        var text = command.CommandText;
        if (text.Contains("\"IsActive\"", StringComparison.Ordinal) && text.Contains("\"SecurityStamp\"", StringComparison.Ordinal)
            && !text.Contains("\"PasswordHash\"", StringComparison.Ordinal) && Interlocked.Exchange(ref held, null) is { } gate)
        {
            gate.TrySetResult();
            await release!.Task;
        }
        return result;
    }
}

public sealed class StaleStatusFactory : EncoreFactory
{
    public StatusReadGate Gate { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.ConfigureDbContext<EncoreDb>((_, options) => options.AddInterceptors(Gate)));
    }
}

/// <summary>
/// A disabled account loses access on its next request even when a request of its own was reading its status while
/// the GM disabled it: that read, older than the disable, must not be cached as "active" for another 30 seconds.
/// </summary>
public sealed class StaleStatusTests(StaleStatusFactory app) : ServerTest(app), IClassFixture<StaleStatusFactory>
{
    [Fact]
    public async Task A_status_read_from_before_the_disable_is_not_cached_after_it()
    {
        var manager = await app.ClientFor("m07");
        var gm = await app.ClientFor("gm01");

        // m07's request reads the account (active), and is held there while the GM disables the account.
        var held = app.Gate.HoldNext();
        var before = manager.GetAsync("/api/auth/me");
        await held.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await gm.PostAsync("/api/staff/m07/disable", null)).StatusCode);
        app.Gate.Release();
        Assert.Equal(HttpStatusCode.OK, (await before).StatusCode); // it began before the disable

        // The very next request is refused.
        Assert.Equal(HttpStatusCode.Unauthorized, (await manager.GetAsync("/api/auth/me")).StatusCode);
    }
}
