using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Encore.Bench;

/// <summary>
/// The fair write baseline: by hand, in one transaction, the rows ONE booking through POST /api/bookings writes
/// for a guest whose phone is new (what the bench's API side books; counted per table in the report): the
/// customer file (with its pinyin and initials for search), the booking (version 1, as after its history entry),
/// its history event ("created"), and the three audit entries the app's audit interceptor adds (one per row,
/// the row's values as JSON) — and the reads that decide those writes: is the confirmation code taken, is the
/// phone on file, which files have the same name (the duplicate-customer check). The app's other reads (the
/// booker, attendance, suspensions, quotas, the largest room) are not in it. No Idempotency-Key: the bench's
/// API requests carry none, so the app stores none.
/// </summary>
public sealed class FairBooking
{
    private static int guests;

    public Guid CustomerId { get; } = Guid.CreateVersion7();
    public Guid BookingId { get; } = Guid.CreateVersion7();
    public Guid EventId { get; } = Guid.CreateVersion7();
    public string Name { get; }
    public string Phone { get; }
    public string Pinyin { get; }
    public string Initials { get; }
    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;
    public DateTimeOffset Arrival { get; }
    public DateTimeOffset HoldUntil { get; }
    public DateOnly Day { get; }
    public string Code { get; set; } = "";

    private FairBooking()
    {
        // The raw side's own guests (prefix 136): new phones, names drawn as the API side's are, so the duplicate
        // check reads as many same-name files as the app's does.
        (Name, Phone) = RawText.Guest("136", Interlocked.Increment(ref guests));
        // The app indexes a new file for search (CustomerRules.Index) with the same ICU transliteration.
        var (full, initials) = Encore.Web.Platform.Pinyin.Of(Name);
        Pinyin = full.Length > 200 ? full[..200] : full;
        Initials = initials.Length > 50 ? initials[..50] : initials;
        Arrival = RawText.BookableArrival(Now, TimeSpan.FromHours(2));
        HoldUntil = Arrival.AddMinutes(20);
        Day = DateOnly.FromDateTime(Arrival.DateTime);
    }

    public static FairBooking Next() => new();

    /// <summary>
    /// The audit entries' "After" JSON, as the interceptor writes it: every property of the added row (key first,
    /// then by name, as EF Core lists them), serialized with System.Text.Json's defaults. Built inside the
    /// transaction, as the interceptor runs inside SaveChanges.
    /// </summary>
    public (string Customer, string Booking, string Event) AuditJson(BenchStaff staff, string managerId, string department, string badge)
    {
        var venue = Guid.Parse(staff.VenueId);
        var manager = Guid.Parse(managerId);
        var customer = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["Id"] = CustomerId, ["Birthday"] = null, ["Company"] = "", ["CreatedAt"] = Now, ["CreditFlags"] = "",
            ["ExclusiveManagerId"] = null, ["Initials"] = Initials, ["Name"] = Name, ["Notes"] = "", ["OwnerId"] = manager,
            ["Phone"] = Phone, ["Pinyin"] = Pinyin, ["Preferences"] = "", ["Source"] = "booking", ["Tags"] = "", ["Title"] = "",
            ["VenueId"] = venue, ["VipLevel"] = "",
        });
        var booking = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["Id"] = BookingId, ["Arrival"] = Arrival, ["ArrivedAt"] = null, ["AssignedAt"] = null, ["BookerDepartment"] = department,
            ["BookerId"] = manager, ["BusinessDay"] = Day, ["CancelReason"] = "", ["CancelledAt"] = null, ["ConfirmationCode"] = Code,
            ["CreatedAt"] = Now, ["CreatedById"] = manager, ["CustomerId"] = CustomerId, ["CustomerName"] = Name, ["CustomerPhone"] = Phone,
            ["HoldUntil"] = HoldUntil, ["Note"] = "", ["PartySize"] = 4, ["RoomId"] = null, ["RoomType"] = null, ["Status"] = 0,
            ["UpdatedAt"] = Now, ["VenueId"] = venue, ["Version"] = 1,
        });
        var history = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["Id"] = EventId, ["ActorBadge"] = badge, ["ActorId"] = manager, ["At"] = Now, ["BookingId"] = BookingId, ["Detail"] = "",
            ["DetailPhones"] = null, ["Kind"] = "created", ["RoomNumber"] = null, ["Status"] = 0, ["VenueId"] = venue,
        });
        return (customer, booking, history);
    }

    public const string Action = "booking.create";
}

