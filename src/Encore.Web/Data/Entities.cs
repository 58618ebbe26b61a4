using Encore.Domain;
using Microsoft.AspNetCore.Identity;

namespace Encore.Web.Data;

/// <summary>A row that belongs to one venue, so that a chain can be added without a rewrite.</summary>
public interface IVenueOwned
{
    Guid VenueId { get; }
}

public sealed class Venue
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A member of staff. The Identity user name is the badge number (工牌号).</summary>
public sealed class StaffMember : IdentityUser<Guid>, IVenueOwned
{
    public StaffMember() => Id = Guid.CreateVersion7();

    public Guid VenueId { get; set; }
    public string Name { get; set; } = "";
    public string Department { get; set; } = "";
    /// <summary>For a promoter: the customer manager they work under.</summary>
    public Guid? ManagerId { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public string Badge => UserName ?? "";
}

public sealed class StaffRole : IdentityRole<Guid>
{
    public StaffRole() => Id = Guid.CreateVersion7();
    public StaffRole(string name) : this() { Name = name; NormalizedName = name.ToUpperInvariant(); }
}

public enum RoomType { Small, Medium, Large, Vip, Party }

public sealed class Room : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public required string Number { get; set; }
    public RoomType Type { get; set; }
    public int Capacity { get; set; }
    public decimal MinimumSpend { get; set; }
    public string Area { get; set; } = "";
    public RoomState State { get; set; } = RoomState.Free;
    /// <summary>When the room entered its state: cleaning ends a house-rule number of minutes after it.</summary>
    public DateTimeOffset? StateSince { get; set; }
    /// <summary>Why the room is out of service (维修), shown on the board.</summary>
    public string StateNote { get; set; } = "";
    /// <summary>Bumped on every change of state, so two screens changing one room at once cannot both win.</summary>
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class Customer : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public required string Name { get; set; }
    public required string Phone { get; set; }
    public string Company { get; set; } = "";
    public string Title { get; set; } = "";
    public DateOnly? Birthday { get; set; }
    public string Notes { get; set; } = "";
    /// <summary>Comma-separated tags (e.g. 老客户, 商务).</summary>
    public string Tags { get; set; } = "";
    /// <summary>Songs, drinks, room type the guest likes.</summary>
    public string Preferences { get; set; } = "";
    /// <summary>How the customer came: filed, booking, import …</summary>
    public string Source { get; set; } = "";
    public string CreditFlags { get; set; } = "";
    /// <summary>The name in pinyin without tones ("wangwei") and its initials ("ww"), kept for search.</summary>
    public string Pinyin { get; set; } = "";
    public string Initials { get; set; } = "";
    /// <summary>diamond · gold · silver · "" — recomputed nightly from the house-rule window (VipPolicy).</summary>
    public string VipLevel { get; set; } = "";
    /// <summary>The exclusive manager (专属客服经理) of a top VIP, if one was named.</summary>
    public Guid? ExclusiveManagerId { get; set; }
    /// <summary>The manager the customer belongs to (客户归属): who filed them first, or who they were handed over to.</summary>
    public Guid OwnerId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The owner's (or a floor manager's) consent that another manager may book or serve a customer.</summary>
public sealed class CustomerConsent : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid GranteeId { get; set; }
    public Guid GrantedById { get; set; }
    public string Reason { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

/// <summary>A customer handed from one manager to another (交接), with who decided and why.</summary>
public sealed class CustomerHandover : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid FromId { get; set; }
    public Guid ToId { get; set; }
    public Guid ById { get; set; }
    public string Reason { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

/// <summary>A possible duplicate of another file, flagged for a floor manager; never merged silently.</summary>
public sealed class CustomerFlag : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid OtherCustomerId { get; set; }
    public string Reason { get; set; } = "";
    public CustomerFlagStatus Status { get; set; } = CustomerFlagStatus.Open;
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One version of a venue's house rules: the whole rule set as JSON, effective from an instant.</summary>
public sealed class HouseRuleVersion : IVenueOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VenueId { get; set; }
    public DateTimeOffset EffectiveFrom { get; set; }
    public required string RulesJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedById { get; set; }
    public string Note { get; set; } = "";
}

/// <summary>An append-only record of one write. Never updated or deleted (the database refuses it too).</summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? VenueId { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? ActorId { get; set; }
    public string ActorBadge { get; set; } = "";
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public string EntityId { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
}
