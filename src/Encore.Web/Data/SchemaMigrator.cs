using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace Encore.Web.Data;

/// <summary>
/// Applies the hand-written SQL migrations, each once, in order of their number, each in its own transaction,
/// recorded in encore_migrations by id (the file name without .sql). One set per provider because the two dialects
/// differ (types, triggers, exclusion constraints).
/// A migration is a pair of files, {Feature}/Migrations/Sqlite/NNNN_name.sql and {Feature}/Migrations/Postgres/NNNN_name.sql,
/// embedded under their path (Encore.Web.csproj): a feature ships its migrations in its own folder; 0001–0008 stay in
/// Data/Migrations, where they were written, with the platform's own (0039). Numbers are global across folders: take
/// the next free one. Two files of one provider with one number, or a number one provider lacks, stop the app at
/// startup naming the files.
/// To write the next one: `dotnet run --project src/Encore.Web -- --schema-script sqlite|postgres` prints the
/// DDL EF would create for the current model, to compare with what the migrations already hold.
/// </summary>
public static partial class SchemaMigrator
{
    /// <summary>The logical name of every embedded migration starts with this, followed by its path in the project.</summary>
    internal const string ResourcePrefix = "migrations/";

    /// <summary>One migration: its number, its id, and the embedded path of its script for each provider.</summary>
    internal sealed record Migration(int Number, string Id, string SqlitePath, string PostgresPath);

    private static readonly Lazy<IReadOnlyList<Migration>> Embedded = new(() => Plan(
        typeof(SchemaMigrator).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..])));

    public static IReadOnlyList<string> MigrationIds(bool postgres) => Embedded.Value.Select(m => m.Id).ToList();

    [GeneratedRegex(@"^(?<folder>[^/]+)/Migrations/(?<provider>Sqlite|Postgres)/(?<id>(?<number>[0-9]+)_[^/]+)\.sql$")]
    private static partial Regex MigrationPath();

    /// <summary>
    /// Orders the migration scripts found at <paramref name="paths"/> (project-relative, e.g.
    /// Bookings/Migrations/Sqlite/0009_booking_notes.sql) by their number, across feature folders, and pairs each
    /// provider's script; a misnamed file, a number used twice for one provider, a number one provider lacks or a pair
    /// whose names differ is refused with a message naming the files.
    /// </summary>
    internal static IReadOnlyList<Migration> Plan(IEnumerable<string> paths)
    {
        var problems = new List<string>();
        var scripts = new List<(int Number, string Id, bool Postgres, string Path)>();
        foreach (var raw in paths)
        {
            var path = raw.Replace('\\', '/');
            var match = MigrationPath().Match(path);
            if (!match.Success)
            {
                problems.Add($"{path} is not named {{Feature}}/Migrations/{{Sqlite|Postgres}}/NNNN_name.sql");
                continue;
            }
            var number = int.Parse(match.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture);
            scripts.Add((number, match.Groups["id"].Value, match.Groups["provider"].Value == "Postgres", path));
        }

        var plan = new List<Migration>();
        foreach (var group in scripts.GroupBy(s => s.Number).OrderBy(g => g.Key))
        {
            var sqlite = group.Where(s => !s.Postgres).OrderBy(s => s.Path, StringComparer.Ordinal).ToList();
            var postgres = group.Where(s => s.Postgres).OrderBy(s => s.Path, StringComparer.Ordinal).ToList();
            foreach (var (provider, same) in new[] { ("Sqlite", sqlite), ("Postgres", postgres) })
                if (same.Count > 1)
                    problems.Add($"migration number {group.Key} is used twice for {provider}: {string.Join(" and ", same.Select(s => s.Path))}");
            if (sqlite.Count == 0 || postgres.Count == 0)
            {
                var (has, lacks) = sqlite.Count == 0 ? ("Postgres", "Sqlite") : ("Sqlite", "Postgres");
                problems.Add($"migration number {group.Key} has no {lacks} script beside {string.Join(" and ", group.Select(s => s.Path))} (each migration is written for both providers)");
                continue;
            }
            if (sqlite.Count > 1 || postgres.Count > 1) continue;
            if (sqlite[0].Id != postgres[0].Id)
            {
                problems.Add($"migration number {group.Key} is named differently for each provider: {sqlite[0].Path} and {postgres[0].Path}");
                continue;
            }
            plan.Add(new Migration(group.Key, sqlite[0].Id, sqlite[0].Path, postgres[0].Path));
        }
        if (problems.Count > 0)
            throw new InvalidOperationException("The SQL migrations are inconsistent:" + Environment.NewLine
                + string.Join(Environment.NewLine, problems.Select(p => "  " + p)));
        return plan;
    }

    /// <summary>Applies pending migrations up to and including the one with id <paramref name="upTo"/> (all when null).</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(EncoreDb db, string? upTo = null, CancellationToken ct = default)
    {
        var postgres = !db.IsSqlite;
        var migrations = Embedded.Value;
        if (upTo is not null && migrations.All(m => m.Id != upTo))
            throw new ArgumentException($"There is no migration {upTo}.", nameof(upTo));
        await db.Database.ExecuteSqlRawAsync(
            "CREATE TABLE IF NOT EXISTS encore_migrations (id varchar(150) NOT NULL PRIMARY KEY, applied_at varchar(40) NOT NULL)", ct);

        var applied = new List<string>();
        // What was applied before, in one read: a start on an up-to-date database opens no transaction a migration
        // (issue 15, the start). Each one still missing is looked up again inside its transaction, under the lock.
        var appliedBefore = await AppliedAsync(db, ct);
        foreach (var migration in migrations)
        {
            var id = migration.Id;
            if (!appliedBefore.Contains(id))
            {
                await using (var tx = await db.Database.BeginTransactionAsync(ct))
                {
                    // Several instances may start at once against one PostgreSQL: serialize them.
                    if (postgres) await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7212001)", ct);
                    var done = await db.Database
                        .SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM encore_migrations WHERE id = {0}", id)
                        .SingleAsync(ct);
                    if (done > 0) await tx.RollbackAsync(ct);
                    else
                    {
                        await using (var cmd = db.Database.GetDbConnection().CreateCommand())
                        {
                            cmd.Transaction = tx.GetDbTransaction();
                            cmd.CommandText = ReadScript(postgres ? migration.PostgresPath : migration.SqlitePath);
                            await cmd.ExecuteNonQueryAsync(ct);
                        }
                        await db.Database.ExecuteSqlRawAsync(
                            "INSERT INTO encore_migrations (id, applied_at) VALUES ({0}, {1})",
                            [id, DateTimeOffset.UtcNow.ToString("O")], ct);
                        await tx.CommitAsync(ct);
                        applied.Add(id);
                    }
                }
            }
            if (id == upTo) break;
        }
        return applied;
    }

    /// <summary>The ids applied so far, read by hand: through <c>SqlQueryRaw</c> EF compiled a LINQ query at every start (issue 15).</summary>
    private static Task<HashSet<string>> AppliedAsync(EncoreDb db, CancellationToken ct) =>
        db.ByHandAsync("SELECT id FROM encore_migrations", async read =>
        {
            await using var rows = await read.ExecuteReaderAsync(ct);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            while (await rows.ReadAsync(ct)) ids.Add(rows.GetString(0));
            return ids;
        }, ct);

    private static string ReadScript(string path)
    {
        using var stream = typeof(SchemaMigrator).Assembly.GetManifestResourceStream(ResourcePrefix + path)
            ?? throw new InvalidOperationException($"Migration {path} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