/// <summary>The fair transaction on SQLite: BEGIN IMMEDIATE, the three reads, six inserts, COMMIT (as the app's file: WAL, synchronous=FULL).</summary>
internal sealed class SqliteFairWriter : IRawClient
{
    private readonly SqliteConnection connection;
    private readonly SqliteCommand codeTaken, byPhone, sameName, customer, booking, history, audit;
    private readonly BenchStaff staff;
    private readonly string managerId, badge, department;

    public SqliteFairWriter(string path, BenchStaff staff, int index)
    {
        this.staff = staff;
        (managerId, badge, department) = staff.Managers[index % staff.Managers.Count];
        connection = Sqlite.Open(path);
        SqliteCommand Command(string sql)
        {
            var c = connection.CreateCommand();
            c.CommandText = sql;
            c.Parameters.AddWithValue("$venue", staff.VenueId);
            return c;
        }
        codeTaken = Command("SELECT count(*) FROM bookings WHERE VenueId = $venue AND ConfirmationCode = $code");
        // The app's SingleOrDefault: every column, at most two rows.
        byPhone = Command("SELECT Id, VenueId, Name, Phone, Company, Title, Birthday, Notes, OwnerId, CreatedAt, Tags, Preferences, Source, CreditFlags, Pinyin, Initials, VipLevel, ExclusiveManagerId FROM customers WHERE VenueId = $venue AND Phone = $phone LIMIT 2");
        sameName = Command("SELECT Id, Name, Phone, Company FROM customers WHERE VenueId = $venue AND Name = $name");
        customer = Command("""
            INSERT INTO customers (Id, VenueId, Name, Phone, Company, Title, Birthday, Notes, OwnerId, CreatedAt, Tags, Preferences, Source,
                CreditFlags, Pinyin, Initials, VipLevel, ExclusiveManagerId)
            VALUES ($id, $venue, $name, $phone, '', '', NULL, '', $owner, $created, '', '', 'booking', '', $pinyin, $initials, '', NULL)
            """);
        booking = Command("""
            INSERT INTO bookings (Id, VenueId, BusinessDay, CustomerId, CustomerName, CustomerPhone, Arrival, PartySize, RoomType, Note,
                BookerId, BookerDepartment, CreatedById, Status, ConfirmationCode, RoomId, AssignedAt, HoldUntil, ArrivedAt, CancelledAt,
                CancelReason, CreatedAt, UpdatedAt, Version)
            VALUES ($id, $venue, $day, $customer, $name, $phone, $arrival, 4, NULL, '',
                $booker, $department, $booker, 'Booked', $code, NULL, NULL, $hold, NULL, NULL, '', $created, $created, 1)
            """);
        history = Command("""
            INSERT INTO booking_events (Id, VenueId, BookingId, At, ActorId, ActorBadge, Kind, Status, RoomNumber, Detail, DetailPhones)
            VALUES ($id, $venue, $booking, $at, $actor, $badge, 'created', 'Booked', NULL, '', NULL)
            """);
        audit = Command("""
            INSERT INTO audit_entries (Id, VenueId, At, ActorId, ActorBadge, Action, EntityType, EntityId, Before, After)
            VALUES ($id, $venue, $at, $actor, $badge, $action, $type, $entity, NULL, $after)
            """);
    }

    private static string Id(Guid id) => id.ToString().ToUpperInvariant(); // EF Core's SQLite form of a Guid

    private static void Set(SqliteCommand c, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            if (c.Parameters.Contains(name)) c.Parameters[name].Value = value ?? DBNull.Value;
            else c.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }

