namespace Encore.Domain.Tests;

/// <summary>
/// SPEC.md "Appraisal (考核) and training (培训)": a test passes at the pass mark, the best attempt counts, and the house
/// rule training.authorityNeedsCourse takes a customer manager's authority away until they pass the authority course.
/// </summary>
public sealed class TrainingPolicyTests
{
    [Theory]
    [InlineData(59, 60, false)]
    [InlineData(60, 60, true)]
    [InlineData(61, 60, true)]
    [InlineData(79, 80, false)]
    [InlineData(80, 80, true)]
    [InlineData(0, 0, true)]
    [InlineData(100, 100, true)]
    [InlineData(99, 100, false)]
    public void A_test_passes_at_the_pass_mark_and_above(int score, int passMark, bool passed)
    {
        Assert.Equal(passed, TrainingPolicy.Passed(score, passMark));
    }

    public static TheoryData<int[], int, int?, bool> Attempts => new()
    {
        { [], 60, null, false },
        { [59], 60, 59, false },
        { [59, 60], 60, 60, true },
        // A worse retake after a pass does not take the pass away: the best counts.
        { [85, 40], 80, 85, true },
        { [70, 79, 75], 80, 79, false },
    };

    [Theory]
    [MemberData(nameof(Attempts))]
    public void The_best_attempt_counts(int[] scores, int passMark, int? best, bool passed)
    {
        Assert.Equal(best, TrainingPolicy.Best(scores));
        Assert.Equal(passed, TrainingPolicy.PassedAny(scores, passMark));
    }

    public static TheoryData<bool, string[], bool, bool> Gating => new()
    {
        // rule on, roles, passed → gated
        { false, [Roles.Manager], false, false },
        { true, [Roles.Manager], false, true },
        { true, [Roles.Manager], true, false },
        { true, [Roles.Promoter], false, true },
        // Those with an authority of their own above the managers' row keep it: they grant the approvals.
        { true, [Roles.DepartmentHead], false, false },
        { true, [Roles.Manager, Roles.DepartmentHead], false, false },
        { true, [Roles.FloorManager], false, false },
        { true, [Roles.Gm], false, false },
        { true, [Roles.Host], false, false },
        { true, [Roles.Cashier], false, false },
    };

    [Theory]
    [MemberData(nameof(Gating))]
    public void The_authority_course_gates_only_the_managers_row_while_the_rule_is_on(bool ruleOn, string[] roles, bool passed, bool gated)
    {
        Assert.Equal(gated, TrainingPolicy.Gated(ruleOn, roles, passed));
        var rules = new AuthorityRules();
        var authority = TrainingPolicy.AuthorityOf(rules, roles, ruleOn, passed);
        Assert.Equal(gated ? TrainingPolicy.None : Authority.Of(rules, roles), authority);
    }

    [Fact]
    public void A_gated_manager_needs_an_approval_for_any_discount_or_comp_above_zero_and_none_for_nothing()
    {
        var gated = TrainingPolicy.AuthorityOf(new AuthorityRules(), [Roles.Manager], ruleOn: true, passedAuthorityCourse: false);
        Assert.False(Authority.Exceeds(gated, 1000, 0, 0).Any);
        Assert.True(Authority.Exceeds(gated, 1000, 0.01m, 0).Discount);
        Assert.True(Authority.Exceeds(gated, 1000, 0, 0.01m).Comps);
        var passed = TrainingPolicy.AuthorityOf(new AuthorityRules(), [Roles.Manager], ruleOn: true, passedAuthorityCourse: true);
        Assert.False(Authority.Exceeds(passed, 1000, 100, 200).Any);
    }

    [Theory]
    [InlineData("m01", new[] { "manager" }, new[] { "M01" }, true)]
    [InlineData("m01", new[] { "manager" }, new[] { "m02" }, false)]
    [InlineData("m01", new[] { "manager" }, new[] { "role:manager" }, true)]
    [InlineData("h01", new[] { "host", "hostSupervisor" }, new[] { "role:hostSupervisor" }, true)]
    [InlineData("h02", new[] { "host" }, new[] { "role:manager", "m01" }, false)]
    public void The_audience_is_badges_and_roles(string badge, string[] roles, string[] audience, bool inAudience)
    {
        Assert.Equal(inAudience, TrainingPolicy.InAudience(audience, badge, roles));
    }

    [Theory]
    [InlineData("role:manager", true)]
    [InlineData("role:gm", true)]
    [InlineData("role:chef", false)]
    [InlineData("role:", false)]
    [InlineData("m01", false)]
    public void A_role_entry_names_a_known_role(string entry, bool known)
    {
        Assert.Equal(known, TrainingPolicy.KnownRoleEntry(entry));
    }
}
