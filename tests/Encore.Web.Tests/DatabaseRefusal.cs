using Microsoft.Data.Sqlite;
using Npgsql;

namespace Encore.Web.Tests;

/// <summary>Checks that a database error is the refusal of one of our own triggers, not any failure at all.</summary>
public static class DatabaseRefusal
{
    public static void Assert(System.Data.Common.DbException refused, string sqlite, string postgres)
    {
        switch (refused)
        {
            case SqliteException s:
                Xunit.Assert.Equal(19, s.SqliteErrorCode); // SQLITE_CONSTRAINT: RAISE(ABORT, …)
                Xunit.Assert.Contains(sqlite, s.Message);
                break;
            case PostgresException p:
                Xunit.Assert.Equal("P0001", p.SqlState); // raise_exception in a trigger
                Xunit.Assert.Contains(postgres, p.MessageText);
                break;
            default:
                Xunit.Assert.Fail($"not a database refusal: {refused}");
                break;
        }
    }
}
