using System.Text.Json;
using Encore.Bench;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Encore.Cluster;

/// <summary>Board screens: SignalR clients on /hubs/board, each through a given address (an instance, or nginx).</summary>
public sealed class Screens : IAsyncDisposable
{
    private static readonly TimeSpan[] ReconnectDelays =
        [TimeSpan.Zero, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2),
         TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];

    private readonly HubConnection[] connections;
    private readonly int[] reconnecting;
    private readonly int[] reconnected;

    public DeliveryProbe Probe { get; }
    public IReadOnlyList<Uri> Targets { get; }
    public int Count => connections.Length;

    private Screens(IReadOnlyList<Uri> targets)
    {
        Targets = targets;
        connections = new HubConnection[targets.Count];
        reconnecting = new int[targets.Count];
        reconnected = new int[targets.Count];
        Probe = new DeliveryProbe(targets.Count);
    }

    /// <summary>
    /// Connects one client per target, straight to a WebSocket as the pages do (no negotiate request: behind nginx it
    /// could reach another instance than the socket), with the given staff tokens in turn; 32 handshakes at a time.
    /// </summary>
    public static async Task<Screens> ConnectAsync(IReadOnlyList<Uri> targets, IReadOnlyList<string> tokens, CancellationToken ct)
    {
        var screens = new Screens(targets);
        using var gate = new SemaphoreSlim(32);
        try
        {
            await Task.WhenAll(targets.Select(async (target, i) =>
            {
                var token = tokens[i % tokens.Count];
                var connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(target, "/hubs/board"), o =>
                    {
                        o.SkipNegotiation = true;
                        o.Transports = HttpTransportType.WebSockets;
                        o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                    })
                    .WithAutomaticReconnect(ReconnectDelays)
                    .Build();
                connection.ServerTimeout = TimeSpan.FromMinutes(2);
                connection.On<JsonElement>("roomChanged", room => screens.Probe.Heard(i, room));
                connection.Reconnecting += _ => { Interlocked.Increment(ref screens.reconnecting[i]); return Task.CompletedTask; };
                connection.Reconnected += _ => { Interlocked.Increment(ref screens.reconnected[i]); return Task.CompletedTask; };
                screens.connections[i] = connection;
                await gate.WaitAsync(ct);
                try { await connection.StartAsync(ct); }
                finally { gate.Release(); }
            }));
        }
        catch
        {
            await screens.DisposeAsync();
            throw;
        }
        return screens;
    }

    /// <summary>Clients whose connection dropped at least once, and of those, how many are connected again.</summary>
    public (int Dropped, int Back) Drops()
    {
        var dropped = Enumerable.Range(0, Count).Where(i => Volatile.Read(ref reconnecting[i]) > 0).ToList();
        return (dropped.Count, dropped.Count(i => connections[i].State == HubConnectionState.Connected && Volatile.Read(ref reconnected[i]) > 0));
    }

    public int Connected => connections.Count(c => c?.State == HubConnectionState.Connected);

    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(connections.Where(c => c is not null).Select(c => c.DisposeAsync().AsTask()));
}
