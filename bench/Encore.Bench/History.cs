using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Encore.Bench;

/// <summary>
/// Venues and their nights written straight into an Encore SQLite database (schema from the app's migrations),
/// in the app's storage conventions: GUIDs as uppercase TEXT (version 7, as the entities make them), instants
/// as Unix milliseconds, money as integer fen, business days as yyyy-MM-dd, enums by name.
/// A venue is the demo's shape: 70 rooms on five floors, 12 customer managers, a host desk, 300 customers;
/// every night each room has 0–2 closed sessions (busier on Friday and Saturday), credited mostly to a
/// manager on duty; managers sign in most nights and sign most cards; a few days have their performance cancelled.
/// </summary>
public sealed class History(string path, int seed)
{
    private static readonly (string Type, int Floor, int Count, int Capacity, long MinimumSpendFen)[] Plan =
    [
        ("Small", 1, 20, 6, 600_00), ("Medium", 2, 20, 10, 1200_00), ("Large", 3, 15, 16, 2000_00),
        ("Vip", 5, 10, 20, 5000_00), ("Party", 6, 5, 40, 8000_00),
    ];

    private readonly Random random = new(seed);

    public sealed record Venue(string Id, string Prefix, List<(string Id, long MinimumSpendFen)> Rooms, List<string> Managers, string Host);

    public long Sessions { get; private set; }

