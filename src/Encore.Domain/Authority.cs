namespace Encore.Domain;

/// <summary>
/// SPEC.md "Room sessions, spend, discounts and comps" (签送权/折扣权): each role may give a discount rate and a
/// comp value per room per night without approval; above it the bill needs an approval from a role whose own
/// authority covers it (floor manager, GM).
/// </summary>
public static class Authority
{
    public const string Gm = "gm", FloorManager = "floorManager", DepartmentHead = "departmentHead", Manager = "manager", Promoter = "promoter";

    /// <summary>The largest authority among a person's roles; a role without one (host, cashier) may give nothing.</summary>
    public static RoleAuthority Of(AuthorityRules rules, IEnumerable<string> roles)
    {
        var set = roles.ToHashSet();
        if (set.Contains(Gm)) return rules.Gm;
        if (set.Contains(FloorManager)) return rules.FloorManager;
        if (set.Contains(DepartmentHead)) return rules.DepartmentHead;
        if (set.Contains(Manager) || set.Contains(Promoter)) return rules.Manager;
        return new RoleAuthority { MaxDiscountRate = 0, MaxCompValue = 0 };
    }

    /// <summary>The discount as a fraction of the spend (a discount on nothing is a 100% discount).</summary>
    public static decimal DiscountRate(decimal spend, decimal discount) =>
        spend <= 0 ? (discount > 0 ? 1m : 0m) : discount / spend;

    public sealed record Excess(bool Discount, bool Comps)
    {
        public bool Any => Discount || Comps;
    }

    public static Excess Exceeds(RoleAuthority authority, decimal spend, decimal discount, decimal compsValue) =>
        new(DiscountRate(spend, discount) > authority.MaxDiscountRate,
            authority.MaxCompValue is { } max && compsValue > max);

    /// <summary>Whether someone with these roles may grant a bill: only a role that may approve (floor manager, GM) and whose own authority covers it.</summary>
    public static bool CanGrant(AuthorityRules rules, IEnumerable<string> granterRoles, decimal spend, decimal discount, decimal compsValue)
    {
        var roles = granterRoles.ToList();
        if (!roles.Contains(Gm) && !roles.Contains(FloorManager)) return false;
        return !Exceeds(Of(rules, roles), spend, discount, compsValue).Any;
    }
}
