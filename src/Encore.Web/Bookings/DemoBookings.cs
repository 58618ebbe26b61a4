namespace Encore.Web.Bookings;

/// <summary>
/// The demo venue's history: 30 past nights of sign-ins, bookings (most completed with a bill, some lapsed, some
/// cancelled by their booker, a few late arrivals), walk-ins given round the rotation, signed performance cards
/// and the approvals of generous bills; and tonight's board (bookings waiting, rooms reserved, walk-ins in rooms,
/// one room under repair, the managers signed in so far), all relative to the clock at seeding time.
/// </summary>
public static class DemoBookings
{
    private const int PastNights = 30;
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static void Add(EncoreDb db, Guid venueId, IReadOnlyList<Room> rooms, IReadOnlyList<StaffMember> managers,
        IReadOnlyList<Customer> customers, StaffMember host, DateTimeOffset now, Random random)
    {
        var rules = Domain.HouseRules.Defaults;
        var zone = BusinessDay.FindZone(rules.BusinessDay.TimeZone);
        var cutoff = rules.BusinessDay.Cutoff;
        var today = BusinessDay.Of(now, zone, cutoff);
        var codes = new HashSet<string>();
        // Own lists rather than DbSet.Local: Local runs change detection over thousands of rows on every read.
        var sessions = new List<RoomSession>();
        var byOwner = customers.GroupBy(c => c.OwnerId).ToDictionary(g => g.Key, g => g.ToList());

        string Code()
        {
            string code;
            do code = new string(Enumerable.Range(0, 6).Select(_ => CodeAlphabet[random.Next(CodeAlphabet.Length)]).ToArray());
            while (!codes.Add(code));
            return code;
        }

        Booking NewBooking(DateOnly day, DateTimeOffset arrival, DateTimeOffset created)
        {
            var manager = managers[random.Next(managers.Count)];
            var customer = byOwner[manager.Id][random.Next(byOwner[manager.Id].Count)];
            var booking = new Booking
            {
                VenueId = venueId, BusinessDay = day, CustomerId = customer.Id, CustomerName = customer.Name, CustomerPhone = customer.Phone,
                Arrival = arrival, PartySize = random.Next(2, 16), BookerId = manager.Id, BookerDepartment = manager.Department,
                CreatedById = manager.Id, ConfirmationCode = Code(), CreatedAt = created, UpdatedAt = created,
                HoldUntil = HoldPolicy.HoldUntil(arrival, null, rules),
            };
            db.Bookings.Add(booking);
            Event(booking, "created", manager.UserName!, manager.Id, created, null);
            return booking;
        }

        // The demo's history, notes and evidence are written as the system writes them: messages read in each reader's language.
        void Event(Booking booking, string kind, string badge, Guid? actor, DateTimeOffset at, string? room, Customers.PhoneText? detail = null)
        {
            db.BookingEvents.Add(new BookingEvent
            {
                VenueId = venueId, BookingId = booking.Id, At = at, ActorId = actor, ActorBadge = badge, Kind = kind,
                Status = booking.Status, RoomNumber = room, Detail = detail?.Masked ?? "", DetailPhones = detail?.Json,
            });
            booking.UpdatedAt = at;
        }

        void Assign(Booking booking, Room room, DateTimeOffset at)
        {
            booking.Status = BookingStatus.Assigned;
            booking.RoomId = room.Id;
            booking.AssignedAt = at;
            booking.HoldUntil = HoldPolicy.HoldUntil(booking.Arrival, at, rules);
            Event(booking, "assigned", host.UserName!, host.Id, at, room.Number);
        }

        RoomSession Session(Room room, DateOnly day, Guid? credited, Guid? bookingId, int party, DateTimeOffset opened, DateTimeOffset? closed)
        {
            var session = new RoomSession
            {
                VenueId = venueId, RoomId = room.Id, BookingId = bookingId, WalkIn = bookingId is null, PartySize = party,
                CreditedToId = credited, BusinessDay = day, OpenedAt = opened, OpenedById = host.Id,
            };
            if (closed is { } end)
            {
                var spend = Math.Max(room.MinimumSpend, random.Next(60, 1200) * 10m);
                // Mostly within a manager's 10%; now and then beyond it, with an approval (below).
                var discount = random.Next(4) == 0 ? decimal.Round(spend * random.Next(1, 16) / 100m, 0) : 0m;
                var comps = random.Next(3) == 0 ? new[] { new { item = "果盘", value = 88m } } : [];
                session.ClosedAt = end;
                session.ClosedById = host.Id;
                session.Spend = spend;
                session.Discount = discount;
                session.CompsValue = comps.Sum(c => c.value);
                session.Comps = JsonSerializer.Serialize(comps);
            }
            db.RoomSessions.Add(session);
            sessions.Add(session);
            return session;
        }

        var floorManager = db.Users.Local.First(u => u.UserName == "fm01");
        var generalManager = db.Users.Local.First(u => u.UserName == "gm01");
        var entries = new Dictionary<(DateOnly, Guid), RotationEntry>();

        // Managers sign in before the night and join its rotation in that order (SPEC.md "Walk-in rotation").
        List<Domain.Rotation.Member> SignIn(DateOnly day, DateTimeOffset latest)
        {
            var queue = new List<Domain.Rotation.Member>();
            var signedIn = new List<(Domain.Rotation.Member Member, DateTimeOffset At)>();
            var signInBy = BusinessDay.At(day, rules.Attendance.SignInBy, zone, cutoff);
            foreach (var m in managers.OrderBy(_ => random.Next()))
            {
                if (random.Next(20) == 0)
                {
                    // Off that night without leave: absent (旷工), as the nightly check records it.
                    if (day < today)
                    {
                        var absent = new AttendanceDay { VenueId = venueId, StaffId = m.Id, BusinessDay = day, Absent = true };
                        var noSignIn = Customers.PhoneText.Say("attendance.note.noSignIn");
                        Attendance.AttendanceDays.Note(absent, noSignIn);
                        db.AttendanceDays.Add(absent);
                        Fine(m.Id, SystemViolation.Absent.Code(), rules.Attendance.AbsentFineMin, day, BusinessDay.End(day, zone, cutoff), noSignIn, null);
                    }
                    continue;
                }
                var at = signInBy.AddMinutes(random.Next(-25, random.Next(8) == 0 ? 20 : 1));
                if (at > latest) continue;
                var late = at > signInBy;
                var calledIn = late && random.Next(2) == 0;
                var row = new AttendanceDay
                {
                    VenueId = venueId, StaffId = m.Id, BusinessDay = day, SignedInAt = at, Late = late,
                    CalledInAt = calledIn ? signInBy.AddMinutes(-40) : null, CallInReason = calledIn ? "堵车" : "",
                    NoPay = late && !calledIn, BookingSuspended = late && !calledIn, PerformanceCancelled = late && !calledIn,
                };
                db.AttendanceDays.Add(row);
                // Late after a call-in is recorded without a fine (SPEC.md: only lateness without reason, 无故迟到, is fined).
                if (late)
                {
                    string Clock(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, zone).ToString("HH:mm", CultureInfo.InvariantCulture);
                    Attendance.AttendanceDays.Note(row, Customers.PhoneText.Say(calledIn ? "attendance.note.lateCalledIn" : "attendance.note.lateNoCallIn", Clock(at)));
                    if (!calledIn) Fine(m.Id, SystemViolation.Late.Code(), rules.Attendance.LateFineMin, day, at, Customers.PhoneText.Say("fines.evidence.late", Clock(at), Clock(signInBy),
                        Customers.PhoneText.Say("fines.evidence.late.noCallIn")), null);
                }
                // Late without a call-in: tonight's booking rights are lost, so the rotation passes them by.
                signedIn.Add((new Domain.Rotation.Member(m.UserName!, 0, late && !calledIn ? Domain.Rotation.Unavailable.LateNoCallIn : null), at));
            }
            var order = signedIn.OrderBy(x => x.At).ToList();
            queue = order.Select((x, i) => x.Member with { Position = i + 1 }).ToList();
            foreach (var (member, at) in order)
            {
                var entry = new RotationEntry { VenueId = venueId, BusinessDay = day, StaffId = Manager(member.Badge).Id, Position = queue.Single(q => q.Badge == member.Badge).Position };
                entries[(day, entry.StaffId)] = entry;
                db.RotationEntries.Add(entry);
                db.RotationEvents.Add(new RotationEvent { VenueId = venueId, BusinessDay = day, At = at, Kind = "joined", StaffId = Manager(member.Badge).Id, ActorId = Manager(member.Badge).Id });
            }
            return queue;
        }

        StaffMember Manager(string badge) => managers.First(m => m.UserName == badge);

        // Evidence typed by a person is a string (kept as typed), the system's a message.
        Violation Fine(Guid staffId, string type, decimal amount, DateOnly day, DateTimeOffset at, object evidence, Guid? raisedBy, ViolationStatus status = ViolationStatus.Confirmed)
        {
            var said = evidence as Customers.PhoneText;
            var v = new Violation
            {
                VenueId = venueId, StaffId = staffId, Kind = type, Amount = amount, IncidentFine = amount, BusinessDay = day, At = at,
                RaisedById = raisedBy, Evidence = said?.Masked ?? (string)evidence, EvidencePhones = said?.Json, Status = status,
                ConfirmedDay = ViolationTransitions.Stands(status) ? day : null,
            };
            v.IncidentId = v.Id;
            db.Violations.Add(v);
            return v;
        }

        /// <summary>The next walk-in of the night, given by the rotation as the live desk would.</summary>
        Guid? GiveWalkIn(DateOnly day, List<Domain.Rotation.Member> queue, Room room, Guid sessionId, DateTimeOffset at)
        {
            var pick = Domain.Rotation.Next(queue);
            if (pick is null) return null;
            var order = string.Join(",", queue.OrderBy(q => q.Position).Select(q => q.Badge));
            var i = queue.FindIndex(q => q.Badge == pick.Chosen.Badge);
            queue[i] = queue[i] with { Position = pick.NewPosition };
            var id = Manager(pick.Chosen.Badge).Id;
            entries[(day, id)].Position = pick.NewPosition;
            db.RotationEvents.Add(new RotationEvent { VenueId = venueId, BusinessDay = day, At = at, Kind = "assigned", StaffId = id, RoomNumber = room.Number, SessionId = sessionId, ActorId = host.Id, Queue = order });
            return id;
        }

        for (var back = PastNights; back >= 1; back--)
        {
            var day = today.AddDays(-back);
            var pool = new Queue<Room>(rooms.OrderBy(_ => random.Next()));
            var rotation = SignIn(day, now);
            var count = random.Next(18, 32);
            for (var i = 0; i < count && pool.Count > 2; i++)
            {
                var arrival = BusinessDay.At(day, new TimeOnly(19, 30).AddMinutes(15 * random.Next(0, 17)), zone, cutoff);
                var booking = NewBooking(day, arrival, arrival.AddHours(-random.Next(1, 48)));
                var roll = random.NextDouble();
                if (roll < 0.10)
                {
                    booking.Status = BookingStatus.Cancelled;
                    booking.CancelledAt = booking.CreatedAt.AddMinutes(random.Next(10, 60));
                    booking.CancelReason = "客人改期";
                    Event(booking, "cancelledByBooker", managers.First(m => m.Id == booking.BookerId).UserName!, booking.BookerId, booking.CancelledAt.Value, null, Customers.PhoneText.Of(booking.CancelReason));
                    continue;
                }
                var first = pool.Dequeue();
                Assign(booking, first, arrival.AddMinutes(-30));
                var claim = new RoomClaim { VenueId = venueId, RoomId = first.Id, BookingId = booking.Id, From = booking.AssignedAt!.Value };
                db.RoomClaims.Add(claim);
                var room = first;
                if (roll < 0.25)
                {
                    booking.Status = BookingStatus.Lapsed;
                    claim.ReleasedAt = booking.HoldUntil;
                    Event(booking, "lapsed", "system", null, booking.HoldUntil!.Value, first.Number);
                    if (roll >= 0.20) continue; // the guest never came
                    // A late guest, verified and given another room, still credited to the booker.
                    room = pool.Dequeue();
                    var late = booking.HoldUntil!.Value.AddMinutes(random.Next(5, 40));
                    claim = new RoomClaim { VenueId = venueId, RoomId = room.Id, BookingId = booking.Id, From = late };
                    db.RoomClaims.Add(claim);
                    booking.RoomId = room.Id;
                    booking.AssignedAt = late;
                    booking.Status = BookingStatus.Arrived;
                    booking.ArrivedAt = late;
                    booking.HoldUntil = null;
                    Event(booking, "lateArrival", host.UserName!, host.Id, late, room.Number, Customers.PhoneText.Say("bookingHistory.verifiedByCode"));
                }
                else
                {
                    booking.Status = BookingStatus.Arrived;
                    booking.ArrivedAt = arrival.AddMinutes(random.Next(-10, 15));
                    booking.HoldUntil = null;
                    Event(booking, "arrived", host.UserName!, host.Id, booking.ArrivedAt.Value, null, Customers.PhoneText.Say("bookingHistory.verifiedByNameAndPhone"));
                }
                var opened = booking.ArrivedAt!.Value.AddMinutes(2);
                var closed = opened.AddMinutes(random.Next(120, 300));
                var session = Session(room, day, booking.BookerId, booking.Id, booking.PartySize, opened, closed);
                claim.SessionId = session.Id;
                claim.ReleasedAt = closed;
                Event(booking, "opened", host.UserName!, host.Id, opened, room.Number);
                booking.Status = BookingStatus.Completed;
                Event(booking, "completed", host.UserName!, host.Id, closed, room.Number, Customers.PhoneText.Say("bookingHistory.spend", session.Spend));
            }

            // Walk-ins of the night, given round the rotation.
            var walkIns = random.Next(6, 14);
            for (var w = 0; w < walkIns && pool.Count > 0; w++)
            {
                var room = pool.Dequeue();
                var opened = BusinessDay.At(day, new TimeOnly(20, 0).AddMinutes(12 * w + random.Next(0, 10)), zone, cutoff);
                var closed = opened.AddMinutes(random.Next(90, 240));
                var session = Session(room, day, null, null, random.Next(2, 10), opened, closed);
                session.CreditedToId = GiveWalkIn(day, rotation, room, session.Id, opened);
                db.RoomClaims.Add(new RoomClaim { VenueId = venueId, RoomId = room.Id, SessionId = session.Id, From = opened, ReleasedAt = closed });
            }

            // Most managers sign their card the next afternoon; a few forget (and those days do not count).
            var credited = sessions.Where(x => x.BusinessDay == day && x.CreditedToId != null)
                .GroupBy(x => x.CreditedToId!.Value).ToList();
            foreach (var card in credited)
            {
                if (random.Next(12) == 0) continue;
                var signedAt = BusinessDay.At(day.AddDays(1), new TimeOnly(14, 0), zone, cutoff).AddMinutes(random.Next(0, 300));
                if (signedAt > now) continue;
                db.PerformanceCards.Add(new PerformanceCard
                {
                    VenueId = venueId, StaffId = card.Key, BusinessDay = day, SignedAt = signedAt,
                    SignedSpend = card.Where(x => x.ClosedAt != null).Sum(x => x.Spend), SignedRooms = card.Count(x => x.ClosedAt != null),
                });
            }

            // Now and then a guest complains; some fines are appealed, and the GM decides.
            if (random.Next(4) == 0)
            {
                var offender = managers[random.Next(managers.Count)];
                var complaint = Fine(offender.Id, "complaint", 300, day, BusinessDay.At(day, new TimeOnly(23, 30), zone, cutoff), "客人投诉服务态度", floorManager.Id);
                if (random.Next(2) == 0)
                {
                    complaint.AppealReason = "客人误会，已当面道歉";
                    complaint.AppealedAt = complaint.At.AddHours(12);
                    complaint.Status = random.Next(2) == 0 ? ViolationStatus.Upheld : ViolationStatus.Overturned;
                    complaint.Decision = complaint.Status == ViolationStatus.Upheld ? "投诉属实" : "核实为误会";
                    complaint.DecidedById = generalManager.Id;
                    complaint.DecidedAt = complaint.At.AddDays(1);
                }
            }

            // A generous bill now and then went through an approval by the floor manager.
            foreach (var generous in sessions.Where(x => x.BusinessDay == day && x.Spend > 0 && x.Discount / x.Spend > rules.Authority.Manager.MaxDiscountRate && x.ApprovalId is null).ToList())
            {
                var approval = new Approval
                {
                    VenueId = venueId, RoomId = generous.RoomId, SessionId = generous.Id, RequestedById = generous.CreditedToId ?? host.Id,
                    ExpectedSpend = generous.Spend, Discount = generous.Discount, CompsValue = generous.CompsValue, Comps = generous.Comps,
                    Reason = "老客户", Status = ApprovalStatus.Used, DecidedById = floorManager.Id,
                    DecidedAt = generous.ClosedAt!.Value.AddMinutes(-10), DecisionNote = "同意", CreatedAt = generous.ClosedAt!.Value.AddMinutes(-15),
                };
                db.Approvals.Add(approval);
                generous.ApprovalId = approval.Id;
            }
        }

        // Tonight: managers who have signed in by now stand in the rotation; walk-ins below are given round it.
        var tonightRotation = BusinessDay.SinceCutoff(TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime), cutoff)
                              >= BusinessDay.SinceCutoff(rules.Attendance.SignInBy, cutoff).Subtract(TimeSpan.FromMinutes(30))
            ? SignIn(today, now)
            : [];