    private static string NewId(DateTimeOffset at) => Guid.CreateVersion7(at).ToString().ToUpperInvariant();

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Local time on a business day (evening hours; after midnight belongs to the same business day).</summary>
    private static DateTimeOffset At(DateOnly day, int minutesAfterSix) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(18, 0)), RawText.VenueOffset).AddMinutes(minutesAfterSix);

    public SqliteConnection Open() => Sqlite.Open(path, " PRAGMA cache_size=-500000;");

    public long CountSessions()
    {
        using var connection = Open();
        return Convert.ToInt64(Sqlite.Scalar(connection, "SELECT count(*) FROM room_sessions"), CultureInfo.InvariantCulture);
    }

    /// <summary>Rooms, staff and customers of a venue (a new one, or the existing venue <paramref name="venueId"/>).</summary>
    public Venue AddVenue(string? venueId, int number, DateOnly opened)
    {
        using var connection = Open();
        using var tx = connection.BeginTransaction();
        var created = At(opened, 0);
        var prefix = $"v{number:000}";
        if (venueId is null)
        {
            venueId = NewId(created);
            // Every venue has its own login code (issue 21: a unique index; the column's default '' fits one venue only).
            Insert(connection, tx, "INSERT INTO venues (Id, Code, Name, CreatedAt) VALUES ($id, $code, $name, $at)", ("$id", venueId), ("$code", $"bench{number:000}"),
                ("$name", $"Bench venue {number:000}"), ("$at", Ms(created)));
        }
        var roles = new Dictionary<string, string>();
        foreach (var role in new[] { "manager", "host" })
            roles[role] = (string)Sqlite.Scalar(connection, "SELECT Id FROM AspNetRoles WHERE Name = $n", ("$n", role))!;

        var rooms = new List<(string, long)>();
        foreach (var (type, floor, count, capacity, spend) in Plan)
            for (var i = 1; i <= count; i++)
            {
                var id = NewId(created);
                rooms.Add((id, spend));
                Insert(connection, tx, """
                    INSERT INTO rooms (Id, VenueId, Number, Type, Capacity, MinimumSpend, Area, State, CreatedAt, StateSince, Version, StateNote)
                    VALUES ($id, $venue, $number, $type, $capacity, $spend, $area, 'Free', $at, NULL, 0, '')
                    """, ("$id", id), ("$venue", venueId), ("$number", $"{floor}{i:00}"), ("$type", type), ("$capacity", capacity),
                    ("$spend", spend), ("$area", $"{floor}F"), ("$at", Ms(created)));
            }

        string Staff(string badge, string name, string department, string role)
        {
            var id = NewId(created);
            Insert(connection, tx, """
                INSERT INTO AspNetUsers (Id, VenueId, Name, Department, ManagerId, IsActive, CreatedAt, UserName, NormalizedUserName,
                    EmailConfirmed, SecurityStamp, ConcurrencyStamp, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
                VALUES ($id, $venue, $name, $department, NULL, 1, $at, $badge, $normalized, 0, $stamp, $concurrency, 0, 0, 1, 0)
                """, ("$id", id), ("$venue", venueId), ("$name", name), ("$department", department), ("$at", Ms(created)),
                ("$badge", badge), ("$normalized", badge.ToUpperInvariant()), ("$stamp", Guid.NewGuid().ToString("N")), ("$concurrency", Guid.NewGuid().ToString()));
            Insert(connection, tx, "INSERT INTO AspNetUserRoles (UserId, RoleId) VALUES ($u, $r)", ("$u", id), ("$r", roles[role]));
            return id;
        }

        var managers = Enumerable.Range(1, 12).Select(i => Staff($"{prefix}-m{i:00}", $"经理{i:00}", i <= 6 ? "营销一部" : "营销二部", "manager")).ToList();
        var host = Staff($"{prefix}-h01", "咨客", "咨客部", "host");

        using (var customer = connection.CreateCommand())
        {
            customer.Transaction = tx;
            customer.CommandText = """
                INSERT INTO customers (Id, VenueId, Name, Phone, Company, Title, Birthday, Notes, OwnerId, CreatedAt)
                VALUES ($id, $venue, $name, $phone, '', '', NULL, '', $owner, $at)
                """;
            var p = Parameters(customer, "$id", "$venue", "$name", "$phone", "$owner", "$at");
            for (var i = 0; i < 300; i++)
            {
                var at = created.AddDays(random.Next(0, 365));
                Set(p, NewId(at), venueId, $"客户{i:000}", $"136{number:000}{i:00000}", managers[i % managers.Count], Ms(at));
                customer.ExecuteNonQuery();
            }
        }
        tx.Commit();
        return new Venue(venueId, prefix, rooms, managers, host);
    }

    /// <summary>The nights [from, to) of a venue: sessions, sign-ins and signed cards.</summary>
    public void AddNights(Venue venue, DateOnly from, DateOnly to)
    {
        using var connection = Open();
        using var tx = connection.BeginTransaction();
        using var session = connection.CreateCommand();
        session.Transaction = tx;
        session.CommandText = """
            INSERT INTO room_sessions (Id, VenueId, RoomId, BookingId, WalkIn, PartySize, CreditedToId, BusinessDay, OpenedAt, OpenedById,
                ClosedAt, ClosedById, Spend, Discount, CompsValue, Comps, RoomCharge, ApprovalId)
            VALUES ($id, $venue, $room, NULL, 1, $party, $credited, $day, $opened, $host, $closed, $host, $spend, $discount, $comps, $compsText, $charge, NULL)
            """;
        var sp = Parameters(session, "$id", "$venue", "$room", "$party", "$credited", "$day", "$opened", "$host", "$closed", "$spend", "$discount", "$comps", "$compsText", "$charge");
        using var attendance = connection.CreateCommand();
        attendance.Transaction = tx;
        attendance.CommandText = """
            INSERT INTO attendance_days (Id, VenueId, StaffId, BusinessDay, SignedInAt, Late, SignedInById, SignedOutAt, CalledInAt, CallInReason,
                NoPay, BookingSuspended, PerformanceCancelled, Absent, Note)
            VALUES ($id, $venue, $staff, $day, $in, $late, NULL, $out, NULL, '', 0, 0, $cancelled, 0, '')
            """;
        var ap = Parameters(attendance, "$id", "$venue", "$staff", "$day", "$in", "$late", "$out", "$cancelled");
        using var card = connection.CreateCommand();
        card.Transaction = tx;
        card.CommandText = """
            INSERT INTO performance_cards (Id, VenueId, StaffId, BusinessDay, SignedAt, SignedSpend, SignedRooms)
            VALUES ($id, $venue, $staff, $day, $at, $spend, $rooms)
            """;
        var cp = Parameters(card, "$id", "$venue", "$staff", "$day", "$at", "$spend", "$rooms");

        var spend = new Dictionary<string, (long Spend, int Rooms)>();
        for (var day = from; day < to; day = day.AddDays(1))
        {
            var dayText = Day(day);
            var busy = day.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday;
            var onDuty = venue.Managers.Where(_ => random.NextDouble() < 0.93).ToList();
            spend.Clear();
            foreach (var m in onDuty)
            {
                var signedIn = At(day, 85 + random.Next(0, 10));
                Set(ap, NewId(signedIn), venue.Id, m, dayText, Ms(signedIn), random.NextDouble() < 0.03 ? 1 : 0, Ms(At(day, 540)),
                    random.NextDouble() < 0.01 ? 1 : 0);
                attendance.ExecuteNonQuery();
                spend[m] = (0, 0);
            }
            foreach (var (roomId, minimum) in venue.Rooms)
            {
                var roll = random.NextDouble();
                var count = busy ? (roll < 0.05 ? 0 : roll < 0.5 ? 1 : 2) : (roll < 0.3 ? 0 : roll < 0.8 ? 1 : 2);
                for (var k = 0; k < count; k++)
                {
                    var opened = At(day, 90 + k * 240 + random.Next(0, 60));
                    var closed = opened.AddMinutes(150 + random.Next(0, 90));
                    var bill = minimum * (80 + random.Next(0, 170)) / 100 / 1000 * 1000; // to 10 yuan
                    var discount = random.NextDouble() < 0.2 ? bill * random.Next(5, 16) / 100 / 100 * 100 : 0;
                    var comps = random.NextDouble() < 0.3 ? 88_00L * random.Next(1, 4) : 0;
                    string? credited = onDuty.Count > 0 && random.NextDouble() < 0.92 ? onDuty[random.Next(onDuty.Count)] : null;
                    Set(sp, NewId(opened), venue.Id, roomId, 2 + random.Next(0, 10), credited, dayText, Ms(opened), venue.Host, Ms(closed),
                        bill, discount, comps, comps == 0 ? "[]" : $"[{{\"item\":\"果盘\",\"value\":{comps / 100}}}]", bill * 3 / 10);
                    session.ExecuteNonQuery();
                    Sessions++;
                    if (credited is not null) spend[credited] = (spend[credited].Spend + bill, spend[credited].Rooms + 1);
                }
            }
            foreach (var (m, total) in spend)
            {
                if (random.NextDouble() >= 0.9) continue; // forgot to sign that card
                var signed = At(day.AddDays(1), -240 + random.Next(0, 240)); // the next afternoon
                Set(cp, NewId(signed), venue.Id, m, dayText, Ms(signed), total.Spend, total.Rooms);
                card.ExecuteNonQuery();
            }
        }
        tx.Commit();
    }

    private static void Insert(SqliteConnection connection, SqliteTransaction tx, string sql, params (string Name, object? Value)[] values)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in values) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        cmd.ExecuteNonQuery();
    }

    private static SqliteParameter[] Parameters(SqliteCommand cmd, params string[] names) =>
        names.Select(n => cmd.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();

    private static void Set(SqliteParameter[] parameters, params object?[] values)
    {
        for (var i = 0; i < parameters.Length; i++) parameters[i].Value = values[i] ?? DBNull.Value;
    }
}
