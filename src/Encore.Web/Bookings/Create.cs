using Encore.Web.Staff;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Encore.Web.Bookings;

/// <summary>
/// POST /api/bookings. Arrival is read as text so that a bad value is named as "arrival" and a value without
/// an offset ("2026-11-20T20:30" or just "20:30" for tonight) is taken as the venue's local time.
/// </summary>
public sealed record CreateBookingInput(
    string? CustomerName, string? CustomerPhone, string? Arrival, int? PartySize, RoomType? RoomType, string? Note,
    string? BookerBadge, string? BookerDepartment, Guid? CustomerId, Guid? AccountId = null, Guid? PartnerId = null);

public static partial class CreateBooking
{
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no I, O, 0, 1: read out over the phone

    public static async Task<IResult> HandleAsync(CreateBookingInput input, HttpContext http, EncoreDb db,
        HouseRulesStore store, TimeProvider clock, Board.BoardNotifier board, Customers.PhoneProbeGuard guard, Rooms.LargestRooms largestRooms)
    {
        var user = http.User;
        var at = await http.Caller().NowAsync();
        // A booking for a corporate account (issue 20): its guest is the account's first contact unless one is named,
        // for whoever sees that contact's phone (the owner, the floor); anyone else names the guest.
        Account? account = null;
        if (input.AccountId is { } accountId)
        {
            account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId && a.VenueId == at.VenueId);
            if (account is not null && input.CustomerId is null && string.IsNullOrWhiteSpace(input.CustomerName) && string.IsNullOrWhiteSpace(input.CustomerPhone)
                && Accounts.AccountPipeline.SeesPhone(user, account) && await Accounts.Charges.FirstContactAsync(db, account.Id) is { } contact)
                input = input with { CustomerName = contact.Name, CustomerPhone = contact.Phone };
        }
        var v = new Validator()
            .Text("customerName", input.CustomerName, 50, required: input.CustomerId is null)
            .Text("note", input.Note, 500, required: false)
            .Range("partySize", input.PartySize, 1, Ranges.PartySizeMax);
        if (input.CustomerId is null) Customers.CustomerRules.Phone(v, "customerPhone", input.CustomerPhone);
        var arrival = ParseArrival(v, input.Arrival, at);
        v.Defined("roomType", input.RoomType);

        // The guest typed in (not picked by id): the files with their phone and those of their name are read with the booker,
        // each only once valid (PostgreSQL refuses a NUL in a text parameter with an error, not a refusal by name).
        var guest = input.CustomerId is null
            ? new Guest(Customers.CustomerRules.ValidPhone(input.CustomerPhone), v.Accepted("customerName") ? input.CustomerName?.Trim() : null)
            : Guest.None;

        // The booker: the caller when they keep customers, else the manager the host desk books for (found by badge
        // among those who keep customers). The booker is read with what may stop them and the guest's files, in one
        // statement.
        var callerBooks = user.Can(Capability.KeepCustomers);
        var bookerBadge = input.BookerBadge?.Trim();
        var forOther = !string.IsNullOrEmpty(bookerBadge) && bookerBadge != user.Badge();
        if (forOther && !user.Can(Capability.WorkDesk)) return Problems.Rule(403, "booking.onlyDeskBooksForOthers");
        var bookerId = forOther ? await FindBookerIdAsync(db, at.VenueId, bookerBadge!) : callerBooks ? user.StaffId() : null;
        var bookerState = bookerId is null ? null : await BookerStateAsync(db, bookerId.Value, at, guest);
        var booker = bookerState?.Staff;
        await CheckPartyFitsAsync(v, largestRooms, db, at.VenueId, input.PartySize);
        if (booker is null && forOther) v.Add("bookerBadge", "notAManager", bookerBadge!);
        else if (booker is null) v.Add("bookerBadge", "required");

        var department = string.IsNullOrWhiteSpace(input.BookerDepartment) ? booker?.Department : input.BookerDepartment.Trim();
        if (booker is not null) v.Text("bookerDepartment", department, 50);

