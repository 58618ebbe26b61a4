using Encore.Domain;
using Encore.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Encore.Web.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task An_upgrade_from_the_first_migration_keeps_the_data()
    {
        using var database = new TestDatabase();
        await using var db = database.Open();
        var ids = SchemaMigrator.MigrationIds(database.IsPostgres);
        Assert.True(ids.Count >= 2, "there must be an upgrade to test");

        Assert.Equal([ids[0]], await SchemaMigrator.MigrateAsync(db, upTo: ids[0]));
        var venue = Guid.NewGuid();
        // Raw SQL, as the first version's schema knew it: the app's model is the latest one.
        var created = database.IsPostgres ? "now()" : "0";
        var insertVenue = "INSERT INTO venues (\"Id\", \"Name\", \"CreatedAt\") VALUES ({0}, 'Old venue', " + created + ")";
        var insertRoom = "INSERT INTO rooms (\"Id\", \"VenueId\", \"Number\", \"Type\", \"Capacity\", \"MinimumSpend\", \"Area\", \"State\", \"CreatedAt\") "
            + "VALUES ({0}, {1}, '301', 'Large', 16, " + (database.IsPostgres ? "2000" : "200000") + ", '3F', 'Free', " + created + ")";
        await db.Database.ExecuteSqlRawAsync(insertVenue, venue);
        await db.Database.ExecuteSqlRawAsync(insertRoom, Guid.NewGuid(), venue);

        var applied = await SchemaMigrator.MigrateAsync(db);
        Assert.Equal(ids.Skip(1), applied);
        Assert.Empty(await SchemaMigrator.MigrateAsync(db));

        var room = await db.Rooms.SingleAsync(r => r.VenueId == venue);
        Assert.Equal("301", room.Number);
        Assert.Equal(RoomType.Large, room.Type);
        Assert.Equal(2000m, room.MinimumSpend);
        Assert.Equal("Old venue", await db.Venues.Where(v => v.Id == venue).Select(v => v.Name).SingleAsync());
    }

    [Fact]
    public async Task A_test_context_opens_SQLite_with_the_apps_pragmas()
    {
        using var database = new TestDatabase();
        await using var db = database.Open();
        if (database.IsPostgres)
        {
            // PostgreSQL has no per-connection pragmas: the context is at least on the right provider.
            Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
            return;
        }
        await db.Database.OpenConnectionAsync();
        async Task<string> Pragma(string name)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA " + name;
            return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
        }
        Assert.Equal("wal", await Pragma("journal_mode"));
        Assert.Equal("1", await Pragma("foreign_keys"));
        Assert.Equal("2", await Pragma("synchronous")); // FULL
        Assert.Equal("30000", await Pragma("busy_timeout"));
    }

    [Fact]
    public async Task The_migrated_schema_has_every_column_of_the_model()
    {
        using var database = new TestDatabase();
        await using var db = database.Open();
        await SchemaMigrator.MigrateAsync(db);

        var missing = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var sql = database.IsPostgres
                ? $"SELECT column_name AS \"Value\" FROM information_schema.columns WHERE table_name = '{table}'"
                : $"SELECT name AS \"Value\" FROM pragma_table_info('{table}')";
            var columns = (await db.Database.SqlQueryRaw<string>(sql).ToListAsync()).ToHashSet();
            if (columns.Count == 0) { missing.Add(table); continue; }
            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
            missing.AddRange(entity.GetProperties().Select(p => p.GetColumnName(store)!).Where(c => !columns.Contains(c)).Select(c => $"{table}.{c}"));
        }
        Assert.Empty(missing);
    }

    /// <summary>The statuses became types; what the database holds did not change (no migration): these are the words already stored.</summary>
    [Fact]
    public void Typed_statuses_are_stored_as_they_always_were()
    {
        using var database = new TestDatabase();
        using var db = database.Open();
        object? Stored<T>(string property, object value) =>
            db.Model.FindEntityType(typeof(T))!.FindProperty(property)!.GetTypeMapping().Converter!.ConvertToProvider(value);

        Assert.Equal("proposed", Stored<Violation>(nameof(Violation.Status), ViolationStatus.Proposed));
        Assert.Equal("overturned", Stored<Violation>(nameof(Violation.Status), ViolationStatus.Overturned));
        Assert.Equal("open", Stored<CardDispute>(nameof(CardDispute.Status), DisputeStatus.Open));
        Assert.Equal("rejected", Stored<CardDispute>(nameof(CardDispute.Status), DisputeStatus.Rejected));
        Assert.Equal("merged", Stored<CustomerFlag>(nameof(CustomerFlag.Status), CustomerFlagStatus.Merged));
        // The enums that moved into Encore.Domain keep their stored names.
        Assert.Equal("Lapsed", Stored<Booking>(nameof(Booking.Status), BookingStatus.Lapsed));
        Assert.Equal("Used", Stored<Approval>(nameof(Approval.Status), ApprovalStatus.Used));
        Assert.Equal("CustomerDinner", Stored<LeaveRequest>(nameof(LeaveRequest.Kind), LeaveKind.CustomerDinner));
        Assert.Equal("OutOfService", Stored<Room>(nameof(Room.State), RoomState.OutOfService));
        Assert.Equal(16, db.Model.FindEntityType(typeof(Violation))!.FindProperty(nameof(Violation.Status))!.GetMaxLength());
    }

    [Fact]
    public void Migrations_from_every_feature_folder_are_ordered_by_their_number()
    {
        var plan = SchemaMigrator.Plan([
            "Bookings/Migrations/Postgres/0010_booking_notes.sql",
            "Data/Migrations/Sqlite/0002_audit.sql",
            "Customers/Migrations/Sqlite/0009_customer_tags.sql",
            "Data/Migrations/Postgres/0001_initial.sql",
            "Bookings/Migrations/Sqlite/0010_booking_notes.sql",
            "Rooms\\Migrations\\Sqlite\\10000_rooms_later.sql",
            "Data/Migrations/Sqlite/0001_initial.sql",
            "Customers/Migrations/Postgres/0009_customer_tags.sql",
            "Rooms/Migrations/Postgres/10000_rooms_later.sql",
            "Data/Migrations/Postgres/0002_audit.sql",
        ]);

        // By number, not by folder or by text ("10000" sorts before "9999" as text).
        Assert.Equal(["0001_initial", "0002_audit", "0009_customer_tags", "0010_booking_notes", "10000_rooms_later"], plan.Select(m => m.Id));
        var tags = plan[2];
        Assert.Equal("Customers/Migrations/Sqlite/0009_customer_tags.sql", tags.SqlitePath);
        Assert.Equal("Customers/Migrations/Postgres/0009_customer_tags.sql", tags.PostgresPath);
        Assert.Equal("Rooms/Migrations/Sqlite/10000_rooms_later.sql", plan[4].SqlitePath);
    }

    [Fact]
    public void Two_migrations_with_one_number_are_refused_naming_both_files()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SchemaMigrator.Plan([
            "Data/Migrations/Sqlite/0009_audit_index.sql",
            "Data/Migrations/Postgres/0009_audit_index.sql",
            "Bookings/Migrations/Sqlite/0009_booking_notes.sql",
            "Bookings/Migrations/Postgres/0009_booking_notes.sql",
        ]));
        Assert.Contains("migration number 9 is used twice for Sqlite: Bookings/Migrations/Sqlite/0009_booking_notes.sql and Data/Migrations/Sqlite/0009_audit_index.sql", error.Message);
        Assert.Contains("migration number 9 is used twice for Postgres: Bookings/Migrations/Postgres/0009_booking_notes.sql and Data/Migrations/Postgres/0009_audit_index.sql", error.Message);
    }

    [Fact]
    public void A_migration_one_provider_lacks_is_refused_naming_the_file()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SchemaMigrator.Plan([
            "Data/Migrations/Sqlite/0001_initial.sql",
            "Data/Migrations/Postgres/0001_initial.sql",
            "Customers/Migrations/Sqlite/0009_customer_tags.sql",
            "Rooms/Migrations/Postgres/0010_room_notes.sql",
        ]));
        Assert.Contains("migration number 9 has no Postgres script beside Customers/Migrations/Sqlite/0009_customer_tags.sql", error.Message);
        Assert.Contains("migration number 10 has no Sqlite script beside Rooms/Migrations/Postgres/0010_room_notes.sql", error.Message);
    }

    [Fact]
    public void Misnamed_or_misplaced_migrations_are_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SchemaMigrator.Plan([
            "Bookings/Migrations/0009_booking_notes.sql",
            "Bookings/Migrations/Sqlite/booking_notes.sql",
            "Customers/Migrations/Sqlite/0010_tags.sql",
            "Customers/Migrations/Postgres/0010_customer_tags.sql",
        ]));
        Assert.Contains("Bookings/Migrations/0009_booking_notes.sql is not named", error.Message);
        Assert.Contains("Bookings/Migrations/Sqlite/booking_notes.sql is not named", error.Message);
        Assert.Contains("migration number 10 is named differently for each provider: Customers/Migrations/Sqlite/0010_tags.sql and Customers/Migrations/Postgres/0010_customer_tags.sql", error.Message);
    }

    [Fact]
    public void Every_migration_file_in_the_source_tree_is_embedded_and_applied()
    {
        var web = new DirectoryInfo(AppContext.BaseDirectory);
        while (web is not null && !File.Exists(Path.Combine(web.FullName, "Encore.slnx"))) web = web.Parent;
        Assert.NotNull(web);
        var project = Path.Combine(web.FullName, "src", "Encore.Web");
        var onDisk = Directory.GetDirectories(project)
            .Select(folder => Path.Combine(folder, "Migrations"))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.GetFiles(folder, "*.sql", SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(project, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Contains("Data/Migrations/Sqlite/0001_initial.sql", onDisk);

        var planned = SchemaMigrator.Plan(onDisk);
        Assert.Equal(planned.Select(m => m.Id), SchemaMigrator.MigrationIds(postgres: false));
        Assert.Equal(planned.Select(m => m.Id), SchemaMigrator.MigrationIds(postgres: true));
        Assert.Equal(onDisk.Count, planned.Count * 2);
    }
}
