using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Encore.Web.Tests;

/// <summary>
/// The guard itself: a request that throws inside Encore's pipeline answers 500 and is logged, and a
/// <see cref="ServerTest"/> that ran while it happened fails on dispose, even though nothing in the test asserted
/// on the 500. This is what makes a losing race that answers 500 fail the suite instead of hiding behind a retry.
/// </summary>
public sealed class ServerErrorDetectionTests(ServerErrorDetectionTests.ThrowingApp app) : IClassFixture<ServerErrorDetectionTests.ThrowingApp>
{
    /// <summary>Encore with one extra route that fails the way a bug would: an exception nobody catches.</summary>
    public sealed class ThrowingApp : EncoreFactory
    {
        protected override bool Demo => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ThrowingRoute()));
        }

        private sealed class ThrowingRoute : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                next(app);
                app.Map("/test-only/throw", branch => branch.Run(_ => throw new InvalidOperationException("a bug nobody caught")));
            };
        }
    }

    private sealed class Probe(EncoreFactory server) : ServerTest(server);

    [Fact]
    public async Task A_test_fails_when_the_server_logged_an_unhandled_exception_during_it()
    {
        var quiet = new Probe(app);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/health")).StatusCode);
        quiet.Dispose(); // nothing logged: passes

        var probe = new Probe(app);
        var response = await app.Anonymous().GetAsync("/test-only/throw");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var failure = Assert.Throws<Xunit.Sdk.XunitException>(probe.Dispose);
        Assert.Contains("a bug nobody caught", failure.Message);
    }

    /// <summary>
    /// Issue 12 item 11: a 500 that still happens is problem details and carries the browser security headers (the
    /// exception handler clears the response's headers before it writes; they used to be lost with them).
    /// </summary>
    [Fact]
    public async Task A_500_is_problem_details_with_the_security_headers()
    {
        var probe = new Probe(app);
        var response = await app.Anonymous().GetAsync("/test-only/throw");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("default-src 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Throws<Xunit.Sdk.XunitException>(probe.Dispose); // the 500 was logged, as it must be
    }
}
