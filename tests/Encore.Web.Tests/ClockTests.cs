using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Encore.Web.Tests;

public sealed class SimulatedClockTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task The_GM_moves_the_clock_forward_only()
    {
        var gm = await app.ClientFor("gm01");
        var start = (await gm.GetFromJsonAsync<JsonElement>("/api/clock")).GetProperty("now").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromHours(8), start.Offset);

        var target = start.AddHours(3).AddMinutes(1);
        var moved = await gm.PutAsJsonAsync("/api/clock", new { now = target });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(target, (await gm.GetFromJsonAsync<JsonElement>("/api/clock")).GetProperty("now").GetDateTimeOffset());

        var back = await gm.PutAsJsonAsync("/api/clock", new { now = start });
        var problem = await Problem.Expect(back, HttpStatusCode.BadRequest);
        Assert.Equal(["now"], problem.ErrorFields());
        Assert.Equal(target, (await gm.GetFromJsonAsync<JsonElement>("/api/clock")).GetProperty("now").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_clock_stands_still_until_told()
    {
        var gm = await app.ClientFor("gm01");
        var first = (await gm.GetFromJsonAsync<JsonElement>("/api/clock")).GetProperty("now").GetDateTimeOffset();
        await Task.Delay(1100);
        Assert.Equal(first, (await gm.GetFromJsonAsync<JsonElement>("/api/clock")).GetProperty("now").GetDateTimeOffset());
    }

    [Fact]
    public async Task Sign_ins_live_on_real_time_when_the_training_clock_moves_past_their_lifetime()
    {
        var gm = await app.ClientFor("gm01");
        var manager = await app.ClientFor("m03");
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync("/api/auth/login", new { venue = "main", badge = "m04", password = EncoreFactory.PasswordOf("m04") })).StatusCode);
        var now = (await gm.GetFromJsonAsync<JsonElement>("/api/clock")).GetProperty("now").GetDateTimeOffset();
        // Past a token's 10 hours and the cookie's 14: a training night is driven through without anyone signing in again.
        Assert.Equal(HttpStatusCode.OK, (await gm.PutAsJsonAsync("/api/clock", new { now = now.AddHours(15) })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gm.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Only_the_GM_sets_the_clock()
    {
        var manager = await app.ClientFor("m01");
        await Problem.Expect(await manager.PutAsJsonAsync("/api/clock", new { now = DateTimeOffset.UtcNow.AddYears(1) }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_move_of_the_clock_is_audited()
    {
        var gm = await app.ClientFor("gm01");
        var now = (await gm.GetFromJsonAsync<JsonElement>("/api/clock")).GetProperty("now").GetDateTimeOffset();
        Assert.Equal(HttpStatusCode.OK, (await gm.PutAsJsonAsync("/api/clock", new { now = now.AddMinutes(5) })).StatusCode);
        Assert.True(app.With(db => db.AuditEntries.Any(a => a.Action == "clock.set" && a.ActorBadge == "gm01")));
    }
}

/// <summary>The training clock on a restart of Encore: its own Encore, stopped and started again on the same database.</summary>
public sealed class ClockRestartTests
{
    [Fact]
    public async Task The_training_clock_goes_on_where_it_stood_after_a_restart()
    {
        using var first = new SimulatedClockFactory();
        var gm = await first.ClientFor("gm01");
        var start = (await gm.GetFromJsonAsync<JsonElement>("/api/clock")).GetProperty("now").GetDateTimeOffset();
        var moved = start.AddHours(5).AddMinutes(7);
        Assert.Equal(HttpStatusCode.OK, (await gm.PutAsJsonAsync("/api/clock", new { now = moved })).StatusCode);
        first.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().StopApplication();

        // The same settings (ENCORE_CLOCKSTART still names the start), the same database and sign-in keys.
        using var second = first.WithWebHostBuilder(_ => { });
        var client = second.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var login = await client.PostAsJsonAsync("/api/auth/login", new { venue = "main", badge = "gm01", password = EncoreFactory.PasswordOf("gm01") });
        var token = (await login.Content.ReadFromJsonAsync<EncoreFactory.LoginAnswer>())!.Token;
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(moved, (await client.GetFromJsonAsync<JsonElement>("/api/clock")).GetProperty("now").GetDateTimeOffset());
        // And it still only moves forward from there.
        await Problem.Expect(await client.PutAsJsonAsync("/api/clock", new { now = moved.AddMinutes(-1) }), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/clock", new { now = moved.AddMinutes(1) })).StatusCode);
    }

    [Fact]
    public async Task A_clock_never_moved_by_hand_also_stands_where_it_stood()
    {
        using var first = new LaterStartFactory(DateTimeOffset.Parse("2026-11-20T18:00:00+08:00"));
        var gm = await first.ClientFor("gm01");
        var start = (await gm.GetFromJsonAsync<JsonElement>("/api/clock")).GetProperty("now").GetDateTimeOffset();
        first.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().StopApplication();

        // A restart naming an earlier start does not send the clock back; a later one moves it forward.
        using (var earlier = first.WithWebHostBuilder(b => b.UseSetting("Encore:ClockStart", start.AddDays(-3).ToString("O"))))
            Assert.Equal(start, earlier.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        using var later = first.WithWebHostBuilder(b => b.UseSetting("Encore:ClockStart", start.AddDays(2).ToString("O")));
        Assert.Equal(start.AddDays(2), later.Services.GetRequiredService<TimeProvider>().GetUtcNow());
    }

    private sealed class LaterStartFactory(DateTimeOffset start) : SimulatedClockFactory
    {
        protected override DateTimeOffset ClockStart => start;
    }
}

public sealed class RealClockTests(EncoreFactory app) : ServerTest(app), IClassFixture<EncoreFactory>
{
    [Fact]
    public async Task Without_the_simulated_clock_the_clock_API_is_404()
    {
        var gm = await app.ClientFor("gm01");
        await Problem.Expect(await gm.GetAsync("/api/clock"), HttpStatusCode.NotFound);
        await Problem.Expect(await gm.PutAsJsonAsync("/api/clock", new { now = DateTimeOffset.UtcNow.AddDays(1) }), HttpStatusCode.NotFound);
    }
}
