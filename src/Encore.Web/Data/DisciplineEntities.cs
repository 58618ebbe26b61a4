namespace Encore.Web.Data;

public enum LeaveKind { Personal, Sick, CustomerDinner }

public enum LeaveStatus { Pending, Approved, Rejected }

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