        // Tonight: what the board shows when the demo starts, if the night is not yet over.
        var tonightPool = new Queue<Room>(rooms.Where(r => r.Number != "115").OrderBy(_ => random.Next()));
        var repair = rooms.First(r => r.Number == "115");
        repair.State = RoomState.OutOfService;
        repair.StateSince = now.AddHours(-3);
        var firstArrival = BusinessDay.At(today, new TimeOnly(19, 30), zone, cutoff);
        var start = now > firstArrival ? now : firstArrival;
        start = start.AddMinutes(30 - start.Minute % 15);
        for (var i = 0; i < 10; i++)
        {
            var arrival = start.AddMinutes(15 * i);
            if (BusinessDay.Of(arrival, zone, cutoff) != today || BusinessDay.SinceCutoff(TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(arrival, zone).DateTime), cutoff) > TimeSpan.FromHours(18)) break;
            var booking = NewBooking(today, arrival, now.AddMinutes(-random.Next(20, 300)));
            if (i % 2 == 0)
            {
                var room = tonightPool.Dequeue();
                Assign(booking, room, now.AddMinutes(-random.Next(1, 15)));
                db.RoomClaims.Add(new RoomClaim { VenueId = venueId, RoomId = room.Id, BookingId = booking.Id, From = booking.AssignedAt!.Value });
                room.State = RoomState.Reserved;
                room.StateSince = booking.AssignedAt;
            }
        }
        if (now >= firstArrival && BusinessDay.Of(now, zone, cutoff) == today)
        {
            for (var i = 0; i < 4; i++)
            {
                var room = tonightPool.Dequeue();
                var session = Session(room, today, null, null, random.Next(2, 10), now.AddMinutes(-random.Next(10, 90)), null);
                session.CreditedToId = GiveWalkIn(today, tonightRotation, room, session.Id, session.OpenedAt);
                db.RoomClaims.Add(new RoomClaim { VenueId = venueId, RoomId = room.Id, SessionId = session.Id, From = session.OpenedAt });
                room.State = RoomState.Occupied;
                room.StateSince = session.OpenedAt;
            }
            var cleaning = tonightPool.Dequeue();
            cleaning.State = RoomState.Cleaning;
            cleaning.StateSince = now.AddMinutes(-5);
        }
    }
}
