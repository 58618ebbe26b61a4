using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Encore.Bench;

/// <summary>The managers the write path books as, read from the app's database.</summary>
public sealed record BenchStaff(string VenueId, IReadOnlyList<(string Id, string Badge, string Department)> Managers);

/// <summary>One row of the room board, as GET /api/rooms shows it (src/Encore.Web/Rooms/RoomBoard.cs).</summary>
public sealed record RawRoom(string Number, string Type, int Capacity, decimal MinimumSpend, string Area, string State,
    string? BookingId, string? ManagerBadge, string? ManagerName, string? SessionId, DateTimeOffset? HoldUntil,
    bool GuestArrived, int? PartySize, DateTimeOffset? StateSince, string StateNote);

/// <summary>One raw client: its own connection, its prepared commands, one operation per call.</summary>
public interface IRawClient : IAsyncDisposable
{
    Task<string?> RunAsync();
}

public interface IRoomReader : IAsyncDisposable
{
    ValueTask<List<RawRoom>> ReadAsync();
}

/// <summary>The same work as the app, written by hand in ADO.NET: the floor the app's figures are divided by.</summary>
public interface IRawDb
{
    string Name { get; }
    /// <summary>ENCORE_DB for the app.</summary>
    string AppDb { get; }
    string Settings { get; }
    Task<BenchStaff> StaffAsync(IReadOnlyList<string> badges);
    /// <summary>The floor: the bookings row alone, after the duplicate-code check.</summary>
    IRawClient NewBookingWriter(BenchStaff staff, int index);
    /// <summary>The fair baseline: every row one API booking writes, in one transaction (FairRaw.cs).</summary>
    IRawClient NewFairBookingWriter(BenchStaff staff, int index);
    IRoomReader NewRoomReader(string venueId);
    /// <summary>Rows per table, to show what one request wrote.</summary>
    Task<Dictionary<string, long>> CountRowsAsync();
}

public static class RawText
{
    public static readonly TimeSpan VenueOffset = TimeSpan.FromHours(8); // Asia/Shanghai, the house-rule default
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string NewCode() => string.Create(6, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++) span[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
    });

    /// <summary>Enum names as the API writes them (camelCase).</summary>
    public static string Camel(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    public static List<RawRoom> Ordered(List<RawRoom> rooms) =>
        rooms.OrderBy(r => r.Number.Length).ThenBy(r => r.Number, StringComparer.Ordinal).ToList();

    public static DateTimeOffset Local(DateTimeOffset instant) => instant.ToOffset(VenueOffset);

    /// <summary><see cref="BookableArrival"/> as the API's arrival field takes it (ISO 8601 with the venue's offset).</summary>
    public static string BookableArrivalText(DateTimeOffset now, TimeSpan ahead) =>
        BookableArrival(now, ahead).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// An arrival <paramref name="ahead"/> of <paramref name="now"/> that the app accepts at any hour of a run: before the
    /// demo venue's closing (02:00, its house rules' default; the business day is cut at 06:00). Near or after closing
    /// it is the middle of what is left of the night, or 20:00 of the coming night once under 20 minutes are left. A
    /// run after midnight in Shanghai refused every booking before ("arrival: the venue closes at 02:00").
    /// </summary>
    public static DateTimeOffset BookableArrival(DateTimeOffset now, TimeSpan ahead)
    {
        var local = Local(now);
        // The start of the business day's calendar date: before the 06:00 cut-off, the night began the day before.
        var businessDay = new DateTimeOffset(local.Date, local.Offset).AddDays(local.TimeOfDay < TimeSpan.FromHours(6) ? -1 : 0);
        var closing = businessDay.AddDays(1).AddHours(2);
        if (local + ahead <= closing.AddMinutes(-5)) return local + ahead;
        if (closing - local > TimeSpan.FromMinutes(20)) return local + (closing - local) / 2;
        return businessDay.AddDays(1).AddHours(20);
    }

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "英", "国", "东", "博", "轩", "然", "桐", "宁", "浩"];

    /// <summary>
    /// The n-th guest of a run: varied names and phones spread over the number space, as real guests are.
    /// (The same name with phones one digit apart is flagged by the app as a possible duplicate customer,
    /// which would make every booking of a bench that numbers its guests 1, 2, 3 flag all the others.)
    /// </summary>
    public static (string Name, string Phone) Guest(string prefix, int n)
    {
        var h = (uint)n * 2654435761u; // Knuth's multiplicative hash: neighbours land far apart
        var name = Surnames[h % 20] + Given[h / 20 % 24] + Given[h / 480 % 24];
        var phone = prefix + ((long)n * 7919 % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
        return (name, phone);
    }
}

