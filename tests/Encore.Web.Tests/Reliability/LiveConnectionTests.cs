using System.Net;
using Encore.Web.Tests.Bookings;
using Microsoft.AspNetCore.SignalR.Client;

namespace Encore.Web.Tests.Reliability;

/// <summary>
/// Issue 12, item 6: an open /hubs/board connection used to keep hearing the venue (bookings with full phones) after
/// its account was disabled, its password reset or its roles changed. Such a change now closes the person's
/// connections at once (a real SignalR client, closed by the server).
/// </summary>
public sealed class LiveConnectionTests(EncoreFactory app) : ServerTest(app), IClassFixture<EncoreFactory>
{
    public static TheoryData<string, string, string> Changes => new()
    {
        { "h03", "/api/staff/h03/disable", "{}" },
        { "m11", "/api/staff/m11/password", """{"password":"new-secret-9"}""" },
        { "dh02", "/api/staff/dh02", """{"name":"刘部长","roles":["manager"],"department":"营销二部"}""" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task A_change_to_the_account_closes_its_open_live_connections(string badge, string route, string body)
    {
        await using var connection = await BoardListener.StartAsync(app, badge);
        await using var bystander = await BoardListener.StartAsync(app, "h02");
        Assert.Equal(HubConnectionState.Connected, connection.State);
        var gm = await app.ClientFor("gm01");
        var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = route.EndsWith(badge, StringComparison.Ordinal) ? await gm.PutAsync(route, content) : await gm.PostAsync(route, content);
        Assert.True(response.IsSuccessStatusCode, $"{route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

        await connection.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
        // Nobody else's connection is touched.
        Assert.False(bystander.Closed.IsCompleted);
        Assert.Equal(HubConnectionState.Connected, bystander.State);
    }

    [Fact]
    public async Task Signing_out_closes_ones_own_live_connections()
    {
        await using var connection = await BoardListener.StartAsync(app, "m10");
        Assert.Equal(HubConnectionState.Connected, connection.State);
        Assert.Equal(HttpStatusCode.NoContent, (await (await app.ClientFor("m10")).PostAsync("/api/auth/logout", null)).StatusCode);
        await connection.Closed.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
