namespace Encore.Web.Rotation;

/// <summary>One place in the rotation as API.md shows it.</summary>
public sealed record RotationView(string Badge, string Name, int Position, bool Available, string? Reason);

public sealed record RotationEventView(DateTimeOffset At, string Kind, string Badge, string Reason, string? RoomNumber, string Queue);

/// <summary>
/// The walk-in rotation of one business day, stored as <see cref="RotationEntry"/> rows and decided by
/// <see cref="Domain.Rotation"/>. Every change is also a <see cref="RotationEvent"/>, so a night can be replayed.
/// </summary>
public static class RotationQueue
{
    public static async Task<List<(RotationEntry Entry, string Badge, string Name, Domain.Rotation.Member Member)>> LoadAsync(EncoreDb db, VenueNow at, DateOnly day)
    {
        var (venue, now) = (at.VenueId, at.Now);
        var rows = await (from e in db.RotationEntries
                          join s in db.Users on e.StaffId equals s.Id
                          where e.VenueId == venue && e.BusinessDay == day && !e.Left
                          select new { e, Badge = s.UserName!, s.Name, s.IsActive }).ToListAsync();
        // On leave right now (an approved leave, e.g. a customer dinner), suspended (a confirmed suspension covering
        // the day, for its house-rule days), or late without a call-in (tonight's booking rights lost): skipped, keeping
        // their place. Tomorrow's queue is a new one: the late manager is back once signed in on time.
        var ids = rows.Select(r => r.e.StaffId).ToList();
        var onLeave = (await db.LeaveRequests.Where(l => ids.Contains(l.StaffId) && l.Status == LeaveStatus.Approved && l.From <= now && l.To > now && l.BackAt == null)
            .Select(l => l.StaffId).ToListAsync()).ToHashSet();
        var suspended = (await Discipline.Suspensions.OverlappingAsync(db, venue, day, day, at.Rules)).Select(p => p.StaffId).ToHashSet();
        var lostRights = (await db.AttendanceDays.Where(d => ids.Contains(d.StaffId) && d.BusinessDay == day && d.BookingSuspended)
            .Select(d => d.StaffId).ToListAsync()).ToHashSet();
        return rows.Select(r => (r.e, r.Badge, r.Name, new Domain.Rotation.Member(r.Badge, r.e.Position,
                r.e.Busy ? Domain.Rotation.Unavailable.Busy
                : onLeave.Contains(r.e.StaffId) ? Domain.Rotation.Unavailable.OnLeave
                : !r.IsActive || suspended.Contains(r.e.StaffId) ? Domain.Rotation.Unavailable.Suspended
                : lostRights.Contains(r.e.StaffId) ? Domain.Rotation.Unavailable.LateNoCallIn : null)))
            .OrderBy(r => r.Item4.Position).ThenBy(r => r.Badge, StringComparer.Ordinal)
            .ToList();
    }

    public static async Task<List<RotationView>> ViewAsync(EncoreDb db, VenueNow at, DateOnly day)
    {
        var queue = await LoadAsync(db, at, day);
        return queue.Select((q, i) => new RotationView(q.Badge, q.Name, i + 1, q.Member.Reason is null,
                q.Member.Reason is { } reason ? Platform.EncoreJson.Camel(reason) : null))
            .ToList();
    }

    /// <summary>Puts a manager at the back of tonight's queue (sign-in); nothing when already in it.</summary>
    public static async Task JoinAsync(EncoreDb db, VenueNow at, DateOnly day, Guid staffId, Guid? actor)
    {
        var (venue, now) = (at.VenueId, at.Now);
        var existing = await db.RotationEntries.SingleOrDefaultAsync(e => e.VenueId == venue && e.BusinessDay == day && e.StaffId == staffId);
        if (existing is { Left: false }) return;
        var queue = await LoadAsync(db, at, day);
        var position = Domain.Rotation.JoinPosition(queue.Select(q => q.Member));
        if (existing is null)
            db.RotationEntries.Add(new RotationEntry { VenueId = venue, BusinessDay = day, StaffId = staffId, Position = position });
        else
        {
            existing.Left = false;
            existing.Position = position;
            existing.Version++;
        }
        db.RotationEvents.Add(new RotationEvent { VenueId = venue, BusinessDay = day, At = now, Kind = "joined", StaffId = staffId, ActorId = actor });
    }