    public Task<string?> RunAsync()
    {
        var f = FairBooking.Next();
        using var tx = connection.BeginTransaction(); // Microsoft.Data.Sqlite: BEGIN IMMEDIATE, as the app's write transactions
        foreach (var c in new[] { codeTaken, byPhone, sameName, customer, booking, history, audit }) c.Transaction = tx;
        do
        {
            f.Code = RawText.NewCode();
            Set(codeTaken, ("$code", f.Code));
        }
        while (Convert.ToInt64(codeTaken.ExecuteScalar(), CultureInfo.InvariantCulture) > 0);
        Set(byPhone, ("$phone", f.Phone));
        using (var r = byPhone.ExecuteReader())
            if (r.Read()) return Task.FromResult<string?>($"phone {f.Phone} already on file");
        Set(sameName, ("$name", f.Name));
        using (var r = sameName.ExecuteReader())
            while (r.Read()) _ = (r.GetString(0), r.GetString(2), r.GetString(3));

        var created = f.Now.ToUnixTimeMilliseconds();
        Set(customer, ("$id", Id(f.CustomerId)), ("$name", f.Name), ("$phone", f.Phone), ("$owner", managerId), ("$created", created),
            ("$pinyin", f.Pinyin), ("$initials", f.Initials));
        customer.ExecuteNonQuery();
        Set(booking, ("$id", Id(f.BookingId)), ("$day", f.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("$customer", Id(f.CustomerId)),
            ("$name", f.Name), ("$phone", f.Phone), ("$arrival", f.Arrival.ToUnixTimeMilliseconds()), ("$booker", managerId),
            ("$department", department), ("$code", f.Code), ("$hold", f.HoldUntil.ToUnixTimeMilliseconds()), ("$created", created));
        booking.ExecuteNonQuery();
        Set(history, ("$id", Id(f.EventId)), ("$booking", Id(f.BookingId)), ("$at", created), ("$actor", managerId), ("$badge", badge));
        history.ExecuteNonQuery();
        var (customerJson, bookingJson, eventJson) = f.AuditJson(staff, managerId, department, badge);
        foreach (var (type, entity, json) in new[] { ("Customer", f.CustomerId, customerJson), ("Booking", f.BookingId, bookingJson), ("BookingEvent", f.EventId, eventJson) })
        {
            Set(audit, ("$id", Id(Guid.CreateVersion7())), ("$at", created), ("$actor", managerId), ("$badge", badge), ("$action", FairBooking.Action),
                ("$type", type), ("$entity", entity.ToString()), ("$after", json));
            audit.ExecuteNonQuery();
        }
        tx.Commit();
        return Task.FromResult<string?>(null);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var c in new[] { codeTaken, byPhone, sameName, customer, booking, history, audit }) c.Dispose();
        connection.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// The fair transaction on PostgreSQL (READ COMMITTED, the app's level): the three reads in one prepared batch
/// (one round trip, with the BEGIN), the code read again only if it was taken, the six inserts in a second
/// prepared batch, COMMIT — the fewest round trips a hand-written client needs.
/// </summary>
internal sealed class PostgresFairWriter(NpgsqlDataSource source, BenchStaff staff, int index) : IRawClient
{
    private NpgsqlConnection? connection;
    private NpgsqlBatch? reads, writes;
    private NpgsqlCommand? codeAgain;
    private readonly Guid venue = Guid.Parse(staff.VenueId);

    public async Task<string?> RunAsync()
    {
        if (connection is null) await PrepareAsync();
        var (managerId, badge, department) = staff.Managers[index % staff.Managers.Count];
        var f = FairBooking.Next();
        await using var tx = await connection!.BeginTransactionAsync();
        f.Code = RawText.NewCode();
        reads!.BatchCommands[0].Parameters[1].Value = f.Code;
        reads.BatchCommands[1].Parameters[1].Value = f.Phone;
        reads.BatchCommands[2].Parameters[1].Value = f.Name;
        bool taken, onFile;
        await using (var r = await reads.ExecuteReaderAsync())
        {
            await r.ReadAsync();
            taken = r.GetInt64(0) > 0;
            await r.NextResultAsync();
            onFile = await r.ReadAsync();
            await r.NextResultAsync();
            while (await r.ReadAsync()) _ = (r.GetGuid(0), r.GetString(2), r.GetString(3));
        }
        if (onFile) return $"phone {f.Phone} already on file";
        while (taken)
        {
            f.Code = RawText.NewCode();
            codeAgain!.Parameters[1].Value = f.Code;
            taken = (long)(await codeAgain.ExecuteScalarAsync())! > 0;
        }

        var manager = Guid.Parse(managerId);
        var now = f.Now.UtcDateTime;
        var (customerJson, bookingJson, eventJson) = f.AuditJson(staff, managerId, department, badge);
        var c = writes!.BatchCommands;
        Values(c[0], f.CustomerId, venue, f.Name, f.Phone, manager, now, f.Pinyin, f.Initials);
        Values(c[1], f.BookingId, venue, f.Day, f.CustomerId, f.Name, f.Phone, f.Arrival.UtcDateTime, manager, department, f.Code, f.HoldUntil.UtcDateTime, now);
        Values(c[2], f.EventId, venue, f.BookingId, now, manager, badge);
        Values(c[3], Guid.CreateVersion7(), venue, now, manager, badge, "Customer", f.CustomerId.ToString(), customerJson);
        Values(c[4], Guid.CreateVersion7(), venue, now, manager, badge, "Booking", f.BookingId.ToString(), bookingJson);
        Values(c[5], Guid.CreateVersion7(), venue, now, manager, badge, "BookingEvent", f.EventId.ToString(), eventJson);
        await writes.ExecuteNonQueryAsync();
        await tx.CommitAsync();
        return null;
    }

    private static void Values(NpgsqlBatchCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
    }

    private async Task PrepareAsync()
    {
        connection = await source.OpenConnectionAsync();
        static NpgsqlBatchCommand Command(string sql, params object[] placeholders)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var p in placeholders) command.Parameters.Add(new NpgsqlParameter { Value = p });
            return command;
        }
        var g = Guid.Empty;
        var t = DateTime.UnixEpoch;
        reads = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command("""SELECT count(*) FROM bookings WHERE "VenueId" = $1 AND "ConfirmationCode" = $2""", venue, ""),
                Command("""
                    SELECT "Id", "VenueId", "Name", "Phone", "Company", "Title", "Birthday", "Notes", "OwnerId", "CreatedAt", "Tags", "Preferences",
                        "Source", "CreditFlags", "Pinyin", "Initials", "VipLevel", "ExclusiveManagerId"
                    FROM customers WHERE "VenueId" = $1 AND "Phone" = $2 LIMIT 2
                    """, venue, ""),
                Command("""SELECT "Id", "Name", "Phone", "Company" FROM customers WHERE "VenueId" = $1 AND "Name" = $2""", venue, ""),
            },
        };
        await reads.PrepareAsync();
        codeAgain = new NpgsqlCommand("""SELECT count(*) FROM bookings WHERE "VenueId" = $1 AND "ConfirmationCode" = $2""", connection)
        {
            Parameters = { new NpgsqlParameter { Value = venue }, new NpgsqlParameter { Value = "" } },
        };
        await codeAgain.PrepareAsync();
        const string auditSql = """
            INSERT INTO audit_entries ("Id", "VenueId", "At", "ActorId", "ActorBadge", "Action", "EntityType", "EntityId", "Before", "After")
            VALUES ($1, $2, $3, $4, $5, 'booking.create', $6, $7, NULL, $8)
            """;
        writes = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command("""
                    INSERT INTO customers ("Id", "VenueId", "Name", "Phone", "Company", "Title", "Birthday", "Notes", "OwnerId", "CreatedAt", "Tags",
                        "Preferences", "Source", "CreditFlags", "Pinyin", "Initials", "VipLevel", "ExclusiveManagerId")
                    VALUES ($1, $2, $3, $4, '', '', NULL, '', $5, $6, '', '', 'booking', '', $7, $8, '', NULL)
                    """, g, g, "", "", g, t, "", ""),
                Command("""
                    INSERT INTO bookings ("Id", "VenueId", "BusinessDay", "CustomerId", "CustomerName", "CustomerPhone", "Arrival", "PartySize", "RoomType",
                        "Note", "BookerId", "BookerDepartment", "CreatedById", "Status", "ConfirmationCode", "RoomId", "AssignedAt", "HoldUntil", "ArrivedAt",
                        "CancelledAt", "CancelReason", "CreatedAt", "UpdatedAt", "Version")
                    VALUES ($1, $2, $3, $4, $5, $6, $7, 4, NULL, '', $8, $9, $8, 'Booked', $10, NULL, NULL, $11, NULL, NULL, '', $12, $12, 1)
                    """, g, g, DateOnly.MinValue, g, "", "", t, g, "", "", t, t),
                Command("""
                    INSERT INTO booking_events ("Id", "VenueId", "BookingId", "At", "ActorId", "ActorBadge", "Kind", "Status", "RoomNumber", "Detail", "DetailPhones")
                    VALUES ($1, $2, $3, $4, $5, $6, 'created', 'Booked', NULL, '', NULL)
                    """, g, g, g, t, g, ""),
                Command(auditSql, g, g, t, g, "", "", "", ""),
                Command(auditSql, g, g, t, g, "", "", "", ""),
                Command(auditSql, g, g, t, g, "", "", "", ""),
            },
        };
        await writes.PrepareAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (reads is not null) await reads.DisposeAsync();
        if (writes is not null) await writes.DisposeAsync();
        if (codeAgain is not null) await codeAgain.DisposeAsync();
        if (connection is not null) await connection.DisposeAsync();
    }
}
