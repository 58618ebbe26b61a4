using Microsoft.AspNetCore.Identity;

namespace Encore.Web.Data;

/// <summary>A row that belongs to one venue, so that a chain can be added without a rewrite.</summary>
public interface IVenueOwned
{
    Guid VenueId { get; }
}

public sealed class Venue
{
    public Guid Id { get; set; } = Ids.New();
    /// <summary>
    /// What the venue's staff type at the login beside their badge (issue 21: badges are unique within a venue). The first
    /// venue of an installation is "main"; a venue made in code without one gets a unique code from a new id.
    /// </summary>
    public string Code { get; set; } = "v" + Guid.NewGuid().ToString("N")[..12];
    public required string Name { get; set; }
    /// <summary>The region the chain's reports roll the venue up into (empty: none).</summary>
    public string Region { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A member of staff. The Identity user name is the badge number (工牌号).</summary>
public sealed class StaffMember : IdentityUser<Guid>, IVenueOwned
{
    public StaffMember() => Id = Ids.New();

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
    public StaffRole() => Id = Ids.New();
    public StaffRole(string name) : this() { Name = name; NormalizedName = name.ToUpperInvariant(); }
}

public enum RoomType { Small, Medium, Large, Vip, Party }

