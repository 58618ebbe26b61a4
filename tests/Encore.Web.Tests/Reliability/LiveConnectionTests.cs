using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Encore.Web.Tests.Reliability;

/// <summary>
/// Issue 12, item 6: an open /hubs/board connection used to keep hearing the venue (bookings with full phones) after
/// its account was disabled, its password reset or its roles changed. Such a change now closes the person's
/// connections at once (a real SignalR client, closed by the server).
/// </summary>
public sealed class LiveConnectionTests(EncoreFactory app) : ServerTest(app), IClassFixture<EncoreFactory>
{
    private async Task<(HubConnection Connection, Task Closed)> ConnectAsync(string badge)
    {
        var token = (await app.ClientFor(badge)).DefaultRequestHeaders.Authorization!.Parameter!;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/board"), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await connection.StartAsync();
        Assert.Equal(HubConnectionState.Connected, connection.State);
        return (connection, closed.Task);
    }

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
        var (connection, closed) = await ConnectAsync(badge);
        var (bystander, bystanderClosed) = await ConnectAsync("h02");
        try
        {
            var gm = await app.ClientFor("gm01");
            var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            var response = route.EndsWith(badge, StringComparison.Ordinal) ? await gm.PutAsync(route, content) : await gm.PostAsync(route, content);
            Assert.True(response.IsSuccessStatusCode, $"{route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

            await closed.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(HubConnectionState.Disconnected, connection.State);
            // Nobody else's connection is touched.
            Assert.False(bystanderClosed.IsCompleted);
            Assert.Equal(HubConnectionState.Connected, bystander.State);
        }
        finally
        {
            await connection.DisposeAsync();
            await bystander.DisposeAsync();
        }
    }

    [Fact]
    public async Task Signing_out_closes_ones_own_live_connections()
    {
        var (connection, closed) = await ConnectAsync("m10");
        try
        {
            Assert.Equal(HttpStatusCode.NoContent, (await (await app.ClientFor("m10")).PostAsync("/api/auth/logout", null)).StatusCode);
            await closed.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}
