using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Encore.Web.Platform;

/// <summary>
/// One transaction per write request, and the database as the judge of conflicts (DESIGN.md).
/// <para>
/// Every POST, PUT, PATCH and DELETE endpoint of a feature runs inside <see cref="TransactionFilter"/>: the
/// transaction begins before the handler's first read, commits only when the handler answers below 400 (a refusal
/// or a validation problem writes nothing, however far the handler got), and what must wait for the commit (live
/// events, cache evictions) is queued with <see cref="AfterCommit"/>. A write that loses a race (a unique index,
/// a version check, an exclusion constraint: <see cref="IsConflict"/>) is run again whole, up to three times, on a
/// fresh change tracker, and then answers 409: a double submit or two desks at once never meet a 500.
/// </para>
/// </summary>
public static class Writes
{
    private const int Attempts = 3;

    /// <summary>One attempt of a write request: what waits for its commit, and its transaction once begun.</summary>
    private sealed class Scope(Data.EncoreDb db)
    {
        public readonly Data.EncoreDb Db = db;
        public readonly List<Action> AfterCommit = [];
        public IDbContextTransaction? Transaction { get; private set; }

        /// <summary>The request's write committed on its own (<see cref="InsertAsLastWriteAsync"/>): no other may follow it.</summary>
        public bool Committed { get; set; }

        /// <summary>Begins the request's transaction, with the SQLite write turn (<see cref="BeginGatedAsync"/>).</summary>
        public async Task BeginAsync(CancellationToken ct)
        {
            if (Committed) throw new InvalidOperationException("This request's write is committed already: InsertAsLastWriteAsync is its last.");
            Transaction = await BeginGatedAsync(Db, ct);
        }

        /// <summary>Ends the transaction (rolled back unless committed; the turn goes back with it); safe to call twice.</summary>
        public async ValueTask EndAsync()
        {
            var transaction = Transaction;
            Transaction = null;
            if (transaction is not null) await transaction.DisposeAsync();
        }
    }

    private static readonly AsyncLocal<Scope?> current = new();

    /// <summary>Runs <paramref name="action"/> once the request's transaction commits (never, if it rolls back); at once outside a request's write.</summary>
    public static void AfterCommit(Action action)
    {
        if (current.Value is { } scope) scope.AfterCommit.Add(action);
        else action();
    }

    /// <summary>
    /// Begins a transaction for work outside a request (the sweepers), or joins the request's. On SQLite it is
    /// BEGIN IMMEDIATE (Microsoft.Data.Sqlite's non-deferred default), so the write lock is held before the reads
    /// that decide (is the room free?) and two desks cannot both see the room free. On PostgreSQL it is READ
    /// COMMITTED, and the unique index and exclusion constraint on room_claims refuse the loser at insert time.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginWriteAsync(this Data.EncoreDb db, CancellationToken ct = default)
    {
        if (current.Value is { } request && request.Db == db)
        {
            // A request that takes its write turn at its first write (WritesFromFirstWrite) begins it here.
            if (request.Transaction is null) await request.BeginAsync(ct);
            return new JoinedTransaction(request.Transaction!);
        }
        return await BeginGatedAsync(db, ct);
    }

