namespace Encore.Domain;

/// <summary>
/// SPEC.md "Appraisal (考核) and training (培训)": the pure rules of a course's tests and of the one course a house rule
/// can make a prerequisite for discount authority (house rule <c>training.authorityNeedsCourse</c>, a course marked
/// <c>discountAuthority</c>).
/// </summary>
public static class TrainingPolicy
{
    public const int MinPassMark = 0;
    public const int MaxPassMark = 100;

    /// <summary>A test is passed at the pass mark and above (passMark 60: 59 fails, 60 passes).</summary>
    public static bool Passed(int score, int passMark) => score >= passMark;

    /// <summary>
    /// Every score is an attempt of its own (a retake is a new attempt, the earlier ones stay on the record); the best
    /// attempt counts: once passed, a later worse retake does not take the pass away. Null without any attempt.
    /// </summary>
    public static int? Best(IEnumerable<int> attempts)
    {
        var list = attempts.ToList();
        return list.Count == 0 ? null : list.Max();
    }

    /// <summary>Whether the attempts pass the course: the best of them reaches the pass mark.</summary>
    public static bool PassedAny(IEnumerable<int> attempts, int passMark) => Best(attempts) is { } best && Passed(best, passMark);

    /// <summary>
    /// Whose authority the prerequisite gates: those whose authority is the customer managers' row (managers and promoters,
    /// <see cref="Authority.Of"/>). A department head, the floor and the GM keep their own authority: they grant the
    /// approvals a gated manager now needs.
    /// </summary>
    public static bool GatedRole(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet();
        return (set.Contains(Roles.Manager) || set.Contains(Roles.Promoter))
               && !set.Contains(Roles.Gm) && !set.Contains(Roles.FloorManager) && !set.Contains(Roles.DepartmentHead);
    }

    /// <summary>
    /// Whether the prerequisite takes a person's authority away: the house rule is on, their authority is the managers'
    /// row and they have not passed a discount-authority course.
    /// </summary>
    public static bool Gated(bool ruleOn, IEnumerable<string> roles, bool passedAuthorityCourse) =>
        ruleOn && !passedAuthorityCourse && GatedRole(roles);

    /// <summary>
    /// The authority that counts: <see cref="Authority.Of"/>, or none at all while gated — any discount or comp above 0
    /// then needs an approval, exactly as one beyond the authority does.
    /// </summary>
    public static RoleAuthority AuthorityOf(AuthorityRules rules, IReadOnlyCollection<string> roles, bool ruleOn, bool passedAuthorityCourse) =>
        Gated(ruleOn, roles, passedAuthorityCourse) ? None : Authority.Of(rules, roles);

    public static readonly RoleAuthority None = new() { MaxDiscountRate = 0, MaxCompValue = 0 };

    /// <summary>An audience entry: a badge, or "role:" and a role of <see cref="Roles.All"/>.</summary>
    public const string RolePrefix = "role:";

    public static bool IsRoleEntry(string entry) => entry.StartsWith(RolePrefix, StringComparison.Ordinal);

    /// <summary>Whether a role entry names a known role ("role:manager"); false for a badge.</summary>
    public static bool KnownRoleEntry(string entry) => IsRoleEntry(entry) && Roles.All.Contains(entry[RolePrefix.Length..]);

    /// <summary>Whether someone with this badge and these roles is in the audience (badges compared without case).</summary>
    public static bool InAudience(IEnumerable<string> audience, string badge, IEnumerable<string> roles)
    {
        var held = roles.ToHashSet();
        return audience.Any(a => IsRoleEntry(a) ? held.Contains(a[RolePrefix.Length..]) : string.Equals(a, badge, StringComparison.OrdinalIgnoreCase));
    }
}
