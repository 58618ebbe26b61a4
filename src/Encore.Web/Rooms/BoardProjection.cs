using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Encore.Web.Rooms;

/// <summary>
/// The room board (GET /api/rooms) kept in memory per venue, as the JSON it answers (issue 15: every board screen
/// asks for it, and it changes only when a room, a claim, a booking, a session or a person changes).
/// <para>
/// It is built from the database (<see cref="RoomBoard.ViewsAsync"/>) when first asked for, and dropped whenever a
/// write to one of those tables is committed in this process (<see cref="BoardTables"/> sees every command EF
/// sends, the tracked changes, ExecuteUpdate and raw SQL alike), so a read after a commit never sees the board
/// from before it. A board being built while a write commits is not kept (the generation moved while it was read).
/// What this process cannot see (another process writing the same database: the backup command's restore, a
/// second instance) is bounded by <see cref="MaxAge"/>: a board older than that is read again.
/// </para>
/// </summary>
public sealed class BoardProjection(IOptions<JsonOptions> json)
{
    /// <summary>How stale a board may be after a write this process did not make (see above); the tests lengthen it to count reads.</summary>
    internal TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(1);

    private sealed record Board(TimeZoneInfo Zone, List<RoomView> Views, byte[] Json);

    private readonly KeptWhileUnchanged<Guid, Board> boards = new(BoardTables.GenerationOf);
    private int builds;

    /// <summary>How many times a board was read from the database (the tests see the memory at work by it).</summary>
    internal int Builds => Volatile.Read(ref builds);

    /// <summary>The venue's board as JSON, from memory when nothing changed since it was read.</summary>
    public async Task<byte[]> JsonAsync(EncoreDb db, Guid venue, TimeZoneInfo zone) => (await BoardAsync(db, venue, zone)).Json;

    /// <summary>The venue's board, from memory when nothing changed since it was read. The list is shared: do not change it.</summary>
    public async Task<List<RoomView>> ViewsAsync(EncoreDb db, Guid venue, TimeZoneInfo zone) => (await BoardAsync(db, venue, zone)).Views;

    private Task<Board> BoardAsync(EncoreDb db, Guid venue, TimeZoneInfo zone) =>
        boards.GetAsync(BoardTables.DatabaseOf(db.Database.GetDbConnection()), venue, MaxAge, kept => kept.Zone == zone, async () =>
        {
            Interlocked.Increment(ref builds);
            var views = await RoomBoard.ViewsAsync(db, venue, zone);
            return new Board(zone, views, JsonSerializer.SerializeToUtf8Bytes(views, json.Value.SerializerOptions));
        });
}

/// <summary>
/// Moves a database's generation (<see cref="GenerationOf"/>) when a write to a table the board shows has been
/// committed there: at the commit of a transaction that wrote one, or right after such a command outside a
/// transaction. Registered on every EncoreDb (Data/Database.cs), so the tests' and tools' contexts in this process
/// count too; one database's writes do not drop another's boards.
/// </summary>
public sealed class BoardTables : IDbCommandInterceptor, IDbTransactionInterceptor
{
    public static readonly BoardTables Instance = new();

    /// <summary>A database's generations: the board's tables', and the rooms table's alone (LargestRooms: the board's moves with every booking).</summary>
    private sealed class Generations
    {
        public long Board;
        public long Rooms;
    }

    private static readonly ConcurrentDictionary<string, Generations> generations = new(StringComparer.Ordinal);

    /// <summary>Which database a connection is on: the file, or the server and database name.</summary>
    public static string DatabaseOf(DbConnection connection) => connection.DataSource + "|" + connection.Database;

    /// <summary>Changes after every committed write to the board's tables of <paramref name="database"/> (<see cref="DatabaseOf"/>).</summary>
    public static long GenerationOf(string database) => Volatile.Read(ref Of(database).Board);

    /// <summary>Changes after every committed write to the rooms table of <paramref name="database"/>, and whenever the board's does on another instance's word.</summary>
    public static long RoomsGenerationOf(string database) => Volatile.Read(ref Of(database).Rooms);

    private static Generations Of(string database) => generations.GetOrAdd(database, _ => new());

    private static void BumpRooms(string database) => Interlocked.Increment(ref Of(database).Rooms);

    // Quoted as EF writes them, and unquoted as raw SQL may name them. A false match only costs one more read. The rooms
    // table has a generation of its own besides (LargestRooms).
    private static readonly string[] RoomsTable = ["\"rooms\"", " rooms"];
    private static readonly string[] Tables = [.. RoomsTable, "\"room_claims\"", "\"room_sessions\"", "\"bookings\"", "\"AspNetUsers\"", "\"venues\"", " room_claims", " room_sessions", " bookings", " venues"];

    private static bool Names(string commandText, string[] spellings)
    {
        foreach (var table in spellings)
            if (commandText.Contains(table, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>What a transaction wrote of the tables: the database it is on, and whether the rooms table was among them.</summary>
    private sealed class Written(string database)
    {
        public string Database { get; } = database;
        public bool Rooms { get; set; }
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbTransaction, Written> dirty = [];

    /// <summary>The bus topic of a committed write to the board's tables (issue 21): the other instances drop their boards of that database.</summary>
    public const string Topic = "board";

    /// <summary>Each committed write here, for the instance bus when other instances may exist (subscribed while it runs).</summary>
    internal static event Action<string>? Committed;

    /// <summary>Moves the database's generation: a write committed here.</summary>
    public static void Bump(string database) => Interlocked.Increment(ref Of(database).Board);

    /// <summary>Another instance committed a write to the board's tables (told through the bus, which does not say which): both generations move.</summary>
    public static void BumpFromElsewhere(string database)
    {
        Bump(database);
        BumpRooms(database);
    }

    private static void BumpCommitted(string database)
    {
        Bump(database);
        Committed?.Invoke(database);
    }

    /// <summary>A command that may have written the board's tables.</summary>
    internal static void Wrote(DbCommand command)
    {
        if (command.Connection is { } connection) Wrote(command.CommandText, connection, command.Transaction);
    }

    /// <summary>A statement that may have written the board's tables (also for statements run outside EF: Platform/BulkInsert.cs).</summary>
    internal static void Wrote(string commandText, DbConnection connection, DbTransaction? transaction)
    {
        var text = commandText.AsSpan().TrimStart();
        if (text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase)) return;
        if (!Names(commandText, Tables)) return;
        var database = DatabaseOf(connection);
        var rooms = Names(commandText, RoomsTable);
        if (transaction is not null) dirty.GetValue(transaction, _ => new Written(database)).Rooms |= rooms;
        // Also now: a board read between this command and the commit is then not kept (it may have been read before).
        // Outside a transaction the write is committed already: the other instances are told now.
        if (rooms) BumpRooms(database);
        if (transaction is null) BumpCommitted(database);
        else Bump(database);
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Wrote(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Wrote(command);
        return ValueTask.FromResult(result);
    }

    public DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Wrote(command);
        return result;
    }

    public ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Wrote(command);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (!dirty.TryGetValue(transaction, out var written) || !dirty.Remove(transaction)) return;
        if (written.Rooms) BumpRooms(written.Database);
        BumpCommitted(written.Database);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    // A failed commit leaves doubt: the board is read again.
    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData)
    {
        if (!dirty.TryGetValue(transaction, out var written) || !dirty.Remove(transaction)) return;
        if (written.Rooms) BumpRooms(written.Database);
        Bump(written.Database);
    }

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionFailed(transaction, eventData);
        return Task.CompletedTask;
    }
}
