using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace Encore.Web.Tests.Bookings;

/// <summary>The live board: every change reaches every open board, and a booking's details only those allowed to see them.</summary>
public sealed class BoardHubTests(SimulatedClockFactory app, ITestOutputHelper output) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private Task<BoardListener> ListenAs(string badge) => BoardListener.StartAsync(app, badge);

    [Fact]
    public async Task An_assign_reaches_every_board_and_the_booker_but_not_other_managers()
    {
        await using var desk = await ListenAs("h01");
        await using var floor = await ListenAs("fm01");
        await using var booker = await ListenAs("m01");
        await using var otherManager = await ListenAs("m02");

        var manager = await app.ClientFor("m01");
        var host = await app.ClientFor("h02");
        var now = await (await app.ClientFor("gm01")).NowAsync();
        var booking = await manager.BookAsync(now.AddHours(1), name: "冯先生", phone: "13655556666");
        var room = (await host.FreeRoomsAsync())[2];

        var sent = Stopwatch.GetTimestamp();
        var answer = await host.AssignAsync(booking, room);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);

        bool IsRoom(JsonElement r) => r.Str("number") == room && r.Str("state") == "reserved";
        var (onDesk, deskAt) = await desk.WaitForTimedAsync("roomChanged", IsRoom);
        Assert.Equal(booking.Id(), onDesk.Str("bookingId"));
        Assert.Equal("m01", onDesk.Str("managerBadge"));
        await floor.WaitForAsync("roomChanged", IsRoom);
        await otherManager.WaitForAsync("roomChanged", IsRoom); // the board itself is for all staff
        var onPhone = await booker.WaitForAsync("bookingChanged", b => b.Id() == booking.Id() && b.Status() == "assigned");
        Assert.Equal(room, onPhone.Str("roomNumber"));
        await desk.WaitForAsync("bookingChanged", b => b.Id() == booking.Id() && b.Status() == "assigned");

        output.WriteLine($"assign → roomChanged on another board: {Stopwatch.GetElapsedTime(sent, deskAt).TotalMilliseconds:F1} ms (request included, long polling, in-process server)");
        // The guest's phone travels only with bookingChanged, which another manager never hears. Notices go out in
        // order and each connection receives in order, so once m02 hears the change of a booking of their own
        // (made after the assign), anything about m01's booking would already have reached them.
        var marker = await (await app.ClientFor("m02")).BookAsync(now.AddHours(2), name: "标记客人", phone: "13655550000");
        await otherManager.WaitForAsync("bookingChanged", b => b.Id() == marker.Id());
        Assert.DoesNotContain(otherManager.Heard, h => h.Event == "bookingChanged" && h.Body.Id() != marker.Id());
        Assert.DoesNotContain(otherManager.Heard, h => h.Body.GetRawText().Contains("13655556666"));
    }

    [Fact]
    public async Task A_lapse_on_the_clock_reaches_the_board_without_anyone_acting()
    {
        await using var desk = await ListenAs("h03");
        var gm = await app.ClientFor("gm01");
        var manager = await app.ClientFor("m03");
        var host = await app.ClientFor("h02");
        var booking = await manager.BookAsync((await gm.NowAsync()).AddMinutes(20), name: "褚先生", phone: "13677778888");
        var room = (await host.FreeRoomsAsync())[3];
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(booking, room)).StatusCode);
        await desk.WaitForAsync("roomChanged", r => r.Str("number") == room && r.Str("state") == "reserved");

        await gm.SetClockAsync((await host.GetAsync(booking)).GetProperty("holdUntil").GetDateTimeOffset());
        await desk.WaitForAsync("roomChanged", r => r.Str("number") == room && r.Str("state") == "free");
        await desk.WaitForAsync("bookingChanged", b => b.Id() == booking.Id() && b.Status() == "lapsed");
    }

    /// <summary>
    /// Who hears a booking's phone live, role by role: the desk, floor and GM in full (they verify guests and see every
    /// file); the booker in full; a department head of the booker's own department and the cashier masked; another
    /// manager not at all.
    /// </summary>
    [Fact]
    public async Task A_bookings_phone_reaches_each_role_live_only_as_that_role_may_see_it()
    {
        const string phone = "13655557777";
        var listeners = new Dictionary<string, BoardListener>();
        foreach (var badge in new[] { "h02", "fm01", "gm01", "m05", "dh01", "dh02", "c01", "m06" })
            listeners[badge] = await ListenAs(badge);
        try
        {
            var now = await (await app.ClientFor("gm01")).NowAsync();
            var booking = await (await app.ClientFor("m05")).BookAsync(now.AddHours(1), name: "钱先生", phone: phone);
            foreach (var badge in new[] { "h02", "fm01", "gm01", "m05" })
                Assert.Equal(phone, (await listeners[badge].WaitForAsync("bookingChanged", b => b.Id() == booking.Id())).Str("customerPhone"));
            foreach (var badge in new[] { "dh01", "dh02", "c01" })
                Assert.Equal("136****7777", (await listeners[badge].WaitForAsync("bookingChanged", b => b.Id() == booking.Id())).Str("customerPhone"));

            // m06 (m05's colleague in 营销一部) hears nothing of it: once a booking of their own reaches them, anything
            // about m05's would have arrived before it.
            var marker = await (await app.ClientFor("m06")).BookAsync(now.AddHours(2), name: "标记客人");
            await listeners["m06"].WaitForAsync("bookingChanged", b => b.Id() == marker.Id());
            Assert.DoesNotContain(listeners["m06"].Heard, h => h.Body.GetRawText().Contains(phone) || (h.Event == "bookingChanged" && h.Body.Id() == booking.Id()));
            foreach (var badge in new[] { "dh01", "dh02", "c01" })
                Assert.DoesNotContain(listeners[badge].Heard, h => h.Body.GetRawText().Contains(phone));
        }
        finally
        {
            foreach (var listener in listeners.Values) await listener.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_websocket_client_signs_in_to_the_hub_with_its_bearer_token()
    {
        var client = await app.ClientFor("h03");
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        var connection = new HubConnectionBuilder()
            // As a browser does: WebSockets cannot carry headers, so the token travels as access_token.
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/board?access_token=" + Uri.EscapeDataString(token)), o =>
            {
                o.WebSocketFactory = async (context, ct) =>
                {
                    Assert.Contains("access_token=", context.Uri.Query);
                    return await app.Server.CreateWebSocketClient().ConnectAsync(context.Uri, ct);
                };
                o.SkipNegotiation = true;
                o.Transports = HttpTransportType.WebSockets;
            })
            .Build();
        await connection.StartAsync();
        Assert.Equal(HubConnectionState.Connected, connection.State);
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task The_hub_refuses_anonymous_connections()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/board"), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => connection.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
