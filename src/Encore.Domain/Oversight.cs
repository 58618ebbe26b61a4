namespace Encore.Domain;

/// <summary>
/// Who answers to whom (SPEC.md "People and roles"): the GM over everyone, a floor manager over everyone but the GM
/// (and other floor managers), a department head over the staff of their own department below them. "One's own
/// people" rules ask this: whom one may ping, whose card and statement one may read.
/// </summary>
public static class Oversight
{
    /// <summary>0 for staff who oversee nobody; higher ranks oversee lower ones.</summary>
    public static int Rank(IEnumerable<string> roles) =>
        roles.Select(r => r switch { Roles.Gm => 3, Roles.FloorManager => 2, Roles.DepartmentHead => 1, _ => 0 }).DefaultIfEmpty(0).Max();

    public static bool Oversees(IEnumerable<string> overseerRoles, string overseerDepartment, IEnumerable<string> staffRoles, string staffDepartment)
    {
        var rank = Rank(overseerRoles);
        if (rank == 0 || Rank(staffRoles) >= rank) return false;
        // A department head's people are their own department's; the floor and the GM oversee every department.
        return rank > 1 || string.Equals(overseerDepartment, staffDepartment, StringComparison.Ordinal);
    }
}
