using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Encore.Web.Platform;

/// <summary>
/// New rows written with (multi-row) INSERTs inside the caller's transaction, without EF's change tracker: a file
/// import (issue 12: a 20,000-line customer import through the change tracker is 40,000 single-row commands, customers
/// and their audit entries, and held SQLite's write lock for tens of seconds on a busy machine) and a new booking
/// (issue 15: its four rows and their audit entries, the most frequent write, in 0.34–0.38 ms against 0.92 ms through
/// SaveChanges, measured inside SQLite's write turn under 8 writers). Tables,
/// columns and value conversions come from the EF model, so the rows are stored exactly as SaveChanges would store
/// them, on SQLite and PostgreSQL alike. The audit interceptor does not see these writes: <see cref="AuditEntriesFor{T}"/>
/// makes the entries it would have made, to be inserted beside them.
/// </summary>
public static class BulkInsert
{
    /// <summary>
    /// Parameters per statement: a few rows each. Microsoft.Data.Sqlite binds every parameter by name, and SQLite
    /// finds a name by scanning the statement's names, so binding grows with the square of a statement's size:
    /// with 900 a 20,000-line import spent most of its write in binding.
    /// </summary>
    private const int MaxParameters = 100;

    /// <summary>
    /// The INSERT statements for <paramref name="rows"/>, values converted and parameters made; an import builds them
    /// before its transaction begins, so that holding the write lock costs only their execution (<see cref="ExecuteAsync"/>).
    /// </summary>
    public static List<Statement> Prepare<T>(EncoreDb db, IReadOnlyList<T> rows) where T : class
    {
        var statements = new List<Statement>();
        if (rows.Count == 0) return statements;
        var shape = ShapeOf(db, typeof(T));
        // Only the provider's parameter factory: the parameters go to whichever command or batch runs them.
        using var factory = db.Database.GetDbConnection().CreateCommand();
        foreach (var chunk in rows.Chunk(Math.Max(1, MaxParameters / shape.Columns.Count)))
        {
            var parameters = new DbParameter[chunk.Length * shape.Columns.Count];
            var n = 0;
            foreach (var row in chunk)
                foreach (var column in shape.Columns)
                {
                    // The column's own type mapping: its value converter (instants, enums) and parameter type, as SaveChanges uses them.
                    parameters[n] = column.Mapping.CreateParameter(factory, shape.ParameterName(n), column.Getter.GetClrValue(row), column.Property.IsNullable);
                    n++;
                }
            statements.Add(new Statement(shape.Text(chunk.Length), parameters));
        }
        return statements;
    }

    /// <summary>One multi-row INSERT and its parameters, not yet bound to a command; run once (a provider's parameter joins one collection).</summary>
    public sealed record Statement(string Text, DbParameter[] Parameters);