    public static async Task LeaveAsync(EncoreDb db, Guid venue, DateOnly day, Guid staffId, DateTimeOffset now, Guid? actor, string reason)
    {
        var entry = await db.RotationEntries.SingleOrDefaultAsync(e => e.VenueId == venue && e.BusinessDay == day && e.StaffId == staffId);
        if (entry is null || entry.Left) return;
        entry.Left = true;
        entry.Version++;
        db.RotationEvents.Add(new RotationEvent { VenueId = venue, BusinessDay = day, At = now, Kind = "left", StaffId = staffId, ActorId = actor, Reason = reason });
    }

    /// <summary>
    /// Gives the next walk-in: the first available manager in the queue, who moves to the back; the skipped are
    /// recorded with their reasons. Null (and nothing written) when nobody is available. Runs inside the
    /// caller's write transaction; the entry's version makes a concurrent pick of the same manager lose.
    /// </summary>
    public static async Task<Guid?> PickAsync(EncoreDb db, VenueNow at, string roomNumber, Guid sessionId, ClaimsPrincipal actor)
    {
        // Two desks opening walk-ins at once must not both give one to the same manager. SQLite's write lock
        // (BEGIN IMMEDIATE) already serializes them; on PostgreSQL, lock tonight's queue rows first, in the order of their
        // ids: unordered, each transaction locked them in the order its scan met them, and a pick's update moves the row it
        // updates, so two picks could each hold a row the other waited for (40P01 deadlock, a 500 at the desk; seen with 24
        // walk-ins at once in SimultaneousWalkInTests on PostgreSQL).
        if (!db.IsSqlite)
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"SELECT 1 FROM rotation_entries WHERE \"VenueId\" = {at.VenueId} AND \"BusinessDay\" = {at.Today} ORDER BY \"Id\" FOR UPDATE");
        var queue = await LoadAsync(db, at, at.Today);
        var pick = Domain.Rotation.Next(queue.Select(q => q.Member));
        var order = string.Join(",", queue.Select(q => q.Badge));
        if (pick is null)
        {
            db.RotationEvents.Add(new RotationEvent
            {
                VenueId = at.VenueId, BusinessDay = at.Today, At = at.Now, Kind = "nobodyAvailable", StaffId = actor.StaffId(),
                RoomNumber = roomNumber, SessionId = sessionId, ActorId = actor.StaffId(), Queue = order,
            });
            return null;
        }
        foreach (var skipped in pick.Skipped)
        {
            var entry = queue.Single(q => q.Badge == skipped.Badge).Entry;
            db.RotationEvents.Add(new RotationEvent
            {
                VenueId = at.VenueId, BusinessDay = at.Today, At = at.Now, Kind = "skipped", StaffId = entry.StaffId,
                Reason = Platform.EncoreJson.Camel(skipped.Reason!.Value), RoomNumber = roomNumber, SessionId = sessionId, ActorId = actor.StaffId(), Queue = order,
            });
        }
        var chosen = queue.Single(q => q.Badge == pick.Chosen.Badge).Entry;
        chosen.Position = pick.NewPosition;
        chosen.Version++;
        db.RotationEvents.Add(new RotationEvent
        {
            VenueId = at.VenueId, BusinessDay = at.Today, At = at.Now, Kind = "assigned", StaffId = chosen.StaffId,
            RoomNumber = roomNumber, SessionId = sessionId, ActorId = actor.StaffId(), Queue = order,
        });
        return chosen.StaffId;
    }

    public static async Task<List<RotationEventView>> HistoryAsync(EncoreDb db, VenueNow at, DateOnly day)
    {
        var rows = await (from e in db.RotationEvents
                          join s in db.Users on e.StaffId equals s.Id
                          where e.VenueId == at.VenueId && e.BusinessDay == day
                          orderby e.At, e.Id
                          select new { e.At, e.Kind, Badge = s.UserName!, e.Reason, e.RoomNumber, e.Queue }).ToListAsync();
        // One walk-in's skips and pick share an instant (and v7 ids are random within a millisecond): within an
        // instant, skips come before the pick, in the order of the queue as it stood.
        return rows
            .OrderBy(r => r.At)
            .ThenBy(r => r.Kind == "assigned" ? 1 : 0)
            .ThenBy(r => Array.IndexOf(r.Queue.Split(','), r.Badge))
            .Select(r => new RotationEventView(at.Local(r.At), r.Kind, r.Badge, r.Reason, r.RoomNumber, r.Queue)).ToList();
    }
}
