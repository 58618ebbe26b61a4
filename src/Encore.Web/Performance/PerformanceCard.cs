namespace Encore.Web.Data;

/// <summary>A manager's signature under their performance card (业绩卡) for one business day.</summary>
public sealed class PerformanceCard : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public Guid StaffId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public DateTimeOffset SignedAt { get; set; }
    /// <summary>What the card showed when signed: spend and rooms.</summary>
    public decimal SignedSpend { get; set; }
    public int SignedRooms { get; set; }
}

/// <summary>A manager's dispute of one line (a session) of a card, decided by a floor manager.</summary>
public sealed class CardDispute : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public Guid StaffId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public Guid SessionId { get; set; }
    public string Reason { get; set; } = "";
    public string Status { get; set; } = "open";
    public Guid? DecidedById { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string Decision { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A person's own monthly target, overriding the house-rule default.</summary>
public sealed class MonthlyTarget : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public Guid StaffId { get; set; }
    /// <summary>yyyy-MM.</summary>
    public required string Month { get; set; }
    public decimal? Spend { get; set; }
    public int? Rooms { get; set; }
}
