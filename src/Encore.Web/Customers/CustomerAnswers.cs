namespace Encore.Web.Customers;

// The answers of the customer routes, named so that /openapi/v1.json describes them (they were anonymous objects;
// the JSON is the same).

/// <summary>GET /api/customers?q=: a search hit; the phone in full only on the caller's own files.</summary>
public sealed record CustomerSearchHit(Guid Id, string Name, string Phone, bool PhoneMasked, string OwnerBadge, string OwnerName, string Company, DateOnly? Birthday);

/// <summary>GET /api/customers/mine: one of the caller's own files, to book for (the phone in full: it is theirs).</summary>
public sealed record OwnCustomer(Guid Id, string Name, string Phone, string Company);

public sealed record CustomerFlagView(Guid Id, Guid CustomerId, string Name, string Phone, Guid OtherCustomerId, string OtherName, string OtherPhone, string Reason, DateTimeOffset CreatedAt)
{
    public CustomerFlagStatus Status { get; init; }

    /// <summary>How a floor manager may close the flag (dismiss, merge), by status.</summary>
    public IReadOnlyList<CustomerFlagAction> AllowedActions => CustomerFlagTransitions.Offered(Status);
}

public sealed record CustomerFlagClosed(Guid Id, CustomerFlagStatus Status)
{
    public IReadOnlyList<CustomerFlagAction> AllowedActions => CustomerFlagTransitions.Offered(Status);
}

public sealed record ConsentGiven(Guid CustomerId, string ToBadge);

/// <summary>POST /api/customers/handover: how many files each chosen manager received.</summary>
public sealed record HandoverShare(string ToBadge, int Customers);

public sealed record VipArrival(Guid BookingId, Guid CustomerId, string Name, string VipLevel, DateTimeOffset Arrival, BookingStatus Status, string? BookerBadge);

public sealed record BirthdayToday(Guid CustomerId, string Name, string VipLevel, string? OwnerBadge);

public sealed record CustomersToday(DateOnly BusinessDay, IEnumerable<VipArrival> VipArrivals, IEnumerable<BirthdayToday> Birthdays);

public sealed record HistoryTotals(int Visits, decimal Spend, decimal Comps, decimal Discounts);

public sealed record HistoryVisit(DateOnly BusinessDay, string Room, DateTimeOffset? OpenedAt, DateTimeOffset? ClosedAt, decimal Spend, decimal Discount,
    decimal CompsValue, JsonElement Comps, string? CreditedBadge);

public sealed record HistoryBooking(Guid Id, DateOnly BusinessDay, DateTimeOffset? Arrival, BookingStatus Status, string? BookerBadge, string? CreatedBy, int PartySize);

public sealed record HistoryReturnVisit(Guid Id, string Reason, DateOnly DueDay, DateTimeOffset? DoneAt, string Channel, string Outcome, int? Satisfaction, string? OwnerBadge);

public sealed record HistoryContact(DateTimeOffset? At, string Channel, string Outcome, string? StaffBadge);

public sealed record HistoryHandover(DateTimeOffset? At, string? From, string? To, string? By, string Reason);

public sealed record HistoryConsent(DateTimeOffset? At, string? To, string? By, string Reason);

/// <summary>GET /api/customers/{id}/history: the whole story of one customer.</summary>
public sealed record CustomerHistory(Guid CustomerId, string Name, string? OwnerBadge, string VipLevel, HistoryTotals Totals,
    IEnumerable<HistoryVisit> Visits, IEnumerable<HistoryBooking> Bookings, IEnumerable<HistoryReturnVisit> ReturnVisits,
    IEnumerable<HistoryContact> Contacts, IEnumerable<HistoryHandover> Handovers, IEnumerable<HistoryConsent> Consents,
    IEnumerable<HistoryComplaint> Complaints);

/// <summary>A complaint of the customer's (SPEC.md "Customer files": the history shows every complaint), with its outcome.</summary>
public sealed record HistoryComplaint(Guid Id, DateOnly BusinessDay, DateTimeOffset CreatedAt, ComplaintCategory Category, ComplaintSeverity Severity,
    ComplaintStatus Status, string Description, string? RoomNumber, string? ManagerBadge, string Resolution, int? Satisfaction);

/// <summary>GET /api/return-visits: a visit due, overdue or done; the phone in full for the owner, who makes the call.</summary>
public sealed record ReturnVisitView(Guid Id, Guid CustomerId, string CustomerName, string? OwnerBadge, string Reason, DateOnly DueDay, DateTimeOffset? DoneAt,
    string Channel, string Outcome, int? Satisfaction, bool Overdue, string Phone);

public sealed record ReturnVisitLogged(Guid Id, DateTimeOffset? DoneAt, int? Satisfaction);

/// <summary>POST /api/customers/{id}/contacts: today's contacts against the house rule's daily range.</summary>
public sealed record ContactCount(int ContactsToday, int Min, int Max);
