using System.Collections.Concurrent;
using System.Linq.Expressions;
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

/// <summary>Conditions for compiled queries.</summary>
public static class CompiledConditions
{
    /// <summary>
    /// <paramref name="text"/> is one of the fixed <paramref name="values"/>, written into the SQL as literals. In a compiled
    /// query a list is a parameter (EF.Constant is refused there), which EF 10 expands into one parameter per value and
    /// writes the SQL again for at every call; a fixed list (roles, statuses) need not be.
    /// </summary>
    public static Expression<Func<T, bool>> OneOf<T>(Expression<Func<T, string?>> text, IEnumerable<string> values)
    {
        var body = values.Select(v => (Expression)Expression.Equal(text.Body, Expression.Constant(v, typeof(string))))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<T, bool>>(body, text.Parameters);
    }
}
