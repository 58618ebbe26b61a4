using Encore.Domain;

namespace Encore.Domain.Tests;

public sealed class OversightTests
{
    [Theory]
    [InlineData(Roles.Gm, "总经办", Roles.FloorManager, "营业部", true)]
    [InlineData(Roles.Gm, "总经办", Roles.Manager, "营销二部", true)]
    [InlineData(Roles.FloorManager, "营业部", Roles.Gm, "总经办", false)]
    [InlineData(Roles.FloorManager, "营业部", Roles.FloorManager, "营业部", false)]
    [InlineData(Roles.FloorManager, "营业部", Roles.DepartmentHead, "营销一部", true)]
    [InlineData(Roles.FloorManager, "营业部", Roles.Host, "咨客部", true)]
    [InlineData(Roles.DepartmentHead, "营销一部", Roles.Gm, "总经办", false)]
    [InlineData(Roles.DepartmentHead, "营销一部", Roles.FloorManager, "营销一部", false)]
    [InlineData(Roles.DepartmentHead, "营销一部", Roles.DepartmentHead, "营销一部", false)]
    [InlineData(Roles.DepartmentHead, "营销一部", Roles.Manager, "营销一部", true)]
    [InlineData(Roles.DepartmentHead, "营销一部", Roles.Manager, "营销二部", false)]
    [InlineData(Roles.Manager, "营销一部", Roles.Manager, "营销一部", false)]
    [InlineData(Roles.HostSupervisor, "咨客部", Roles.Host, "咨客部", false)]
    public void One_oversees_only_those_below_them_and_a_department_head_only_their_department(
        string overseer, string overseerDepartment, string staff, string staffDepartment, bool oversees) =>
        Assert.Equal(oversees, Oversight.Oversees([overseer], overseerDepartment, [staff], staffDepartment));

    [Fact]
    public void The_highest_of_several_roles_counts()
    {
        Assert.Equal(3, Oversight.Rank([Roles.Manager, Roles.Gm]));
        Assert.Equal(0, Oversight.Rank([]));
        Assert.False(Oversight.Oversees([Roles.FloorManager], "营业部", [Roles.Manager, Roles.Gm], "营销一部"));
    }
}
