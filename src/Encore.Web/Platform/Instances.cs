using Medallion.Threading;
using Medallion.Threading.Postgres;
using StackExchange.Redis;

namespace Encore.Web.Platform;

/// <summary>Issue 21's shared parts' settings.</summary>
public static class Instances
{
    /// <summary>
    /// This process among several: machine and process id. It names the instance's PostgreSQL connections
    /// (application_name "encore …", and "encore-sweepers …" for the one holding the sweepers' lock), so pg_stat_activity
    /// tells an operator which instance holds what.
    /// </summary>
    public static readonly string Name = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>A PostgreSQL connection string with the application name <paramref name="name"/>, unless the operator set one.</summary>
    public static string NamedConnection(string connectionString, string name)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = name.Length > 63 ? name[..63] : name;
        return builder.ConnectionString;
    }

    /// <summary>ENCORE_REDIS read by StackExchange.Redis; Encore keeps going (and retries) while Redis is away instead of failing to start.</summary>
    public static ConfigurationOptions RedisOptions(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        return options;
    }
}

/// <summary>
/// What one instance tells the others when it changed something they keep in memory (issue 21, several instances on one
/// PostgreSQL): a venue's house rules, an account's status (disabled, signed out), the room board's tables, the training
/// clock. Without <c>ENCORE_REDIS</c> Encore is one process and nothing is sent; with it, each message goes over a Redis
/// channel to every other instance, which forgets (or moves) its own copy. A message lost while Redis is away costs at
/// most each cache's own bound (the account status 30 s, the board 1 s); the house rules have no such bound, so an
/// instance whose Redis connection comes back forgets all of them (<see cref="InstanceSync"/>). A clock move missed that
/// way is not made up until the next one.
/// </summary>
public sealed class InstanceBus
{
    /// <summary>This instance, so that it skips its own messages (per bus, not per process: the tests run two in one).</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    // The Redis side, only with ENCORE_REDIS. Its types are named only in RedisLink, which runs only then, so an
    // installation without Redis does not load StackExchange.Redis (issue 15, the start).
    private readonly RedisLink? redis;
    private readonly Dictionary<string, Action<string>> handlers = new(StringComparer.Ordinal);

    /// <summary>The Redis connection is registered only with ENCORE_REDIS (Platform/PlatformSetup.cs).</summary>
    public InstanceBus(EncoreSettings settings, IServiceProvider services)
    {
        if (settings.Redis is not null) redis = RedisLink.Of(services);
    }

    /// <summary>Whether other instances may exist (ENCORE_REDIS is set).</summary>
    public bool Shared => redis is not null;

    /// <summary>Tells the other instances: <paramref name="topic"/> changed for <paramref name="id"/>. Never throws: a lost message is bounded (above).</summary>
    public void Publish(string topic, string id) => redis?.Publish($"{InstanceId} {topic} {id}");

    /// <summary>What to do when another instance publishes <paramref name="topic"/> (registered once, at start).</summary>
    public void On(string topic, Action<string> handler) => handlers[topic] = handler;

    /// <summary>What to do each time the Redis connection comes back after a break (with ENCORE_REDIS).</summary>
    internal void OnReconnected(Action handler) => redis?.OnReconnected(handler);

    /// <summary>Listens to the other instances; the error when Redis cannot be reached yet (StackExchange.Redis keeps trying).</summary>
    internal Task<Exception?> SubscribeAsync() => redis is null ? Task.FromResult<Exception?>(null) : redis.SubscribeAsync(message =>
    {
        var parts = message.Split(' ', 3);
        if (parts.Length == 3 && parts[0] != InstanceId && handlers.TryGetValue(parts[1], out var handler)) handler(parts[2]);
    });

    private sealed class RedisLink(IConnectionMultiplexer connection)
    {
        private readonly ISubscriber subscriber = connection.GetSubscriber();

        private static RedisChannel Channel => RedisChannel.Literal("encore:changes");

        // Not inlined into the bus's constructor, which every start runs: its Redis types would load with it.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        public static RedisLink Of(IServiceProvider services) => new(services.GetRequiredService<IConnectionMultiplexer>());

        public void Publish(string message)
        {
            try
            {
                _ = subscriber.PublishAsync(Channel, message, CommandFlags.FireAndForget);
            }
            catch (Exception e) when (e is RedisException or ObjectDisposedException)
            {
                // Redis away or this instance stopping: the caches' own bounds cover what the others miss.
            }
        }

        public void OnReconnected(Action handler) => connection.ConnectionRestored += (_, _) => handler();

        public async Task<Exception?> SubscribeAsync(Action<string> received)
        {
            try
            {
                await subscriber.SubscribeAsync(Channel, (_, message) => received((string?)message ?? ""));
                return null;
            }
            catch (RedisException e)
            {
                return e;
            }
        }
    }
}

