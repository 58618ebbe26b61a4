namespace Encore.Web.Staff;

public sealed record DepartmentInput(string? Name);

/// <summary>The floor manager to make responsible for a department; an empty badge: nobody.</summary>
public sealed record DepartmentFloorManagerInput(string? Badge);

/// <summary>
/// A department of the venue with how many active members of staff work in it now, and the badge of the floor manager
/// responsible for it (null: nobody assigned).
/// </summary>
public sealed record DepartmentView(Guid Id, string Name, bool Retired, int Members, string? FloorManagerBadge);

/// <summary>The outcome of a department command: problems (400), a rule refused (status + text key), or done.</summary>
public sealed record DepartmentResult(DepartmentView? Department, IReadOnlyList<RuleProblem>? Problems = null, int Status = 200, string? RuleKey = null, object?[]? RuleArgs = null)
{
    public IResult ToProblem() => Problems is { } p ? Platform.Problems.Validation(p) : Platform.Problems.Rule(Status, RuleKey!, RuleArgs ?? []);
    public bool Ok => Department is not null;
}

/// <summary>
/// The venue's department list, kept by the GM: add, rename (the people in it move with the name, in the same
/// transaction, each row audited), retire (no new members; the people in it stay until moved). Anyone may read it:
/// the staff list with everyone's department is already readable by all staff.
/// </summary>
public static class Departments
{
    public static void MapDepartmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/departments").WithTags("Staff").RequireAuthorization();
        var gm = group.MapGroup("").Requires(Capability.ManageStaff);

        group.MapGet("/", async (HttpContext http, EncoreDb db) => Results.Ok(await ListAsync(db, http.User.VenueId())))
            .Answers<IReadOnlyList<DepartmentView>>().WithName("ListDepartments")
            .WithSummary("The venue's departments (retired ones too, marked), with their active members' count.");

        gm.MapPost("/", async (DepartmentInput body, HttpContext http, EncoreDb db, TimeProvider clock) =>
                await CreateAsync(http, db, clock, body.Name) is var r && r.Ok
                    ? Results.Created($"/api/departments/{r.Department!.Id}", r.Department)
                    : r.ToProblem())
            .Answers<DepartmentView>(StatusCodes.Status201Created).WithName("CreateDepartment");

        gm.MapPut("/{id:guid}", async (Guid id, DepartmentInput body, HttpContext http, EncoreDb db) =>
                Answer(await RenameAsync(http, db, id, body.Name)))
            .Answers<DepartmentView>().WithName("RenameDepartment")
            .WithSummary("Renames a department; its members move with the name (same transaction, audited).");

        gm.MapPut("/{id:guid}/floor-manager", async (Guid id, DepartmentFloorManagerInput body, HttpContext http, EncoreDb db) =>
                Answer(await AssignFloorManagerAsync(http, db, id, body.Badge)))
            .Answers<DepartmentView>().WithName("AssignDepartmentFloorManager")
            .WithSummary("Makes a floor manager responsible for the department (their share of its shared fines, its leave); an empty badge: nobody.");