        Customer? customer = null;
        if (input.CustomerId is { } customerId)
        {
            customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId && c.VenueId == at.VenueId);
            if (customer is null) v.Add("customerId", "unknown");
        }
        if (input.AccountId is not null && account is null) v.Add("accountId", "unknown");
        // The partner who brought the guest (issue 20): the rate in force now goes on the booking, so its commission never moves.
        Partner? partner = null;
        if (input.PartnerId is { } partnerId)
        {
            partner = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == partnerId && p.VenueId == at.VenueId);
            if (partner is null) v.Add("partnerId", "unknown");
            else if (!partner.Active) v.Add("partnerId", "partnerRetired", partner.Name);
        }
        if (!v.Ok) return v.ToResult();
        if (account is not null && await Accounts.Contracts.InForceAsync(db, at.VenueId, account.Id, at.DayOf(arrival!.Value)) is null)
            return Problems.Rule(409, "charge.noContract", account.Company, at.DayOf(arrival!.Value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        // SPEC.md "Attendance": late without a call-in suspends booking rights for the rest of the business day.
        if (bookerState!.SuspendedToday is { } suspension) return Problems.Rule(403, "booking.rightsSuspended", booker!.UserName, suspension);
        // SPEC.md "Attendance": a confirmed suspension (停职) refuses bookings for its house-rule days, naming its last day
        // (of those covering today, the one confirmed last ends last).
        if (bookerState.SuspensionConfirmed is { } suspendedFrom)
            return Problems.Rule(403, "booking.suspended", booker!.UserName, suspendedFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                AttendancePolicy.SuspendedThrough(suspendedFrom, at.Rules).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (await RoomQuotas.RefuseBeyondQuotaAsync(db, at, booker!.Id, booker.UserName, input.RoomType, at.DayOf(arrival!.Value)) is { } beyondQuota) return beyondQuota;

        // SPEC.md "Customer files": a phone on file belongs to its owner; a new phone is filed for the booker.
        var phone = customer?.Phone ?? guest.Phone!;
        var onFile = customer is not null ? Compiled.GuestFile.Of(customer) : bookerState.GuestFiles.SingleOrDefault(c => c.Phone == phone);
        if (onFile is not null && !await Customers.CustomerRules.MayBookAsync(db, onFile.Id, onFile.OwnerId, booker!.Id))
        {
            var owner = await db.Users.Where(s => s.Id == onFile.OwnerId).Select(s => s.UserName + " " + s.Name).SingleAsync();
            // A phone typed in is a question about whose it is (issue 12): audited and throttled per person. A
            // customer picked by id is not a guess.
            return input.CustomerId is null
                ? await guard.RefuseAsync(http, "customer.ownedByOther", phone, owner)
                : Problems.Rule(409, "customer.ownedByOther", owner);
        }

        var now = at.Now;
        var booking = new Booking
        {
            VenueId = at.VenueId,
            BusinessDay = at.DayOf(arrival!.Value),
            CustomerId = onFile?.Id,
            CustomerName = input.CustomerId is null ? input.CustomerName!.Trim() : onFile!.Name,
            CustomerPhone = phone,
            Arrival = arrival.Value,
            PartySize = input.PartySize!.Value,
            RoomType = input.RoomType,
            Note = input.Note?.Trim() ?? "",
            BookerId = booker!.Id,
            BookerDepartment = department!,
            AccountId = account?.Id,
            PartnerId = partner?.Id,
            PartnerRate = partner is null ? null : Accounts.PartnersApi.RateOf(partner, at),
            CreatedById = user.StaffId(),
            // 6 of 32 characters, 32^6 ≈ 1.07 billion codes: the unique index on (venue, code) is the check. A clash
            // refuses the insert, and the request is run again whole with a new code (Platform/Writes.cs), as for any lost
            // race. Reading first cost a statement per booking (issue 15) against a clash once in about 10,000 bookings
            // even with 100,000 on record.
            ConfirmationCode = NewCode(),
            HoldUntil = HoldPolicy.HoldUntil(arrival.Value, null, at.Rules),
            CreatedAt = now,
            UpdatedAt = now,
        };

        // A new phone is filed for the booker. Its flags (the same name on other files) are read before the write
        // begins, as the handler's other reads are (the endpoint takes its write turn at its first write); should
        // another booking file the same phone meanwhile, the unique index on (venue, phone) refuses this one, and the
        // request runs again and finds that file.
        var newFile = onFile is null;
        List<CustomerFlag> flags = [];
        if (newFile)
        {
            customer = new Customer { VenueId = at.VenueId, Name = booking.CustomerName, Phone = phone, OwnerId = booker.Id, Source = "booking", CreatedAt = now };
            Customers.CustomerRules.Index(customer);
            flags = Customers.CustomerFiles.DuplicateFlags(customer, bookerState.GuestFiles.Select(f => f.Filed));
            booking.CustomerId = customer.Id;
        }

        const string action = "booking.create";
        AuditScope.Name(http, action);
        // Only new rows, inserted by hand (issue 15): EF's change tracking and batch preparation took 0.9 ms of the 2.8 ms
        // a booking held SQLite's write turn. Every row gets the audit entry the audit interceptor would write, in the
        // same transaction (BulkInsert.AuditEntriesFor; BookingAuditTests compares them field by field). The statements,
        // the audit entries' JSON included, are built before the write begins, so the turn holds only their execution.
        var created = BookingQueries.NewEvent(booking, "created", user, now,
            booker.Id == user.StaffId() ? null : Customers.PhoneText.Say("bookingHistory.bookedFor", user.Badge(), booker.UserName));
        var audited = clock.GetUtcNow();
        List<BulkInsert.Statement> inserts =
        [
            .. newFile ? BulkInsert.Prepare(db, [customer!]) : [],
            .. BulkInsert.Prepare(db, flags),
            .. BulkInsert.Prepare(db, [booking]),
            .. BulkInsert.Prepare(db, [created]),
            .. BulkInsert.Prepare(db, [
                .. newFile ? BulkInsert.AuditEntriesFor(db, [customer!], user, action, audited) : [],
                .. BulkInsert.AuditEntriesFor(db, flags, user, action, audited),
                .. BulkInsert.AuditEntriesFor(db, [booking], user, action, audited),
                .. BulkInsert.AuditEntriesFor(db, [created], user, action, audited)]),
        ];
        await db.InsertAsLastWriteAsync(inserts);

        // The answer and the live event from what was just written: the booking has no room yet, and its customer's
        // owner is the file's (the booker's, when the file is new).
        var view = BookingQueries.View(booking, booker.UserName!, booker.Name, roomNumber: null, onFile?.OwnerId ?? customer!.OwnerId, at) with { AccountCompany = account?.Company, PartnerName = partner?.Name };
        board.BookingChanged(at.VenueId, booking.Id, view);
        return Results.Created($"/api/bookings/{booking.Id}", view.For(http.User, at));
    }

    /// <summary>A guest typed in: the phone (null unless valid) and the name, whose files a booking must know of.</summary>
    private sealed record Guest(string? Phone, string? Name)
    {
        public static readonly Guest None = new(null, null);
    }

    /// <summary>
    /// The booker, what may stop them booking today (Discipline/Suspensions.cs has the rule) and the guest's files, in
    /// one statement.
    /// </summary>
    private static async Task<Compiled.BookerState> BookerStateAsync(EncoreDb db, Guid staffId, VenueNow at, Guest guest)
    {
        Compiled.BookerState? state = null;
        await foreach (var row in Compiled.BookerWithGuestFiles.For(db)(db, staffId, at.VenueId, at.Today,
            Discipline.Suspensions.EarliestConfirmed(at.Today, at.Rules), guest.Phone, guest.Name))
        {
            state ??= row.State;
            if (row.GuestFile is { } file) state.GuestFiles.Add(file);
        }
        return state ?? throw new InvalidOperationException($"No staff member {staffId} to book for.");
    }

    /// <summary>A party no room of the venue holds cannot be seated (issue 13: 200 guests when the largest room holds 40). Also for a changed booking.</summary>
    public static async Task CheckPartyFitsAsync(Validator v, Rooms.LargestRooms largestRooms, EncoreDb db, Guid venue, int? partySize)
    {
        if (partySize is > 0 and <= Ranges.PartySizeMax && await largestRooms.OfAsync(db, venue) is { } largest && partySize > largest)
            v.Add("partySize", "aboveLargestRoom", largest);
    }

    /// <summary>The active member of the venue who keeps customers under this badge (whom the desk books for), if any.
    /// Only the id: a booking reads the rest of the row with the booker's state.</summary>
    public static Task<Guid?> FindBookerIdAsync(EncoreDb db, Guid venue, string badge)
    {
        var normalized = StaffDirectory.Normalize(badge);
        return db.Holding(venue, Capability.KeepCustomers).Where(s => s.NormalizedUserName == normalized && s.IsActive)
            .Select(s => (Guid?)s.Id).SingleOrDefaultAsync();
    }

    /// <summary>
    /// An arrival instant: ISO 8601 with offset; without one, local time at the venue; "HH:mm" alone is a
    /// time of tonight's business day (01:30 is after midnight).
    /// </summary>
    public static DateTimeOffset? ParseArrival(Validator v, string? text, VenueNow at)
    {
        var arrival = at.ParseInstant(v, "arrival", text);
        if (arrival is null) return null;
        // House rules: how far in the past an arrival may lie (a guest walking in "now" is booked a minute late) and
        // how far ahead a booking may be made.
        var rules = at.Rules.Bookings;
        if (arrival < at.Now.AddMinutes(-rules.ArrivalPastGraceMinutes)) { v.Add("arrival", "notInPast"); return null; }
        if (arrival > at.Now.AddDays(rules.MaxDaysAhead)) { v.Add("arrival", "maxDaysAhead", rules.MaxDaysAhead); return null; }
        // SPEC.md "Business day": the venue is open from opensAt to closesAt (19:30–02:00 by default). A guest cannot
        // arrive after closing (issue 13: 04:30 was accepted and held a room while the venue was shut). Arrivals
        // before opening stay accepted: the hold windows already treat them as early guests (held until 21:00) and
        // staff are in from the sign-in time, so "we open at 19:30" is the desk's word, not a refusal.
        var closing = ClosingOf(at.DayOf(arrival.Value), at);
        if (arrival >= closing) { v.Add("arrival", "afterClosing", at.Rules.BusinessDay.ClosesAt.ToString("HH:mm", CultureInfo.InvariantCulture)); return null; }
        return arrival;
    }

    /// <summary>The closing instant of a business day; a closing time at the cut-off itself means open until the day ends.</summary>
    private static DateTimeOffset ClosingOf(DateOnly day, VenueNow at) =>
        at.Rules.BusinessDay.ClosesAt == at.Cutoff
            ? BusinessDay.End(day, at.Zone, at.Cutoff)
            : BusinessDay.At(day, at.Rules.BusinessDay.ClosesAt, at.Zone, at.Cutoff);

    /// <summary>
    /// The questions every booking asks, compiled once (issue 15): EF otherwise walks and hashes each query's
    /// expression tree on every call to find its cached plan, which cost more CPU than SQLite spent answering.
    /// </summary>
    private static class Compiled
    {
        /// <summary>
        /// The booker; the note of today's lost booking rights (late without a call-in), if lost; the day the last
        /// standing suspension covering today was confirmed, if any; and the guest's files: the one with their phone, if
        /// on file (unique per venue), and those of their name, which a new file is checked against for duplicates. Six
        /// statements per booking before (issue 15); on PostgreSQL each was a round trip, and the server's work per
        /// booking followed its round trips.
        /// </summary>
        public sealed record BookerState(Booker Staff, string? SuspendedToday, DateOnly? SuspensionConfirmed)
        {
            /// <summary>Filled from the rows, not by the query: one list per state read.</summary>
            public List<GuestFile> GuestFiles { get; } = [];
        }

        /// <summary>
        /// What a booking uses of a guest's file: whose it is, and what a new file is compared with for duplicates. Not the
        /// whole row (issue 15): the notes, preferences, pinyin and the rest were read and built for each same-name file.
        /// </summary>
        public sealed record GuestFile(Guid Id, string Name, string Phone, string Company, Guid OwnerId)
        {
            public static GuestFile Of(Customer c) => new(c.Id, c.Name, c.Phone, c.Company, c.OwnerId);

            public Customers.CustomerFiles.Filed Filed => new(Id, new CustomerDuplicates.CustomerFile(Name, Phone, Company));
        }

        /// <summary>
        /// What a booking needs of its booker: not the whole staff row, which holds the password hash and the other
        /// sign-in columns, and whose construction (Identity's concurrency stamp) draws a new Guid from /dev/urandom at
        /// every row read, once per guest file (issue 15).
        /// </summary>
        public sealed record Booker(Guid Id, string UserName, string Name, string Department);

        /// <summary>One row per guest file (one row with none when there is none), the booker's state repeated on each.</summary>
        public sealed record BookerRow(BookerState State, GuestFile? GuestFile);

        // Not tracked: the booker and the guest's files are read, never changed, by a booking. A LEFT JOIN of the files,
        // not a collection in the projection: that needs a lateral join (APPLY), which SQLite does not have. The booker's
        // subqueries name the parameter, not the joined row (s.Id): uncorrelated, each runs once per statement (an InitPlan on
        // PostgreSQL) instead of once per guest file row.
        public static readonly CompiledQuery<Func<EncoreDb, Guid, Guid, DateOnly, DateOnly, string?, string?, IAsyncEnumerable<BookerRow>>> BookerWithGuestFiles = new(() =>
            EF.CompileAsyncQuery((EncoreDb db, Guid id, Guid venue, DateOnly today, DateOnly earliestConfirmed, string? phone, string? name) =>
                from s in db.Users.AsNoTracking().Where(s => s.Id == id)
                from c in db.Customers.AsNoTracking().Where(c => c.VenueId == venue && (c.Phone == phone || c.Name == name)).DefaultIfEmpty()
                select new BookerRow(new BookerState(new Booker(s.Id, s.UserName!, s.Name, s.Department),
                    db.AttendanceDays.Where(d => d.StaffId == id && d.BusinessDay == today && d.BookingSuspended).Select(d => d.Note).FirstOrDefault(),
                    db.Violations.Where(Discipline.Suspensions.Standing)
                        .Where(v => v.VenueId == venue && v.StaffId == id && v.ConfirmedDay >= earliestConfirmed && v.ConfirmedDay <= today)
                        .Max(v => v.ConfirmedDay)),
                    c == null ? null : new GuestFile(c.Id, c.Name, c.Phone, c.Company, c.OwnerId))));
    }

    private static string NewCode() => RandomNumberGenerator.GetString(CodeAlphabet, 6);


}