public sealed class SqliteRaw(string path) : IRawDb
{
    public string Name => "SQLite";
    public string AppDb => path;
    public string Settings => Sqlite.Version(path);

    public Task<BenchStaff> StaffAsync(IReadOnlyList<string> badges)
    {
        using var connection = Sqlite.Open(path);
        using var cmd = connection.CreateCommand();
        // The demo is a chain of two venues with the same badges: the bench works in the first one ("main").
        cmd.CommandText = "SELECT u.Id, u.VenueId, u.Department, u.UserName FROM AspNetUsers u JOIN venues v ON v.Id = u.VenueId WHERE v.Code = 'main' AND u.NormalizedUserName = $badge";
        var badge = cmd.Parameters.Add("$badge", SqliteType.Text);
        string? venue = null;
        var managers = new List<(string, string, string)>();
        foreach (var b in badges)
        {
            badge.Value = b.ToUpperInvariant();
            using var r = cmd.ExecuteReader();
            if (!r.Read()) throw new BenchException($"no staff member {b} in {path}");
            venue = r.GetString(1);
            managers.Add((r.GetString(0), r.GetString(3), r.GetString(2)));
        }
        return Task.FromResult(new BenchStaff(venue!, managers));
    }

    public IRawClient NewBookingWriter(BenchStaff staff, int index) => new Writer(path, staff, index);

    public IRawClient NewFairBookingWriter(BenchStaff staff, int index) => new SqliteFairWriter(path, staff, index);

    public IRoomReader NewRoomReader(string venueId) => new Reader(path, venueId);

