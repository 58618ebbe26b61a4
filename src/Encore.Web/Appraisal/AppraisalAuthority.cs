namespace Encore.Web.Appraisals;

/// <summary>
/// Who is above whom in an appraisal (SPEC.md: self-assessment → supervisor → department review → result → appeal):
/// <list type="bullet">
/// <item>supervisor: a customer manager's department head (same department); a department head's, the floor manager;
/// the floor manager's, the GM;</item>
/// <item>department review and publication: the floor manager, or the GM (only the GM for the floor manager's own);</item>
/// <item>the appeal decision: a role above the supervisor — the floor manager or the GM for a customer manager's
/// appraisal, the GM for a department head's; for the floor manager's, whose supervisor is already the GM, the GM
/// (nobody is above);</item>
/// <item>reading: one's own; a department head their department's managers; the floor and the GM everyone's.</item>
/// </list>
/// Nobody gives a step of their own appraisal other than the self-assessment and the appeal.
/// </summary>
public static class AppraisalAuthority
{
    public sealed record Person(Guid Id, string Badge, string Name, string Department, string? Role);

    /// <summary>The rank of a template role: a customer manager (and the market-development team) 1, a head 2, the floor 3.</summary>
    public static int RankOf(string? role) => role switch
    {
        Roles.DepartmentHead => 2,
        Roles.FloorManager => 3,
        null => 0,
        _ => 1,
    };

    /// <summary>The caller's highest rank: the GM 4, the floor 3, a head 2, anyone else 0.</summary>
    public static int RankOf(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Gm) ? 4 : user.IsInRole(Roles.FloorManager) ? 3 : user.IsInRole(Roles.DepartmentHead) ? 2 : 0;

    /// <summary>The role a person is appraised under: the highest of manager, department head, floor manager they hold.</summary>
    public static string? TemplateRole(IReadOnlyCollection<string> roles) =>
        roles.Contains(Roles.FloorManager) ? Roles.FloorManager
        : roles.Contains(Roles.DepartmentHead) ? Roles.DepartmentHead
        : roles.Contains(Roles.Manager) ? Roles.Manager : null;

    public static async Task<Person?> PersonAsync(EncoreDb db, Guid venue, string? badge)
    {
        var normalized = Staff.StaffDirectory.Normalize(badge);
        var row = await db.Users.Where(u => u.VenueId == venue && u.NormalizedUserName == normalized)
            .Select(u => new { u.Id, Badge = u.UserName!, u.Name, u.Department }).SingleOrDefaultAsync();
        if (row is null) return null;
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == row.Id select r.Name!).ToListAsync();
        return new Person(row.Id, row.Badge, row.Name, row.Department, TemplateRole(roles));
    }

    public static async Task<Dictionary<Guid, Person>> PeopleAsync(EncoreDb db, IReadOnlyCollection<Guid> ids)
    {
        var list = ids.ToList();
        return await db.Users.Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new Person(u.Id, u.UserName!, u.Name, u.Department, null));
    }

    public static async Task<string> DepartmentAsync(EncoreDb db, ClaimsPrincipal user)
    {
        var me = user.StaffId();
        return await db.Users.Where(u => u.Id == me).Select(u => u.Department).SingleOrDefaultAsync() ?? "";
    }

    /// <summary>Above the person: outranks them, and a department head only over their own department.</summary>
    public static bool IsAbove(ClaimsPrincipal user, string myDepartment, Person person)
    {
        if (person.Id == user.StaffId()) return false;
        var rank = RankOf(user);
        if (rank <= RankOf(person.Role)) return false;
        return rank > 2 || (person.Department != "" && person.Department == myDepartment);
    }

    /// <summary>May the caller give this step of the person's appraisal (who, not when: the flow says when).</summary>
    public static bool May(ClaimsPrincipal user, string myDepartment, Person person, AppraisalStep step)
    {
        var own = person.Id == user.StaffId();
        if (step is AppraisalStep.Self or AppraisalStep.Appeal) return own;
        if (own) return false;
        var personRank = RankOf(person.Role);
        return step switch
        {
            AppraisalStep.Supervisor => personRank switch
            {
                1 => user.IsInRole(Roles.DepartmentHead) && person.Department != "" && person.Department == myDepartment,
                2 => user.IsInRole(Roles.FloorManager),
                _ => user.IsInRole(Roles.Gm),
            },
            AppraisalStep.Review or AppraisalStep.Publish => RankOf(user) >= 3 && RankOf(user) > personRank,
            AppraisalStep.Decide => RankOf(user) >= Math.Min(4, personRank + 2),
            _ => false,
        };
    }

    /// <summary>The steps the caller may give now (self, supervisor, review, publish, appeal, decide): what waits on them.</summary>
    public static IReadOnlyList<string> Actions(ClaimsPrincipal user, string myDepartment, Person person, Appraisal a, VenueNow at)
    {
        var status = AppraisalFlow.Effective(Codes.Parse<AppraisalStatus>(a.Status), a.PublishedAt, at.Now, at.Rules.Appraisal.AppealDays);
        return AppraisalFlow.Table.Allowed(status).Where(step => May(user, myDepartment, person, step)).Select(step => step.Code()).ToList();
    }
}
