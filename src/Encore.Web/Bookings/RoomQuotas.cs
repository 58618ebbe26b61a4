using Encore.Web.Board;
using Encore.Web.Staff;
using Microsoft.AspNetCore.SignalR;

namespace Encore.Web.Data
{
    /// <summary>
    /// A floor manager's approval of rooms beyond a manager's quota for one night (issue 14). Kept, never changed:
    /// the audit log and the quota view both read it.
    /// </summary>
    public sealed class RoomQuotaGrant : IVenueOwned
    {
        public Guid Id { get; set; } = Ids.New();
        public Guid VenueId { get; set; }
        public DateOnly BusinessDay { get; set; }
        public Guid StaffId { get; set; }
        /// <summary>The type the extra rooms are for; null: any type.</summary>
        public RoomType? RoomType { get; set; }
        public int Rooms { get; set; }
        public string Reason { get; set; } = "";
        public Guid GrantedById { get; set; }
        public DateTimeOffset GrantedAt { get; set; }
    }

    internal sealed class RoomQuotaGrantConfiguration : IEntityTypeConfiguration<RoomQuotaGrant>
    {
        public void Configure(EntityTypeBuilder<RoomQuotaGrant> e)
        {
            e.ToTable("room_quota_grants");
            e.Property(x => x.Reason).HasMaxLength(200);
            e.HasIndex(x => new { x.VenueId, x.BusinessDay });
            e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}

namespace Encore.Web.Bookings
{
    /// <summary>One room type of a manager's quota tonight: the share, what a floor manager added, what was booked, what is left.</summary>
    public sealed record QuotaTypeView(RoomType RoomType, int Quota, int Granted, int Booked, int Left);

    /// <summary>
    /// A manager's quota tonight. <see cref="Left"/> is over all types: a booking without a room type uses any of it,
    /// one with a type needs that type left too.
    /// </summary>
    public sealed record ManagerQuotaView(string Badge, string Name, int Order, IReadOnlyList<QuotaTypeView> Types, int GrantedAny, int BookedAnyType, int Left)
    {
        [System.Text.Json.Serialization.JsonIgnore] public Guid StaffId { get; init; }
    }

    public sealed record UnbookedRoomsView(RoomType RoomType, int Rooms, int PreBooked, int Unbooked);

    /// <summary>GET /api/quotas: the night's split (once the pre-shift meeting has passed, when the house rule is on).</summary>
    public sealed record QuotasView(DateOnly BusinessDay, bool Enabled, DateTimeOffset SplitAt, bool Split,
        IReadOnlyList<UnbookedRoomsView> Rooms, IReadOnlyList<ManagerQuotaView> Managers, ManagerQuotaView? Mine);

    public sealed record GrantQuotaInput(string? Badge, RoomType? RoomType, int? Rooms, string? Reason);

    /// <summary>
    /// Room quotas (SPEC.md "Walk-in rotation": apart from pre-booked rooms, the remaining rooms may be shared evenly
    /// among the managers as their quota), when the house rule <c>bookings.roomQuotas</c> is on.
    /// <para>
    /// The split is computed, not stored, so it cannot drift from what it is made of: at the pre-shift meeting
    /// (<c>attendance.meetingAt</c>) of the night, each room type's rooms (out of service ones left out) less those
    /// pre-booked for the night (bookings made before the meeting and not cancelled by then, by their room type or
    /// the type of the room they hold) are divided evenly among the managers who joined the night's rotation by the
    /// meeting (the signed-in managers), in rotation order. Each gets the quotient; the remainder goes one room each
    /// to the next managers in rotation order, and the turn carries on from type to type (small, medium, large, VIP,
    /// party), so one manager does not collect every type's remainder.
    /// </para>
    /// <para>
    /// A booking for the night made after the meeting uses the booker's quota (cancelled ones give it back). Beyond
    /// the quota the booking is refused (409 naming the quota) until a floor manager approves more rooms for that
    /// manager (POST /api/quotas/grants: audited, live on the board and the manager's phone); the manager then books
    /// again. The simpler honest design of "live, like discounts": the approval is a decision a floor manager writes
    /// down, not a booking left waiting in limbo that holds nothing and misleads the guest.
    /// </para>
    /// </summary>
    public static class RoomQuotas
    {
        public static DateTimeOffset SplitAt(VenueNow at, DateOnly day) =>
            BusinessDay.At(day, at.Rules.Attendance.MeetingAt, at.Zone, at.Cutoff);

