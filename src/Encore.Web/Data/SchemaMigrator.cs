using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Encore.Web.Data;

/// <summary>
/// Applies the hand-written SQL migrations in Data/Migrations/{Sqlite,Postgres} (embedded resources named
/// NNNN_name.sql), each once, in order, each in its own transaction, recorded in encore_migrations.
/// One set per provider because the two dialects differ (types, triggers, exclusion constraints).
/// To write the next one: `dotnet run --project src/Encore.Web -- --schema-script sqlite|postgres` prints the
/// DDL EF would create for the current model, to compare with what the migrations already hold.
/// </summary>
public static class SchemaMigrator
{
    private const string ResourcePrefix = "Encore.Web.Data.Migrations.";

    public static IReadOnlyList<string> MigrationIds(bool postgres)
    {
        var folder = ResourcePrefix + (postgres ? "Postgres." : "Sqlite.");
        return typeof(SchemaMigrator).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(folder, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n[folder.Length..^".sql".Length])
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Applies pending migrations up to and including <paramref name="upTo"/> (all when null).</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(EncoreDb db, string? upTo = null, CancellationToken ct = default)
    {
        var postgres = !db.IsSqlite;
        await db.Database.ExecuteSqlRawAsync(
            "CREATE TABLE IF NOT EXISTS encore_migrations (id varchar(150) NOT NULL PRIMARY KEY, applied_at varchar(40) NOT NULL)", ct);

        var applied = new List<string>();
        foreach (var id in MigrationIds(postgres))
        {
            if (upTo is not null && string.CompareOrdinal(id, upTo) > 0) break;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Several instances may start at once against one PostgreSQL: serialize them.
            if (postgres) await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7212001)", ct);
            var done = await db.Database
                .SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM encore_migrations WHERE id = {0}", id)
                .SingleAsync(ct);
            if (done > 0) { await tx.RollbackAsync(ct); continue; }

            await using (var cmd = db.Database.GetDbConnection().CreateCommand())
            {
                cmd.Transaction = tx.GetDbTransaction();
                cmd.CommandText = ReadScript(postgres, id);
                await cmd.ExecuteNonQueryAsync(ct);
            }
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO encore_migrations (id, applied_at) VALUES ({0}, {1})",
                [id, DateTimeOffset.UtcNow.ToString("O")], ct);
            await tx.CommitAsync(ct);
            applied.Add(id);
        }
        return applied;
    }

    private static string ReadScript(bool postgres, string id)
    {
        var name = $"{ResourcePrefix}{(postgres ? "Postgres" : "Sqlite")}.{id}.sql";
        using var stream = typeof(SchemaMigrator).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Migration {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