        gm.MapPost("/{id:guid}/retire", async (Guid id, HttpContext http, EncoreDb db, TimeProvider clock) =>
                Answer(await RetireAsync(http, db, clock, id)))
            .Answers<DepartmentView>().WithName("RetireDepartment")
            .WithSummary("No new members may join a retired department; the people in it keep it until they are moved.");
    }

    private static IResult Answer(DepartmentResult result) => result.Ok ? Results.Ok(result.Department) : result.ToProblem();

    public static async Task<DepartmentResult> CreateAsync(HttpContext http, EncoreDb db, TimeProvider clock, string? name)
    {
        var venue = http.User.VenueId();
        if (await NameProblem(db, venue, name, null) is { } problem) return problem;
        AuditScope.Name(http, "department.create");
        var department = new Department { VenueId = venue, Name = name!.Trim(), CreatedAt = clock.GetUtcNow() };
        db.Add(department);
        await db.SaveChangesAsync();
        return new(await ViewAsync(db, department));
    }

    public static async Task<DepartmentResult> RenameAsync(HttpContext http, EncoreDb db, Guid id, string? name)
    {
        var venue = http.User.VenueId();
        var department = await db.Set<Department>().SingleOrDefaultAsync(d => d.Id == id && d.VenueId == venue);
        if (department is null) return NotFound;
        if (await NameProblem(db, venue, name, department.Id) is { } problem) return problem;
        var trimmed = name!.Trim();
        AuditScope.Name(http, "department.rename");
        // Staff keep their department's name as text (bookings, fines and the department head's views compare it):
        // they move with the new name in this same transaction, each row audited as part of the rename.
        var members = await db.Users.Where(u => u.VenueId == venue && u.Department == department.Name).ToListAsync();
        foreach (var member in members) member.Department = trimmed;
        department.Name = trimmed;
        await db.SaveChangesAsync();
        return new(await ViewAsync(db, department));
    }

    public static async Task<DepartmentResult> RetireAsync(HttpContext http, EncoreDb db, TimeProvider clock, Guid id)
    {
        var venue = http.User.VenueId();
        var department = await db.Set<Department>().SingleOrDefaultAsync(d => d.Id == id && d.VenueId == venue);
        if (department is null) return NotFound;
        // A second retire changes nothing and writes nothing.
        if (department.RetiredAt is null)
        {
            AuditScope.Name(http, "department.retire");
            department.RetiredAt = clock.GetUtcNow();
            await db.SaveChangesAsync();
        }
        return new(await ViewAsync(db, department));
    }

    /// <summary>
    /// The GM makes a floor manager (an active member of staff with that role) responsible for a department, or nobody
    /// (an empty badge). Audited; a missing or unknown badge, or someone who is not a floor manager, is refused by the field.
    /// </summary>
    public static async Task<DepartmentResult> AssignFloorManagerAsync(HttpContext http, EncoreDb db, Guid id, string? badge)
    {
        var venue = http.User.VenueId();
        // The badge is required so that a body without it never clears an assignment by accident; "" means nobody.
        if (badge is null) return new(null, [new RuleProblem("badge", "required")]);
        Guid? floorManager = null;
        if (!string.IsNullOrWhiteSpace(badge))
        {
            var v = new Validator().Text("badge", badge, 32);
            if (!v.Ok) return new(null, v.Problems);
            floorManager = await db.StaffIdAsync(venue, badge, activeOnly: true);
            if (floorManager is null) return new(null, [new RuleProblem("badge", "unknown")]);
            if (!await db.HasRoleAsync(floorManager.Value, Roles.FloorManager)) return new(null, [new RuleProblem("badge", "notFloorManager")]);
        }
        var department = await db.Set<Department>().SingleOrDefaultAsync(d => d.Id == id && d.VenueId == venue);
        if (department is null) return NotFound;
        if (department.FloorManagerId != floorManager)
        {
            AuditScope.Name(http, "department.floorManager");
            department.FloorManagerId = floorManager;
            await db.SaveChangesAsync();
        }
        return new(await ViewAsync(db, department));
    }

    private static DepartmentResult NotFound => new(null, Status: 404, RuleKey: "department.notFound");

    public static async Task<IReadOnlyList<DepartmentView>> ListAsync(EncoreDb db, Guid venue)
    {
        var departments = await db.Set<Department>().Where(d => d.VenueId == venue).ToListAsync();
        var counts = await db.Users.Where(u => u.VenueId == venue && u.IsActive && u.Department != "")
            .GroupBy(u => u.Department).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var floorManagerIds = departments.Select(d => d.FloorManagerId).OfType<Guid>().Distinct().ToList();
        var badges = await db.Users.Where(u => floorManagerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName!);
        return departments
            .OrderBy(d => d.RetiredAt is not null).ThenBy(d => d.Name, StringComparer.Ordinal)
            .Select(d => new DepartmentView(d.Id, d.Name, d.RetiredAt is not null, counts.GetValueOrDefault(d.Name),
                d.FloorManagerId is { } fm ? badges.GetValueOrDefault(fm) : null))
            .ToList();
    }

    /// <summary>
    /// The floor manager responsible for the department named <paramref name="department"/>: the GM's assignment, while that
    /// person is active and still a floor manager. Null when nobody is (then nobody is answerable as its floor manager).
    /// </summary>
    public static Task<Guid?> FloorManagerOfAsync(EncoreDb db, Guid venue, string department) =>
        (from d in db.Set<Department>()
         join u in db.Users on d.FloorManagerId equals u.Id
         where d.VenueId == venue && d.Name == department && u.IsActive
               && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.FloorManager))
         select (Guid?)u.Id).FirstOrDefaultAsync();

    /// <summary>Whether <paramref name="name"/> is a department of the venue that takes members now (not retired).</summary>
    public static Task<bool> IsOpenAsync(EncoreDb db, Guid venue, string name) =>
        db.Set<Department>().AnyAsync(d => d.VenueId == venue && d.Name == name && d.RetiredAt == null);

    private static async Task<DepartmentView> ViewAsync(EncoreDb db, Department department) =>
        (await ListAsync(db, department.VenueId)).Single(d => d.Id == department.Id);

    private static async Task<DepartmentResult?> NameProblem(EncoreDb db, Guid venue, string? name, Guid? self)
    {
        var v = new Validator().Text("name", name, 50);
        if (!v.Ok) return new(null, v.Problems);
        var trimmed = name!.Trim();
        return await db.Set<Department>().AnyAsync(d => d.VenueId == venue && d.Name == trimmed && d.Id != self)
            ? new(null, Status: 409, RuleKey: "department.nameTaken", RuleArgs: [trimmed])
            : null;
    }
}
