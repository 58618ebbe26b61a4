using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Encore.Web.Board;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Encore.Web.Tests.Bookings;

/// <summary>A live board signed in as one member of staff: what it heard and when (Stopwatch timestamps), and waiting (at most 5 s) for an event.</summary>
public sealed class BoardListener : IAsyncDisposable
{
    private readonly HubConnection connection;

    public ConcurrentQueue<(string Event, JsonElement Body, long At)> Heard { get; } = new();

    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BoardListener(HubConnection connection)
    {
        this.connection = connection;
        connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
    }

    public HubConnectionState State => connection.State;

    /// <summary>Completes when the connection closes (the server ended it, or it was disposed).</summary>
    public Task Closed => closed.Task;

    public static async Task<BoardListener> StartAsync(EncoreFactory app, string badge)
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
        var listener = new BoardListener(connection);
        foreach (var name in new[] { "roomChanged", "bookingChanged", "approvalChanged", "phoneProbing", "violationsChanged", "pinged", "customersChanged", "complaintChanged", "closingRoundReminder", "handoverChanged", "meetingChanged", "rankingsChanged" })
            connection.On<JsonElement>(name, body => listener.Heard.Enqueue((name, body, Stopwatch.GetTimestamp())));
        connection.On("standingsChanged", () => listener.Heard.Enqueue(("standingsChanged", default, Stopwatch.GetTimestamp())));
        await connection.StartAsync();
        // The handshake answers before the hub's OnConnectedAsync has joined the groups; an event sent in between
        // would be lost to this listener. LiveConnections records the connection after the joins.
        var live = app.Services.GetRequiredService<LiveConnections>();
        var joining = Stopwatch.StartNew();
        while (!live.IsOpen(connection.ConnectionId!))
        {
            if (joining.Elapsed > TimeSpan.FromSeconds(5)) throw new Xunit.Sdk.XunitException($"{badge}'s board connection did not join its groups within 5 s");
            await Task.Delay(5);
        }
        return listener;
    }

    public async Task<JsonElement> WaitForAsync(string name, Func<JsonElement, bool> match) => (await WaitForTimedAsync(name, match)).Body;

    /// <summary>The first matching event and the moment it arrived.</summary>
    public async Task<(JsonElement Body, long At)> WaitForTimedAsync(string name, Func<JsonElement, bool> match)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            foreach (var (evt, body, at) in Heard)
                if (evt == name && match(body)) return (body, at);
            await Task.Delay(10);
        }
        throw new Xunit.Sdk.XunitException($"no matching {name} within 5 s; heard {string.Join(", ", Heard.Select(h => h.Event))}");
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