    /// <summary>
    /// A request's last write, new rows only (<see cref="BulkInsert"/>): after it the handler only answers (a booking,
    /// issue 15). In the request's transaction when it has begun (a quota check begins it before its count). Otherwise,
    /// on PostgreSQL, the rows go as one batch without BEGIN and COMMIT, which the server runs as one implicit
    /// transaction, all or nothing, committed as durably as by a COMMIT (<see cref="BulkInsert.TryExecuteAsOneBatchAsync"/>):
    /// one round trip for the whole write instead of two. On SQLite, in process, there is no round trip to save: the
    /// write turn and transaction as for any write.
    /// </summary>
    public static async Task InsertAsLastWriteAsync(this Data.EncoreDb db, IReadOnlyList<BulkInsert.Statement> statements, CancellationToken ct = default)
    {
        // Nothing a booking reads is changed; should a change to a tracked row creep in, it is saved with the rows (audited).
        if (current.Value is { Transaction: null } request && request.Db == db && !db.IsSqlite && !db.ChangeTracker.HasChanges()
            && await BulkInsert.TryExecuteAsOneBatchAsync(db, statements, ct))
        {
            request.Committed = true;
            return;
        }
        await using var tx = await db.BeginWriteAsync(ct);
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
        await BulkInsert.ExecuteAsync(db, statements, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Takes this process's SQLite write turn (none on PostgreSQL) and begins a transaction that gives the turn back when
    /// it commits, rolls back or is disposed; a begin that fails gives it back at once.
    /// </summary>
    private static async Task<IDbContextTransaction> BeginGatedAsync(Data.EncoreDb db, CancellationToken ct)
    {
        var turn = await SqliteWriteGate.EnterAsync(db, ct);
        try
        {
            var tx = await db.Database.BeginTransactionAsync(ct);
            return turn is null ? tx : new GatedTransaction(tx, turn);
        }
        catch
        {
            turn?.Dispose();
            throw;
        }
    }

    /// <summary>True when the database refused a write because another one won the race (→ retry, then 409).</summary>
    public static bool IsConflict(this DbUpdateException e) =>
        e is DbUpdateConcurrencyException
        || e.InnerException is SqliteException { SqliteErrorCode: 19 } // SQLITE_CONSTRAINT
        || e.InnerException is PostgresException { SqlState: "23505" or "23P01" or "40001" or "40P01" };

    /// <summary>Puts every write endpoint mapped under <paramref name="routes"/> in the request's transaction.</summary>
    public static TBuilder WithWriteTransactions<TBuilder>(this TBuilder routes) where TBuilder : IEndpointConventionBuilder =>
        routes.AddEndpointFilter((invocation, next) =>
            HttpMethods.IsGet(invocation.HttpContext.Request.Method) || HttpMethods.IsHead(invocation.HttpContext.Request.Method)
            || invocation.HttpContext.GetEndpoint()?.Metadata.GetMetadata<OwnTransaction>() is not null
                ? next(invocation)
                : TransactionFilter(invocation, next));

    /// <summary>
    /// The request's transaction, and with it the SQLite write turn, begins at the handler's first write
    /// (<see cref="BeginWriteAsync"/>, or any SaveChanges: <see cref="FirstWriteInterceptor"/>) instead of before its
    /// first read (issue 15). Only for a handler whose reads decide nothing that a concurrent write could make wrong
    /// before it commits, because the database refuses the loser at insert time (a unique index) or the handler begins
    /// its write before such a read. Its reads then see what was committed when each ran, as PostgreSQL's READ
    /// COMMITTED does for every handler, and other writers go on while it reads. The rest is as for any write request:
    /// one transaction, committed only below 400, run again whole on a lost race. A write by SQL of its own is not seen
    /// by the interceptor: call BeginWriteAsync before ExecuteSql or ExecuteUpdate (BulkInsert refuses to run outside
    /// a transaction).
    /// </summary>
    public static TBuilder WritesFromFirstWrite<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new TransactionAtFirstWrite());

    private sealed class TransactionAtFirstWrite;

    private static async ValueTask<object?> TransactionFilter(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var db = http.RequestServices.GetRequiredService<Data.EncoreDb>();
        var atFirstWrite = http.GetEndpoint()?.Metadata.GetMetadata<TransactionAtFirstWrite>() is not null;
        // A handler that reads the body itself (the CSV imports) must find it again when the request runs again.
        http.Request.EnableBuffering();
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1 && http.Request.Body.CanSeek) http.Request.Body.Position = 0;
            var scope = new Scope(db);
            current.Value = scope;
            try
            {
                if (!atFirstWrite) await scope.BeginAsync(http.RequestAborted);
                var result = await next(invocation);
                if (result is IStatusCodeHttpResult { StatusCode: >= 400 } && !http.Items.ContainsKey(KeepOnRefusalKey))
                {
                    if (scope.Committed) throw new InvalidOperationException("A refusal after InsertAsLastWriteAsync: its write is committed.");
                    return result; // ended below: rolled back
                }
                if (scope.Transaction is { } tx) await tx.CommitAsync(http.RequestAborted);
                // The next writer may begin while this request runs what waited for the commit.
                await scope.EndAsync();
                current.Value = null;
                foreach (var action in scope.AfterCommit) action();
                return result;
            }
            catch (DbUpdateException e) when (e.IsConflict())
            {
                db.ChangeTracker.Clear();
                if (attempt == Attempts) return Problems.Rule(StatusCodes.Status409Conflict, "write.conflict");
            }
            finally
            {
                await scope.EndAsync();
                current.Value = null;
            }
        }
    }

    /// <summary>A SaveChanges of a <see cref="WritesFromFirstWrite"/> request begins its transaction first, so no write escapes it.</summary>
    public sealed class FirstWriteInterceptor : SaveChangesInterceptor
    {
        public static readonly FirstWriteInterceptor Instance = new();

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (current.Value is { Transaction: null } request && request.Db == eventData.Context) await request.BeginAsync(cancellationToken);
            return result;
        }

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            if (current.Value is { Transaction: null } request && request.Db == eventData.Context)
                throw new InvalidOperationException("A request whose transaction begins at its first write saves with SaveChangesAsync.");
            return result;
        }
    }

    private static readonly object KeepOnRefusalKey = new();

    /// <summary>
    /// The refusal this request answers is itself a record to keep (a guest who does not match is refused, and the
    /// attempt is the evidence of the booker's cheating fine): the request's writes commit although it answers 4xx.
    /// </summary>
    public static void KeepDespiteRefusal(HttpContext http) => http.Items[KeepOnRefusalKey] = true;

    /// <summary>Keeps an endpoint out of the request transaction: a failed sign-in must still count against the account.</summary>
    public static TBuilder WithoutWriteTransaction<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new OwnTransaction());

    private sealed class OwnTransaction;

    /// <summary>
    /// A transaction that gives the SQLite write turn back when it ends: at its commit or rollback (a sweeper may begin
    /// its next write before this one is disposed) or, at the latest, when it is disposed.
    /// </summary>
    private sealed class GatedTransaction(IDbContextTransaction inner, IDisposable turn) : IDbContextTransaction
    {
        public Guid TransactionId => inner.TransactionId;

        public void Commit()
        {
            inner.Commit();
            turn.Dispose();
        }

        public async Task CommitAsync(CancellationToken cancellationToken = default)
        {
            await inner.CommitAsync(cancellationToken);
            turn.Dispose();
        }

        public void Rollback()
        {
            inner.Rollback();
            turn.Dispose();
        }

        public async Task RollbackAsync(CancellationToken cancellationToken = default)
        {
            await inner.RollbackAsync(cancellationToken);
            turn.Dispose();
        }

        public void Dispose()
        {
            try { inner.Dispose(); }
            finally { turn.Dispose(); }
        }

        public async ValueTask DisposeAsync()
        {
            try { await inner.DisposeAsync(); }
            finally { turn.Dispose(); }
        }
    }

    /// <summary>A handler's own transaction inside the request's: its commit and rollback are the request's to make.</summary>
    private sealed class JoinedTransaction(IDbContextTransaction outer) : IDbContextTransaction
    {
        public Guid TransactionId => outer.TransactionId;
        public void Commit() { }
        public Task CommitAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
        public void Rollback() { }
        public Task RollbackAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
