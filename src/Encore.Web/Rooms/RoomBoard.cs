namespace Encore.Web.Rooms;

/// <summary>
/// The room board (房态): every room with what holds it. The manager shown is the booking's booker while the
/// room is reserved and the credited manager while it is in use. Guest names stay off the board (it is on
/// every screen); the desk sees them in the booking list.
/// </summary>
public static class RoomBoard
{
    public static async Task<List<RoomView>> ViewsAsync(EncoreDb db, Guid venue, TimeZoneInfo zone, IReadOnlyCollection<Guid>? only = null)
    {
        var rooms = db.Rooms.Where(r => r.VenueId == venue);
        if (only is not null) rooms = rooms.Where(r => only.Contains(r.Id));
        var rows = await (
                from r in rooms
                join c in db.RoomClaims.Where(c => c.ReleasedAt == null) on r.Id equals c.RoomId into claims
                from c in claims.DefaultIfEmpty()
                join b in db.Bookings on c.BookingId equals b.Id into bookings
                from b in bookings.DefaultIfEmpty()
                join s in db.RoomSessions on c.SessionId equals s.Id into sessions
                from s in sessions.DefaultIfEmpty()
                select new
                {
                    r.Id, r.Number, r.Type, r.Capacity, r.MinimumSpend, r.Area, r.State, r.StateSince, r.StateNote,
                    BookingId = c == null ? null : c.BookingId,
                    SessionId = c == null ? null : c.SessionId,
                    HoldUntil = b == null ? null : b.HoldUntil,
                    BookingStatus = b == null ? (BookingStatus?)null : b.Status,
                    PartySize = s != null ? s.PartySize : b != null ? b.PartySize : (int?)null,
                    ManagerId = s != null ? s.CreditedToId : b != null ? b.BookerId : (Guid?)null,
                })
            .ToListAsync();
        var managerIds = rows.Where(r => r.ManagerId is not null).Select(r => r.ManagerId!.Value).Distinct().ToList();
        var managers = await db.Users.Where(u => managerIds.Contains(u.Id))
            .Select(u => new { u.Id, Badge = u.UserName!, u.Name })
            .ToDictionaryAsync(u => u.Id);
        return rows
            .OrderBy(r => r.Number.Length).ThenBy(r => r.Number, StringComparer.Ordinal)
            .Select(r =>
            {
                var manager = r.ManagerId is { } m && managers.TryGetValue(m, out var found) ? found : null;
                return new RoomView(r.Number, r.Type, r.Capacity, r.MinimumSpend, r.Area, r.State, r.BookingId, manager?.Badge)
                {
                    ManagerName = manager?.Name,
                    SessionId = r.SessionId,
                    HoldUntil = r.HoldUntil is { } h ? TimeZoneInfo.ConvertTime(h, zone) : null,
                    GuestArrived = r.BookingStatus == BookingStatus.Arrived,
                    PartySize = r.PartySize,
                    StateNote = r.StateNote,
                    StateSince = r.StateSince is { } t ? TimeZoneInfo.ConvertTime(t, zone) : null,
                };
            })
            .ToList();
    }
}
