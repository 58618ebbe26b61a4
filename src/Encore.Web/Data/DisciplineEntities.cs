using Encore.Domain;

namespace Encore.Web.Data;

/// <summary>A leave request (请假), approved by a floor manager; a customer dinner (陪客户吃饭) also records the return.</summary>
public sealed class LeaveRequest : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public Guid StaffId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public LeaveKind Kind { get; set; }
    public DateTimeOffset From { get; set; }
    public DateTimeOffset To { get; set; }
    public string Reason { get; set; } = "";
    public LeaveStatus Status { get; set; } = LeaveStatus.Pending;
    public Guid? DecidedById { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string DecisionNote { get; set; } = "";
    /// <summary>For a customer dinner: when they were back on the floor.</summary>
    public DateTimeOffset? BackAt { get; set; }
    /// <summary>Set once the nightly check has judged this leave (so it is judged once).</summary>
    public bool Settled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A superior's ping (查岗): answered within the house-rule minutes, or the person was off-post (离岗).</summary>
public sealed class Ping : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public Guid StaffId { get; set; }
    public Guid SentById { get; set; }
    public DateOnly BusinessDay { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string Message { get; set; } = "";
    /// <summary>Set when the answer was late or never came; the off-post violation is raised then.</summary>
    public bool OffPost { get; set; }
    public int Version { get; set; }
}

/// <summary>A type in the venue's violation catalogue (SPEC.md "Violations and fines"), editable by the GM.</summary>
public sealed class ViolationType : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public decimal FineMin { get; set; }
    /// <summary>Null: no upper limit ("≥300").</summary>
    public decimal? FineMax { get; set; }
    /// <summary>The fine is the tip times the nth multiplier (the tips rule of the house rules).</summary>
    public bool TipBased { get; set; }
    /// <summary>Dismissal may follow (serious cases); recorded as a proposal.</summary>
    public bool MayDismiss { get; set; }
    public bool Active { get; set; } = true;
}

/// <summary>A return visit (回访) due for a customer: the day after a visit, after N days unseen, before a birthday.</summary>
public sealed class ReturnVisit : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public Guid CustomerId { get; set; }
    /// <summary>The manager who owes the visit: the customer's owner when it was scheduled.</summary>
    public Guid OwnerId { get; set; }
    /// <summary>afterVisit · unseen · birthday.</summary>
    public required string Reason { get; set; }
    public DateOnly DueDay { get; set; }
    public DateTimeOffset ScheduledAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string Channel { get; set; } = "";
    public string Outcome { get; set; } = "";
    /// <summary>1–5, as the guest said.</summary>
    public int? Satisfaction { get; set; }
}

/// <summary>One contact with a customer (call, WeChat, visit) for the daily 5–10 house rule.</summary>
public sealed class CustomerContact : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid StaffId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Channel { get; set; }
    public string Outcome { get; set; } = "";
}