/// <summary>Wires the bus's topics to the caches they clear, at start (the caches publish; this hears the others).</summary>
public sealed class InstanceSync(InstanceBus bus, HouseRulesStore rules, AccountStatus status, Board.LiveConnections live, TimeProvider clock,
    ILogger<InstanceSync> log) : IHostedService
{
    private void BoardCommitted(string database) => bus.Publish(Rooms.BoardTables.Topic, database);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!bus.Shared) return;
        // Messages sent while this instance was cut off from Redis are lost: read every venue's rules again.
        bus.OnReconnected(rules.ForgetAllHere);
        bus.On(HouseRulesStore.Topic, id => rules.ForgetHere(Guid.Parse(id)));
        bus.On(AccountStatus.Topic, id => status.ForgetHere(Guid.Parse(id)));
        bus.On(Board.LiveConnections.Topic, id => live.CloseHere(Guid.Parse(id)));
        bus.On(Rooms.BoardTables.Topic, Rooms.BoardTables.BumpFromElsewhere);
        Rooms.BoardTables.Committed += BoardCommitted;
        bus.On(ClockApi.Topic, at => (clock as SimulatedClock)?.TrySet(DateTimeOffset.Parse(at, CultureInfo.InvariantCulture)));
        // Redis away at start: StackExchange.Redis keeps the subscription and makes it when the connection comes back;
        // until then the caches' own bounds apply (InstanceBus), and /health/ready answers 503.
        if (await bus.SubscribeAsync() is { } unreachable)
            log.LogWarning(unreachable, "Redis is not reachable yet; other instances' changes reach this one once it is");
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Rooms.BoardTables.Committed -= BoardCommitted;
        return Task.CompletedTask;
    }
}

/// <summary>
/// The background sweepers run on one instance at a time (issue 21): on PostgreSQL each pass first holds the advisory
/// lock <c>encore-sweepers</c> (DistributedLock.Postgres), kept for as long as this process lives; when the holder dies
/// its connection closes, PostgreSQL lets the lock go, and a survivor takes it on its next try. On SQLite (one machine)
/// the same through an exclusive lock on the file <c>{database}.sweepers</c>, which the operating system lets go when
/// its process ends: two processes on one file (a second instance, a tool) never sweep at once.
/// </summary>
public sealed class SweeperLease(EncoreSettings settings, ILogger<SweeperLease> log) : IAsyncDisposable
{
    /// <summary>How often an instance without the lock tries for it: a dead holder's sweeps resume within this.</summary>
    public static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);

    private readonly IDistributedLock? distributed = settings.IsPostgres ? PostgresLock(settings.Db) : null;
    // .NET takes FileShare.None on Linux as an exclusive flock: per open file, so also between two instances in one process.
    private readonly string lockFile = Path.GetFullPath(settings.Db + ".sweepers");
    private readonly SemaphoreSlim gate = new(1, 1);
    private IAsyncDisposable? held;

    // A method of its own, so an SQLite start does not load DistributedLock.Postgres (issue 15, the start).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static IDistributedLock PostgresLock(string db) =>
        new PostgresDistributedLock(new PostgresAdvisoryLockKey("encore-sweepers", allowHashing: true), LockConnection(db),
            o => o.KeepaliveCadence(TimeSpan.FromSeconds(5)));

    /// <summary>
    /// The lock's own connection, named for pg_stat_activity. DistributedLock watches for a lost lock with a long
    /// <c>pg_sleep</c> on that connection, and a server running a query does not notice that its client died: the cluster
    /// proof saw a killed holder's lock kept for 30 s. <c>client_connection_check_interval</c> (PostgreSQL 14 and later)
    /// makes the server look at the socket every second even then, so the lock goes within about a second of the death.
    /// </summary>
    public static string LockConnection(string db)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(Instances.NamedConnection(db, "encore-sweepers " + Instances.Name));
        builder.Options = ((builder.Options ?? "") + " -c client_connection_check_interval=1000").Trim();
        return builder.ConnectionString;
    }

    /// <summary>Whether this instance holds the sweepers now (taking them when free).</summary>
    public async Task<bool> HeldAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            // A handle whose connection broke has lost the lock: let it go and try again.
            if (held is IDistributedSynchronizationHandle { HandleLostToken.IsCancellationRequested: true })
            {
                log.LogWarning("This instance lost the sweepers' lock (its database connection broke)");
                await DisposeHeldAsync();
            }
            if (held is null && (held = distributed is null ? TryLockFile() : await distributed.TryAcquireAsync(TimeSpan.Zero, ct)) is not null)
                log.LogInformation("This instance runs the background sweepers");
            return held is not null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "The sweepers' lock could not be checked; this pass is skipped");
            await DisposeHeldAsync();
            return false;
        }
        finally
        {
            gate.Release();
        }
    }

    private FileStream? TryLockFile()
    {
        try
        {
            return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not DirectoryNotFoundException and not FileNotFoundException)
        {
            return null; // another instance on this machine holds it
        }
    }

    private async Task DisposeHeldAsync()
    {
        var handle = held;
        held = null;
        if (handle is not null)
        {
            try { await handle.DisposeAsync(); }
            catch (Exception e) { log.LogDebug(e, "Releasing a lost lock failed"); }
        }
    }

    public async ValueTask DisposeAsync() => await DisposeHeldAsync();
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> e) =>
        e.ToTable("data_protection_keys");
}
