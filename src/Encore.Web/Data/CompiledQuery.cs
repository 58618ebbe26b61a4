using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Encore.Web.Data;

/// <summary>
/// A query compiled once per model (issue 15: EF otherwise walks and hashes the expression tree on every call to
/// find its cached plan). EF binds a compiled query to the first model it runs against, and a process can hold
/// two (SQLite and PostgreSQL: the tests, a migration tool), so each model gets its own compiled delegate.
/// </summary>
public sealed class CompiledQuery<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> byModel = new();

    /// <summary>The compiled query for <paramref name="db"/>'s model.</summary>
    public TQuery For(EncoreDb db) => byModel.GetOrAdd(db.Model, _ => compile());
}