    /// <summary>A column: its property, its type mapping, and EF's compiled getter (not reflection: a booking reads ~150 values, issue 15).</summary>
    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping, IClrPropertyGetter Getter);

    /// <summary>
    /// A table's columns and INSERT text for a number of rows, read from the model once (a booking inserts four tables'
    /// rows per request). On PostgreSQL the placeholders are positional ($1, $2, …) and the parameters unnamed: Npgsql
    /// then sends the text as it is, where named ones (@b0) make it parse every statement to rewrite them (issue 15:
    /// its SQL parser took about 1% of the app's CPU on the booking path). Microsoft.Data.Sqlite binds by name.
    /// </summary>
    private sealed class Shape(string head, IReadOnlyList<Column> columns, IReadOnlyList<IProperty> key, bool positional)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> texts = new();

        public IReadOnlyList<Column> Columns => columns;

        public IReadOnlyList<IProperty> Key => key;

        /// <summary>The name of a statement's n-th parameter: none where they are positional.</summary>
        public string ParameterName(int n) => positional ? "" : n < Names.Length ? Names[n] : "@b" + n;

        /// <summary>What an audit entry's "after" holds: every column but the interceptor's secrets, in the model's order.</summary>
        public IReadOnlyList<Column> Audited { get; } = columns.Where(c => !Audit.AuditInterceptor.Secret.Contains(c.Property.Name)).ToList();

        public string Text(int rows) => texts.GetOrAdd(rows, count =>
        {
            var text = new StringBuilder(head);
            var n = 0;
            for (var r = 0; r < count; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++) text.Append(c == 0 ? "" : ", ").Append(positional ? "$" + (n++ + 1) : ParameterName(n++));
                text.Append(')');
            }
            return text.ToString();
        });
    }

    private static readonly string[] Names = Enumerable.Range(0, MaxParameters).Select(n => "@b" + n).ToArray();

    // Per entity type of a model: SQLite's and PostgreSQL's models are different objects, and so are their shapes.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IEntityType, Shape> shapes = [];

    private static Shape ShapeOf(EncoreDb db, Type type)
    {
        var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not mapped");
        return shapes.GetValue(entity, _ =>
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var columns = entity.GetProperties()
                .Select(p => (Column: new Column(p, p.GetRelationalTypeMapping(),
                    p.PropertyInfo is null ? throw new InvalidOperationException($"{type.Name}.{p.Name} has no CLR property") : p.GetGetter()), Name: p.GetColumnName(table)!))
                .ToList();
            var sql = db.GetService<ISqlGenerationHelper>();
            var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES ";
            return new Shape(head, columns.Select(c => c.Column).ToList(), entity.FindPrimaryKey()!.Properties, positional: !db.IsSqlite);
        });
    }

    /// <summary>
    /// Runs prepared inserts inside the caller's transaction (all or nothing). A refused insert is thrown as a
    /// <see cref="DbUpdateException"/> around the provider's error, as SaveChanges throws it.
    /// <para>
    /// Where the provider runs batches (Npgsql), the statements go in batches of <see cref="StatementsPerBatch"/>: one
    /// round trip for a booking's four or five inserts instead of one each (issue 15: PostgreSQL's work per booking followed its
    /// round trips). Microsoft.Data.Sqlite has no batches, and nothing to gain from them in process: one command each.
    /// </para>
    /// </summary>
    public static Task ExecuteAsync(EncoreDb db, IEnumerable<Statement> statements, CancellationToken ct = default)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A bulk insert runs inside the caller's transaction (all or nothing).");
        return RunAsync(transaction.Connection!, transaction, statements, ct);
    }

    /// <summary>
    /// Runs the statements as ONE batch outside any transaction, where the provider runs batches (Npgsql) and they fit in
    /// one; false, having done nothing, where not. PostgreSQL runs a batch that ends in a single Sync as one implicit
    /// transaction: a statement that fails rolls back the ones before it and skips the rest, and the batch commits when
    /// its last statement succeeds (Npgsql's default: no error barriers). For <see cref="Writes.InsertAsLastWriteAsync"/>.
    /// </summary>
    public static async Task<bool> TryExecuteAsOneBatchAsync(EncoreDb db, IReadOnlyList<Statement> statements, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is not null)
            throw new InvalidOperationException("A batch of its own runs outside any transaction.");
        var connection = db.Database.GetDbConnection();
        if (!connection.CanCreateBatch || statements.Count > StatementsPerBatch) return false;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await RunAsync(connection, transaction: null, statements, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return true;
    }

    private static async Task RunAsync(DbConnection connection, DbTransaction? transaction, IEnumerable<Statement> statements, CancellationToken ct)
    {
        if (connection.CanCreateBatch)
        {
            foreach (var chunk in statements.Chunk(StatementsPerBatch))
            {
                await using var batch = connection.CreateBatch();
                batch.Transaction = transaction;
                foreach (var statement in chunk)
                {
                    var command = batch.CreateBatchCommand();
                    command.CommandText = statement.Text;
                    command.Parameters.AddRange(statement.Parameters);
                    batch.BatchCommands.Add(command);
                }
                await RefusedAsConflictAsync(() => batch.ExecuteNonQueryAsync(ct));
                foreach (var statement in chunk) Rooms.BoardTables.Wrote(statement.Text, connection, transaction);
            }
            return;
        }
        foreach (var statement in statements)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statement.Text;
            command.Parameters.AddRange(statement.Parameters);
            await RefusedAsConflictAsync(() => command.ExecuteNonQueryAsync(ct));
            // EF's interceptors do not see these commands: the board projection hears of a write to its tables here.
            Rooms.BoardTables.Wrote(statement.Text, connection, transaction);
        }
    }

    /// <summary>Statements per round trip on PostgreSQL: a booking's all at once, an import's 20,000 lines in a few hundred.</summary>
    private const int StatementsPerBatch = 100;

    private static async Task RefusedAsConflictAsync(Func<Task<int>> execute)
    {
        try
        {
            await execute();
        }
        catch (DbException e)
        {
            // As SaveChanges reports it, so that a write losing a race (a unique index) is run again and then
            // answered 409 like any other (Writes.IsConflict), not 500.
            throw new DbUpdateException(e.Message, e);
        }
    }

    /// <summary>The audit entries the audit interceptor writes for added rows (one per row, its values as "after"), for rows written by <see cref="ExecuteAsync"/>.</summary>
    public static List<AuditEntry> AuditEntriesFor<T>(EncoreDb db, IEnumerable<T> rows, ClaimsPrincipal user, string action, DateTimeOffset at) where T : class
    {
        // The table's shape, read once: the interceptor's own list of what never reaches the audit log is left out of
        // it, so a row written here hides the same secrets.
        var shape = ShapeOf(db, typeof(T));
        return rows.Select(row => new AuditEntry
        {
            VenueId = (row as IVenueOwned)?.VenueId ?? user.VenueId(),
            At = at,
            ActorId = user.StaffId(),
            ActorBadge = user.Badge(),
            Action = action,
            EntityType = typeof(T).Name,
            EntityId = string.Join("/", shape.Key.Select(p => p.GetGetter().GetClrValue(row))),
            After = JsonSerializer.Serialize(shape.Audited.ToDictionary(c => c.Property.Name, c => c.Getter.GetClrValue(row))),
        }).ToList();
    }
}