    public Task<Dictionary<string, long>> CountRowsAsync()
    {
        using var connection = Sqlite.Open(path);
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            using var r = list.ExecuteReader();
            while (r.Read()) tables.Add(r.GetString(0));
        }
        return Task.FromResult(tables.ToDictionary(t => t,
            t => Convert.ToInt64(Sqlite.Scalar(connection, $"SELECT count(*) FROM \"{t}\""), CultureInfo.InvariantCulture)));
    }

    /// <summary>BEGIN IMMEDIATE; is the confirmation code taken?; INSERT INTO bookings; COMMIT — what Bookings/Create.cs commits.</summary>
    private sealed class Writer : IRawClient
    {
        private static int phones;
        private readonly SqliteConnection connection;
        private readonly SqliteCommand check, insert;
        private readonly SqliteParameter code, id, insertCode, phone, arrival, holdUntil, createdAt, updatedAt, businessDay;

        public Writer(string path, BenchStaff staff, int index)
        {
            connection = Sqlite.Open(path);
            var (managerId, _, department) = staff.Managers[index % staff.Managers.Count];
            check = connection.CreateCommand();
            check.CommandText = "SELECT count(*) FROM bookings WHERE VenueId = $venue AND ConfirmationCode = $code";
            check.Parameters.AddWithValue("$venue", staff.VenueId);
            code = check.Parameters.Add("$code", SqliteType.Text);
            insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO bookings (Id, VenueId, BusinessDay, CustomerId, CustomerName, CustomerPhone, Arrival, PartySize, RoomType, Note,
                    BookerId, BookerDepartment, CreatedById, Status, ConfirmationCode, RoomId, AssignedAt, HoldUntil, ArrivedAt, CancelledAt,
                    CancelReason, CreatedAt, UpdatedAt, Version)
                VALUES ($id, $venue, $day, NULL, 'Bench Guest', $phone, $arrival, 4, NULL, '',
                    $booker, $department, $booker, 'Booked', $code, NULL, NULL, $hold, NULL, NULL, '', $created, $updated, 0)
                """;
            id = insert.Parameters.Add("$id", SqliteType.Text);
            insert.Parameters.AddWithValue("$venue", staff.VenueId);
            businessDay = insert.Parameters.Add("$day", SqliteType.Text);
            phone = insert.Parameters.Add("$phone", SqliteType.Text);
            arrival = insert.Parameters.Add("$arrival", SqliteType.Integer);
            insert.Parameters.AddWithValue("$booker", managerId);
            insert.Parameters.AddWithValue("$department", department);
            insertCode = insert.Parameters.Add("$code", SqliteType.Text);
            holdUntil = insert.Parameters.Add("$hold", SqliteType.Integer);
            createdAt = insert.Parameters.Add("$created", SqliteType.Integer);
            updatedAt = insert.Parameters.Add("$updated", SqliteType.Integer);
        }

        public Task<string?> RunAsync()
        {
            var now = DateTimeOffset.UtcNow;
            var arrive = now.AddHours(2);
            using var tx = connection.BeginTransaction(); // Microsoft.Data.Sqlite: BEGIN IMMEDIATE
            check.Transaction = tx;
            insert.Transaction = tx;
            string next;
            do
            {
                next = RawText.NewCode();
                code.Value = next;
            }
            while (Convert.ToInt64(check.ExecuteScalar(), CultureInfo.InvariantCulture) > 0);
            id.Value = Guid.CreateVersion7().ToString().ToUpperInvariant();
            businessDay.Value = RawText.Local(arrive).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            phone.Value = "138" + Interlocked.Increment(ref phones).ToString("D8", CultureInfo.InvariantCulture);
            arrival.Value = arrive.ToUnixTimeMilliseconds();
            insertCode.Value = next;
            holdUntil.Value = arrive.AddMinutes(20).ToUnixTimeMilliseconds();
            createdAt.Value = now.ToUnixTimeMilliseconds();
            updatedAt.Value = now.ToUnixTimeMilliseconds();
            insert.ExecuteNonQuery();
            tx.Commit();
            return Task.FromResult<string?>(null);
        }

        public ValueTask DisposeAsync()
        {
            check.Dispose();
            insert.Dispose();
            connection.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    public const string BoardSql = """
        SELECT r.Number, r.Type, r.Capacity, r.MinimumSpend, r.Area, r.State, c.BookingId, u.UserName, u.Name, c.SessionId,
               b.HoldUntil, b.Status, COALESCE(s.PartySize, b.PartySize), r.StateSince, r.StateNote
        FROM rooms r
        LEFT JOIN room_claims c ON c.RoomId = r.Id AND c.ReleasedAt IS NULL
        LEFT JOIN bookings b ON b.Id = c.BookingId
        LEFT JOIN room_sessions s ON s.Id = c.SessionId
        LEFT JOIN AspNetUsers u ON u.Id = CASE WHEN s.Id IS NOT NULL THEN s.CreditedToId ELSE b.BookerId END
        WHERE r.VenueId = $venue
        """;

    private sealed class Reader : IRoomReader
    {
        private readonly SqliteConnection connection;
        private readonly SqliteCommand query;

        public Reader(string path, string venue)
        {
            connection = Sqlite.Open(path);
            query = connection.CreateCommand();
            query.CommandText = BoardSql;
            query.Parameters.AddWithValue("$venue", venue);
        }

        public ValueTask<List<RawRoom>> ReadAsync()
        {
            var rooms = new List<RawRoom>(80);
            using var r = query.ExecuteReader();
            while (r.Read())
            {
                rooms.Add(new RawRoom(r.GetString(0), RawText.Camel(r.GetString(1)), r.GetInt32(2), r.GetInt64(3) / 100m, r.GetString(4),
                    RawText.Camel(r.GetString(5)), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7),
                    r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9),
                    r.IsDBNull(10) ? null : RawText.Local(DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(10))),
                    !r.IsDBNull(11) && r.GetString(11) == "Arrived", r.IsDBNull(12) ? null : r.GetInt32(12),
                    r.IsDBNull(13) ? null : RawText.Local(DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(13))), r.GetString(14)));
            }
            return ValueTask.FromResult(RawText.Ordered(rooms));
        }

        public ValueTask DisposeAsync()
        {
            query.Dispose();
            connection.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

public sealed class PostgresRaw(string connectionString, string settings) : IRawDb, IAsyncDisposable
{
    private readonly NpgsqlDataSource source = NpgsqlDataSource.Create(connectionString);

    public string Name => "PostgreSQL";
    public string AppDb => connectionString;
    public string Settings => settings;

    public async Task<BenchStaff> StaffAsync(IReadOnlyList<string> badges)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("""SELECT u."Id", u."VenueId", u."Department", u."UserName" FROM "AspNetUsers" u JOIN venues v ON v."Id" = u."VenueId" WHERE v."Code" = 'main' AND u."NormalizedUserName" = @badge""", connection);
        var badge = cmd.Parameters.AddWithValue("badge", "");
        string? venue = null;
        var managers = new List<(string, string, string)>();
        foreach (var b in badges)
        {
            badge.Value = b.ToUpperInvariant();
            await using var r = await cmd.ExecuteReaderAsync();
            if (!await r.ReadAsync()) throw new BenchException($"no staff member {b} in the PostgreSQL database");
            venue = r.GetGuid(1).ToString();
            managers.Add((r.GetGuid(0).ToString(), r.GetString(3), r.GetString(2)));
        }
        return new BenchStaff(venue!, managers);
    }

    public IRawClient NewBookingWriter(BenchStaff staff, int index) => new Writer(source, staff, index);

    public IRawClient NewFairBookingWriter(BenchStaff staff, int index) => new PostgresFairWriter(source, staff, index);

    public ValueTask DisposeAsync() => source.DisposeAsync();

    public IRoomReader NewRoomReader(string venueId) => new Reader(source, Guid.Parse(venueId));

    public async Task<Dictionary<string, long>> CountRowsAsync()
    {
        await using var connection = await source.OpenConnectionAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var r = await list.ExecuteReaderAsync())
            while (await r.ReadAsync()) tables.Add(r.GetString(0));
        var counts = new Dictionary<string, long>();
        foreach (var t in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{t}\"", connection);
            counts[t] = (long)(await count.ExecuteScalarAsync())!;
        }
        return counts;
    }

    /// <summary>BEGIN (read committed, as the app); is the confirmation code taken?; INSERT INTO bookings; COMMIT.</summary>
    private sealed class Writer(NpgsqlDataSource source, BenchStaff staff, int index) : IRawClient
    {
        private static int phones;
        private NpgsqlConnection? connection;
        private NpgsqlCommand? check, insert;

        public async Task<string?> RunAsync()
        {
            if (connection is null) await PrepareAsync();
            var now = DateTimeOffset.UtcNow;
            var arrive = now.AddHours(2);
            await using var tx = await connection!.BeginTransactionAsync();
            string next;
            do
            {
                next = RawText.NewCode();
                check!.Parameters["code"].Value = next;
            }
            while ((long)(await check.ExecuteScalarAsync())! > 0);
            var p = insert!.Parameters;
            p["id"].Value = Guid.CreateVersion7();
            p["day"].Value = DateOnly.FromDateTime(RawText.Local(arrive).DateTime);
            p["phone"].Value = "138" + Interlocked.Increment(ref phones).ToString("D8", CultureInfo.InvariantCulture);
            p["arrival"].Value = arrive.UtcDateTime;
            p["code"].Value = next;
            p["hold"].Value = arrive.AddMinutes(20).UtcDateTime;
            p["created"].Value = now.UtcDateTime;
            await insert.ExecuteNonQueryAsync();
            await tx.CommitAsync();
            return null;
        }

        private async Task PrepareAsync()
        {
            connection = await source.OpenConnectionAsync();
            var (managerId, _, department) = staff.Managers[index % staff.Managers.Count];
            var venue = Guid.Parse(staff.VenueId);
            check = new NpgsqlCommand("""SELECT count(*) FROM bookings WHERE "VenueId" = @venue AND "ConfirmationCode" = @code""", connection);
            check.Parameters.AddWithValue("venue", venue);
            check.Parameters.AddWithValue("code", "");
            await check.PrepareAsync();
            insert = new NpgsqlCommand("""
                INSERT INTO bookings ("Id", "VenueId", "BusinessDay", "CustomerId", "CustomerName", "CustomerPhone", "Arrival", "PartySize", "RoomType", "Note",
                    "BookerId", "BookerDepartment", "CreatedById", "Status", "ConfirmationCode", "RoomId", "AssignedAt", "HoldUntil", "ArrivedAt", "CancelledAt",
                    "CancelReason", "CreatedAt", "UpdatedAt", "Version")
                VALUES (@id, @venue, @day, NULL, 'Bench Guest', @phone, @arrival, 4, NULL, '',
                    @booker, @department, @booker, 'Booked', @code, NULL, NULL, @hold, NULL, NULL, '', @created, @created, 0)
                """, connection);
            insert.Parameters.AddWithValue("id", Guid.Empty);
            insert.Parameters.AddWithValue("venue", venue);
            insert.Parameters.AddWithValue("day", DateOnly.MinValue);
            insert.Parameters.AddWithValue("phone", "");
            insert.Parameters.AddWithValue("arrival", DateTime.UnixEpoch);
            insert.Parameters.AddWithValue("booker", Guid.Parse(managerId));
            insert.Parameters.AddWithValue("department", department);
            insert.Parameters.AddWithValue("code", "");
            insert.Parameters.AddWithValue("hold", DateTime.UnixEpoch);
            insert.Parameters.AddWithValue("created", DateTime.UnixEpoch);
            await insert.PrepareAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (check is not null) await check.DisposeAsync();
            if (insert is not null) await insert.DisposeAsync();
            if (connection is not null) await connection.DisposeAsync();
        }
    }

    public const string BoardSql = """
        SELECT r."Number", r."Type", r."Capacity", r."MinimumSpend", r."Area", r."State", c."BookingId", u."UserName", u."Name", c."SessionId",
               b."HoldUntil", b."Status", COALESCE(s."PartySize", b."PartySize"), r."StateSince", r."StateNote"
        FROM rooms r
        LEFT JOIN room_claims c ON c."RoomId" = r."Id" AND c."ReleasedAt" IS NULL
        LEFT JOIN bookings b ON b."Id" = c."BookingId"
        LEFT JOIN room_sessions s ON s."Id" = c."SessionId"
        LEFT JOIN "AspNetUsers" u ON u."Id" = CASE WHEN s."Id" IS NOT NULL THEN s."CreditedToId" ELSE b."BookerId" END
        WHERE r."VenueId" = @venue
        """;

    private sealed class Reader(NpgsqlDataSource source, Guid venue) : IRoomReader
    {
        private NpgsqlConnection? connection;
        private NpgsqlCommand? query;

        public async ValueTask<List<RawRoom>> ReadAsync()
        {
            if (connection is null)
            {
                connection = await source.OpenConnectionAsync();
                query = new NpgsqlCommand(BoardSql, connection);
                query.Parameters.AddWithValue("venue", venue);
                await query.PrepareAsync();
            }
            var rooms = new List<RawRoom>(80);
            await using var r = await query!.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                rooms.Add(new RawRoom(r.GetString(0), RawText.Camel(r.GetString(1)), r.GetInt32(2), r.GetDecimal(3), r.GetString(4),
                    RawText.Camel(r.GetString(5)), Text(r, 6), r.IsDBNull(7) ? null : r.GetString(7),
                    r.IsDBNull(8) ? null : r.GetString(8), Text(r, 9), Instant(r, 10),
                    !r.IsDBNull(11) && r.GetString(11) == "Arrived", r.IsDBNull(12) ? null : r.GetInt32(12), Instant(r, 13), r.GetString(14)));
            }
            return RawText.Ordered(rooms);
        }

        private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetGuid(i).ToString();

        private static DateTimeOffset? Instant(DbDataReader r, int i) =>
            r.IsDBNull(i) ? null : RawText.Local(new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc)));

        public async ValueTask DisposeAsync()
        {
            if (query is not null) await query.DisposeAsync();
            if (connection is not null) await connection.DisposeAsync();
        }
    }
}
