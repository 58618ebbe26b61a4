using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

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
        await StartJoinedAsync(connection);
        return listener;
    }

    /// <summary>
    /// Starts a connection and waits (at most 5 s) for the hub's "joined": the handshake answers before the hub joins
    /// the connection's groups, so an event sent in between would not reach it.
    /// </summary>
    public static async Task StartJoinedAsync(HubConnection connection)
    {
        var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = connection.On("joined", () => joined.TrySetResult());
        await connection.StartAsync();
        try { await joined.Task.WaitAsync(TimeSpan.FromSeconds(5)); }
        catch (TimeoutException) { throw new Xunit.Sdk.XunitException("the hub did not say joined within 5 s"); }
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
