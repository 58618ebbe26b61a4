using Encore.Domain;

namespace Encore.Domain.Tests;

/// <summary>The capability table: complete, spelled with real roles, and saying what SPEC.md's roles may do.</summary>
public sealed class CapabilitiesTests
{
    [Fact]
    public void Every_capability_has_a_row_naming_only_known_roles()
    {
        foreach (var capability in Enum.GetValues<Capability>())
        {
            Assert.True(Capabilities.Table.ContainsKey(capability), $"{capability} has no row");
            Assert.NotEmpty(Capabilities.RolesFor(capability));
            Assert.All(Capabilities.RolesFor(capability), role => Assert.Contains(role, Roles.All.Concat(Roles.Chain)));
        }
    }

    /// <summary>What the GM does not hold is exactly what belongs to a person's own job, not to authority.</summary>
    [Fact]
    public void The_GM_holds_every_capability_but_those_of_a_customer_manager_or_a_department_head()
    {
        var lacking = Enum.GetValues<Capability>().Except(Capabilities.Of([Roles.Gm])).Order().ToList();
        // A diary is a customer manager's own paperwork; answering for the closing round is the floor manager's post;
        // being appraised is for those with someone above them (the GM has nobody); the chain is above any one venue's GM.
        Assert.Equal(new[] { Capability.KeepCustomers, Capability.JoinRotation, Capability.EarnOnCard, Capability.SeeDepartment,
            Capability.KeepDiary, Capability.AnswerForClosingRound, Capability.BeAppraised, Capability.ManageChain, Capability.SeeChain }.Order(), lacking);
    }

    [Theory]
    // The host desk works the board; a manager books their own guests but never works the desk.
    [InlineData(Capability.WorkDesk, Roles.Host, true)]
    [InlineData(Capability.WorkDesk, Roles.Manager, false)]
    [InlineData(Capability.WorkDesk, Roles.Cashier, false)]
    [InlineData(Capability.Book, Roles.Manager, true)]
    [InlineData(Capability.Book, Roles.Cashier, false)]
    // Only the GM or an authorised host supervisor overrides a booking rule.
    [InlineData(Capability.OverrideRules, Roles.HostSupervisor, true)]
    [InlineData(Capability.OverrideRules, Roles.Host, false)]
    [InlineData(Capability.OverrideRules, Roles.FloorManager, false)]
    // The business reports are the floor manager's and the GM's; the budget is the GM's alone.
    [InlineData(Capability.SeeReports, Roles.FloorManager, true)]
    [InlineData(Capability.SeeReports, Roles.Manager, false)]
    [InlineData(Capability.SetBudget, Roles.FloorManager, false)]
    // A cashier closes bills and sees every booking, with the phone masked.
    [InlineData(Capability.CloseBills, Roles.Cashier, true)]
    [InlineData(Capability.SeeAllBookings, Roles.Cashier, true)]
    [InlineData(Capability.SeeBookingPhones, Roles.Cashier, false)]
    [InlineData(Capability.SeeBookingPhones, Roles.DepartmentHead, false)]
    [InlineData(Capability.SeeBookingPhones, Roles.Host, true)]
    // The floor decides approvals, fines and leave; a department head pings and watches but does not decide.
    [InlineData(Capability.DecideApprovals, Roles.FloorManager, true)]
    [InlineData(Capability.DecideApprovals, Roles.DepartmentHead, false)]
    [InlineData(Capability.Discipline, Roles.DepartmentHead, false)]
    [InlineData(Capability.SendPings, Roles.DepartmentHead, true)]
    [InlineData(Capability.SeeAttendance, Roles.DepartmentHead, true)]
    // Customer files: keepers file them, the floor manages every one of them.
    [InlineData(Capability.KeepCustomers, Roles.Promoter, true)]
    [InlineData(Capability.KeepCustomers, Roles.Host, false)]
    [InlineData(Capability.ManageAllCustomers, Roles.FloorManager, true)]
    [InlineData(Capability.ManageAllCustomers, Roles.DepartmentHead, false)]
    // The venue's settings are the GM's.
    [InlineData(Capability.EditHouseRules, Roles.FloorManager, false)]
    [InlineData(Capability.ManageStaff, Roles.HostSupervisor, false)]
    public void A_role_holds_a_capability_as_SPEC_gives_it(Capability capability, string role, bool holds) =>
        Assert.Equal(holds, Capabilities.Allows(capability, [role]));

    [Fact]
    public void Holding_several_roles_holds_what_any_of_them_holds()
    {
        Assert.False(Capabilities.Allows(Capability.OverrideRules, [Roles.Host]));
        Assert.True(Capabilities.Allows(Capability.OverrideRules, [Roles.Host, Roles.HostSupervisor]));
        Assert.False(Capabilities.Allows(Capability.Book, []));
    }
}