        public static async Task<QuotasView> ViewAsync(EncoreDb db, VenueNow at, DateOnly day, Guid? me)
        {
            var splitAt = SplitAt(at, day);
            var enabled = at.Rules.Bookings.RoomQuotas;
            if (!enabled || at.Now < splitAt) return new QuotasView(day, enabled, at.Local(splitAt), false, [], [], null);
            var venue = at.VenueId;
            var types = Enum.GetValues<RoomType>();

            var rooms = (await db.Rooms.Where(r => r.VenueId == venue && r.State != RoomState.OutOfService)
                    .GroupBy(r => r.Type).Select(g => new { Type = g.Key, Count = g.Count() }).ToListAsync())
                .ToDictionary(x => x.Type, x => x.Count);
            var nightBookings = await (from b in db.Bookings
                                       where b.VenueId == venue && b.BusinessDay == day
                                       join r in db.Rooms on b.RoomId equals r.Id into held
                                       from r in held.DefaultIfEmpty()
                                       select new { b.BookerId, b.CreatedAt, b.CancelledAt, b.Status, b.RoomType, HeldType = r == null ? (RoomType?)null : r.Type })
                .ToListAsync();
            var preBooked = nightBookings
                .Where(b => b.CreatedAt < splitAt && !(b.CancelledAt is { } c && c < splitAt) && (b.RoomType ?? b.HeldType) is not null)
                .GroupBy(b => (b.RoomType ?? b.HeldType)!.Value).ToDictionary(g => g.Key, g => g.Count());
            var unbooked = types.Select(t => new UnbookedRoomsView(t, rooms.GetValueOrDefault(t), preBooked.GetValueOrDefault(t),
                Math.Max(0, rooms.GetValueOrDefault(t) - preBooked.GetValueOrDefault(t)))).ToList();

            // Nobody takes a walk-in before the venue opens, so the queue at the meeting is the order of joining
            // (signing in). It is read from the join events, which never change, so the split stays the same all
            // night however the queue turns later; two joins in one instant (a seeded night) go by badge.
            var joins = await (from e in db.RotationEvents
                               where e.VenueId == venue && e.BusinessDay == day && e.Kind == "joined" && e.At <= splitAt
                               join s in db.Users on e.StaffId equals s.Id
                               select new { e.At, e.StaffId, Badge = s.UserName!, s.Name })
                .ToListAsync();
            var order = joins.OrderBy(j => j.At).ThenBy(j => j.Badge, StringComparer.Ordinal).DistinctBy(j => j.StaffId).ToList();

            var shares = Split(unbooked.Select(u => u.Unbooked).ToList(), order.Count);
            var grants = await db.RoomQuotaGrants.Where(g => g.VenueId == venue && g.BusinessDay == day)
                .Select(g => new { g.StaffId, g.RoomType, g.Rooms }).ToListAsync();
            var since = nightBookings.Where(b => b.CreatedAt >= splitAt && b.Status != BookingStatus.Cancelled).ToList();

            var managers = order.Select((m, i) =>
            {
                var mine = since.Where(b => b.BookerId == m.StaffId).ToList();
                var myGrants = grants.Where(g => g.StaffId == m.StaffId).ToList();
                var typed = types.Select((t, k) =>
                {
                    var granted = myGrants.Where(g => g.RoomType == t).Sum(g => g.Rooms);
                    var booked = mine.Count(b => b.RoomType == t);
                    return new QuotaTypeView(t, shares[k][i], granted, booked, Math.Max(0, shares[k][i] + granted - booked));
                }).ToList();
                var grantedAny = myGrants.Where(g => g.RoomType is null).Sum(g => g.Rooms);
                var bookedAny = mine.Count(b => b.RoomType is null);
                var left = Math.Max(0, typed.Sum(x => x.Quota + x.Granted) + grantedAny - mine.Count);
                return new ManagerQuotaView(m.Badge, m.Name, i + 1, typed, grantedAny, bookedAny, left) { StaffId = m.StaffId };
            }).ToList();
            return new QuotasView(day, true, at.Local(splitAt), true, unbooked, managers, managers.FirstOrDefault(m => m.StaffId == me));
        }

        /// <summary>
        /// Each type's rooms split among <paramref name="managers"/> in rotation order: the quotient each, the remainder
        /// one each to the next in turn, the turn carried from one type to the next. [type][manager].
        /// </summary>
        public static int[][] Split(IReadOnlyList<int> roomsByType, int managers)
        {
            var result = new int[roomsByType.Count][];
            var turn = 0;
            for (var k = 0; k < roomsByType.Count; k++)
            {
                result[k] = new int[managers];
                if (managers == 0) continue;
                var (each, rest) = (roomsByType[k] / managers, roomsByType[k] % managers);
                for (var i = 0; i < managers; i++)
                    result[k][i] = each + ((i - turn + managers) % managers < rest ? 1 : 0);
                turn = (turn + rest) % managers;
            }
            return result;
        }

