namespace Encore.Domain;

/// <summary>
/// SPEC.md "Room sessions, spend, discounts and comps" (赠送权/折扣权; SPEC.md says 签送权, Encore says 赠送 throughout): each role may give a discount rate and a
/// comp value per room per night without approval; above it the bill needs an approval from a role whose own
/// authority covers it (floor manager, GM).
/// </summary>
public static class Authority
{
    /// <summary>The largest authority among a person's roles; a role without one (host, cashier) may give nothing.</summary>
    public static RoleAuthority Of(AuthorityRules rules, IEnumerable<string> roles)
    {
        var set = roles.ToHashSet();
        if (set.Contains(Roles.Gm)) return rules.Gm;
        if (set.Contains(Roles.FloorManager)) return rules.FloorManager;
        if (set.Contains(Roles.DepartmentHead)) return rules.DepartmentHead;
        if (set.Contains(Roles.Manager) || set.Contains(Roles.Promoter)) return rules.Manager;
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
        if (!roles.Contains(Roles.Gm) && !roles.Contains(Roles.FloorManager)) return false;
        return !Exceeds(Of(rules, roles), spend, discount, compsValue).Any;
    }

    /// <summary>
    /// Whether a bill stays within the approval granted for it: no more discount or comps than granted, no higher a
    /// discount rate than granted (a spend lower than the one claimed does not stretch 20% into 100%), and still within
    /// the granter's own authority at the bill's real spend.
    /// </summary>
    public static bool WithinApproval(AuthorityRules rules, IEnumerable<string> granterRoles, decimal approvedSpend, decimal approvedDiscount,
        decimal approvedComps, decimal spend, decimal discount, decimal compsValue) =>
        discount <= approvedDiscount && compsValue <= approvedComps
        && DiscountRate(spend, discount) <= DiscountRate(approvedSpend, approvedDiscount)
        && CanGrant(rules, granterRoles, spend, discount, compsValue);
}
