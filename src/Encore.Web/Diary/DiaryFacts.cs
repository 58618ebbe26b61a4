using Phones = Encore.Web.Customers.CustomerRules;

namespace Encore.Web.Diary;

/// <summary>A booked or credited room of the night with its spend (0 until the bill is closed).</summary>
public sealed record BookedCustomer(string Name, decimal Spend, string RoomNumber, bool WalkIn, bool Closed, Guid? CustomerId = null);

/// <summary>A comp given in one of the manager's rooms (fruit plate, snacks, tickets).</summary>
public sealed record GivenComp(string Item, decimal Value, string RoomNumber);

/// <summary>A customer the manager filed that night; the phone as the reader may see it (the owner and the floor in full).</summary>
public sealed record NewCustomer(Guid CustomerId, string Name, string Phone);

/// <summary>A return visit the manager made that night and what the customer said.</summary>
public sealed record DiaryReturnVisit(Guid CustomerId, string CustomerName, string Reason, string Channel, string Outcome, int? Satisfaction);

/// <summary>A complaint of the night about the manager's rooms or naming them.</summary>
public sealed record DiaryComplaint(Guid Id, ComplaintCategory Category, ComplaintStatus Status, string? RoomNumber, string Description);

/// <summary>
/// What Encore already knows of a manager's night (SPEC.md "Daily work diary": booked customers with their spend,
/// comps given, new customers met, customers' feedback from return visits, complaints about their rooms). Kept as
/// JSON in a submitted diary; names and phones are looked up again at reading time (<see cref="ForReader"/>), so a
/// customer file handed over or erased later reads as the customer rules say today.
/// </summary>
public sealed record DiaryFacts(
    List<BookedCustomer> BookedCustomers, List<GivenComp> Comps, List<NewCustomer> NewCustomers,
    List<DiaryReturnVisit> ReturnVisits, List<DiaryComplaint> Complaints)
{
    public decimal Spend => BookedCustomers.Where(b => b.Closed).Sum(b => b.Spend);
    public int Rooms => BookedCustomers.Count;

    private sealed record CompLine(string? Item, decimal? Value);

    /// <summary>The night of <paramref name="staffId"/> as the database holds it now.</summary>
    public static async Task<DiaryFacts> GatherAsync(EncoreDb db, VenueNow at, Guid staffId, DateOnly day)
    {
        var sessions = await (from s in db.RoomSessions
                              join r in db.Rooms on s.RoomId equals r.Id
                              join b in db.Bookings on s.BookingId equals b.Id into bookings
                              from b in bookings.DefaultIfEmpty()
                              where s.VenueId == at.VenueId && s.BusinessDay == day && (s.CreditedToId == staffId || (b != null && b.BookerId == staffId))
                              orderby s.OpenedAt
                              select new { s.Spend, s.Comps, s.CreditedToId, s.ClosedAt, s.WalkIn, Room = r.Number, Name = b == null ? null : b.CustomerName, CustomerId = b == null ? null : b.CustomerId })
            .ToListAsync();
        var booked = sessions.Select(s => new BookedCustomer(s.Name ?? "", s.ClosedAt is null ? 0 : s.Spend, s.Room, s.WalkIn, s.ClosedAt is not null, s.CustomerId)).ToList();
        // Comps count for the manager the room is credited to: they gave them.
        var comps = sessions.Where(s => s.CreditedToId == staffId)
            .SelectMany(s => (JsonSerializer.Deserialize<List<CompLine>>(s.Comps, EncoreJson.Options) ?? [])
                .Select(c => new GivenComp(c.Item ?? "", c.Value ?? 0, s.Room)))
            .ToList();
        var start = BusinessDay.Start(day, at.Zone, at.Cutoff);
        var end = BusinessDay.End(day, at.Zone, at.Cutoff);
        var filed = await db.Customers.Where(c => c.VenueId == at.VenueId && c.OwnerId == staffId && c.CreatedAt >= start && c.CreatedAt < end && c.ErasedAt == null)
            .OrderBy(c => c.CreatedAt).Select(c => new NewCustomer(c.Id, c.Name, c.Phone)).ToListAsync();
        var visits = await (from v in db.ReturnVisits
                            join c in db.Customers on v.CustomerId equals c.Id
                            where v.VenueId == at.VenueId && v.OwnerId == staffId && v.DoneAt >= start && v.DoneAt < end
                            orderby v.DoneAt
                            select new DiaryReturnVisit(c.Id, c.Name, v.Reason, v.Channel, v.Outcome, v.Satisfaction)).ToListAsync();
        var complaints = await (from c in db.Complaints
                                join r in db.Rooms on c.RoomId equals r.Id into rooms
                                from r in rooms.DefaultIfEmpty()
                                where c.VenueId == at.VenueId && c.BusinessDay == day
                                      && (c.ManagerId == staffId || db.ComplaintStaff.Any(s => s.ComplaintId == c.Id && s.StaffId == staffId))
                                orderby c.CreatedAt
                                select new DiaryComplaint(c.Id, c.Category, c.Status, r == null ? null : r.Number, c.Description)).ToListAsync();
        return new DiaryFacts(booked, comps, filed, visits, complaints);
    }

    /// <summary>
    /// The facts as <paramref name="reader"/> may read them: each customer's name as the file holds it now (an erased
    /// file's is gone), a new customer's phone in full for its owner and the floor, masked for anyone else.
    /// </summary>
    public async Task<DiaryFacts> ForReaderAsync(EncoreDb db, ClaimsPrincipal reader)
    {
        var ids = BookedCustomers.Select(b => b.CustomerId).OfType<Guid>().Concat(NewCustomers.Select(n => n.CustomerId))
            .Concat(ReturnVisits.Select(v => v.CustomerId)).Distinct().ToList();
        var files = ids.Count == 0 ? [] : await db.Customers.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
        string NameOf(Guid? id, string stored) => id is { } i && files.TryGetValue(i, out var c) ? c.Name : stored;
        return new DiaryFacts(
            BookedCustomers.Select(b => b with { Name = NameOf(b.CustomerId, b.Name) }).ToList(),
            Comps,
            NewCustomers.Where(n => files.TryGetValue(n.CustomerId, out var c) && c.ErasedAt is null).Select(n =>
            {
                var c = files[n.CustomerId];
                return new NewCustomer(c.Id, c.Name, Phones.SeesPhone(reader, c) ? c.Phone : Phones.Mask(c.Phone));
            }).ToList(),
            ReturnVisits.Select(v => v with { CustomerName = NameOf(v.CustomerId, v.CustomerName) }).ToList(),
            Complaints);
    }
}