        /// <summary>
        /// Null when the booker (<paramref name="bookerId"/>, badge <paramref name="bookerBadge"/>) may book one more room of <paramref name="type"/> for <paramref name="day"/>;
        /// otherwise the 409 naming their quota. Only tonight's bookings after the split count (a booking for another
        /// night is not shared out yet). Runs inside the booking's write transaction.
        /// </summary>
        public static async Task<IResult?> RefuseBeyondQuotaAsync(EncoreDb db, VenueNow at, Guid bookerId, string bookerBadge, RoomType? type, DateOnly day)
        {
            if (!at.Rules.Bookings.RoomQuotas || day != at.Today || at.Now < SplitAt(at, day)) return null;
            // Two bookings of one manager at once must not both take the last room of the quota. The booking's write
            // begins before the count (a booking takes its write turn at its first write: Writes.WritesFromFirstWrite):
            // on SQLite that is the write lock, which serializes them; on PostgreSQL, lock the booker's row until this
            // booking commits.
            await db.BeginWriteAsync();
            if (!db.IsSqlite)
                await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"AspNetUsers\" WHERE \"Id\" = {bookerId} FOR UPDATE");
            var view = await ViewAsync(db, at, day, bookerId);
            var mine = view.Mine;
            var typeLeft = type is { } t ? mine?.Types.Single(x => x.RoomType == t).Left ?? 0 : int.MaxValue;
            var left = mine?.Left ?? 0;
            if (left > 0 && typeLeft > 0) return null;
            var typeText = type is { } named ? Texts.Get("roomType." + named.ToString().ToLowerInvariant(), CultureInfo.CurrentUICulture) : Texts.Get("quota.anyType", CultureInfo.CurrentUICulture);
            var quota = type is { } q && mine is not null
                ? mine.Types.Single(x => x.RoomType == q) is var row ? row.Quota + row.Granted : 0
                : mine is null ? 0 : mine.Types.Sum(x => x.Quota + x.Granted) + mine.GrantedAny;
            return Problems.Rule(409, "booking.beyondQuota", bookerBadge, typeText, quota);
        }

        public static void QuotasChanged(this BoardNotifier board, Guid venue) =>
            board.Post(venue, live => live.Clients.Group(BoardHub.VenueGroup(venue)).SendAsync("quotasChanged", live.Ct));

        /// <summary>POST /api/quotas/grants (floor manager, GM): more rooms for one manager tonight, beyond their quota.</summary>
        public static async Task<IResult> GrantAsync(GrantQuotaInput input, HttpContext http, EncoreDb db, BoardNotifier board)
        {
            var at = await http.Caller().NowAsync();
            var v = new Validator()
                .Text("badge", input.Badge, 64)
                .Range("rooms", input.Rooms, 1, 50)
                .Text("reason", input.Reason, 200);
            v.Defined("roomType", input.RoomType);
            Guid? manager = null;
            if (!string.IsNullOrWhiteSpace(input.Badge))
            {
                manager = await CreateBooking.FindBookerIdAsync(db, at.VenueId, input.Badge.Trim());
                if (manager is null) v.Add("badge", "notAManager", input.Badge.Trim());
            }
            if (!v.Ok) return v.ToResult();
            if (!at.Rules.Bookings.RoomQuotas) return Problems.Rule(409, "quota.off");
            if (at.Now < SplitAt(at, at.Today)) return Problems.Rule(409, "quota.notSplitYet", at.HourMinute(SplitAt(at, at.Today)));
            var managerId = manager!.Value;
            if (managerId == http.User.StaffId()) return Problems.Rule(403, "approval.notYourOwn");

            AuditScope.Name(http, "quota.grant");
            db.RoomQuotaGrants.Add(new RoomQuotaGrant
            {
                VenueId = at.VenueId, BusinessDay = at.Today, StaffId = managerId, RoomType = input.RoomType, Rooms = input.Rooms!.Value,
                Reason = input.Reason!.Trim(), GrantedById = http.User.StaffId(), GrantedAt = at.Now,
            });
            await db.SaveChangesAsync();
            Writes.AfterCommit(() => board.QuotasChanged(at.VenueId));
            var view = await ViewAsync(db, at, at.Today, managerId);
            return Results.Created("/api/quotas", view.Mine);
        }

        public static void MapQuotasApi(this IEndpointRouteBuilder app)
        {
            var group = app.MapGroup("/api/quotas").WithTags("Bookings").RequireAuthorization();
            // The counts are no secret (no guest is named): the host desk's board shows every manager's, a phone its own.
            group.MapGet("/", async (HttpContext http, EncoreDb db, string? businessDay) =>
                {
                    var at = await http.Caller().NowAsync();
                    if (at.ParseDay("businessDay", businessDay, out var day) is { } refused) return refused;
                    return Results.Ok(await ViewAsync(db, at, day, http.User.StaffId()));
                })
                .Answers<QuotasView>().WithName("GetQuotas");
            group.MapPost("/grants", GrantAsync).Requires(Capability.DecideApprovals)
                .Answers<ManagerQuotaView>(StatusCodes.Status201Created).WithName("GrantQuota");
        }
    }
}
