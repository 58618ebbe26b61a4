using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;

namespace Encore.Web.Staff;

public sealed record StaffInput(string? Badge, string? Name, string? Password, IReadOnlyList<string>? Roles, string? Department, string? ManagerBadge);

public sealed record StaffView(Guid Id, string Badge, string Name, IReadOnlyList<string> Roles, string Department, string? ManagerBadge, bool Active);

/// <summary>The outcome of a staff command: problems (400), a rule refused (status + text key), or done.</summary>
public sealed record StaffResult(StaffView? Staff, IReadOnlyList<RuleProblem>? Problems = null, int Status = 200, string? RuleKey = null, object?[]? RuleArgs = null)
{
    public IResult ToProblem() => Problems is { } p ? Platform.Problems.Validation(p) : Platform.Problems.Rule(Status, RuleKey!, RuleArgs ?? []);
    public bool Ok => Staff is not null;
}

/// <summary>What the GM does with staff accounts; used by the API and the staff pages alike.</summary>
public sealed partial class StaffCommands(EncoreDb db, UserManager<StaffMember> users, AccountStatus status, Board.LiveConnections live, TimeProvider clock,
    LoginThrottle throttle, AuditLog audit)
{
    [GeneratedRegex("^[A-Za-z0-9_.-]{1,32}$")]
    private static partial Regex BadgePattern();

    public async Task<StaffResult> CreateAsync(HttpContext http, StaffInput input)
    {
        var venue = http.User.VenueId();
        var v = new Validator()
            .Text("badge", input.Badge, 32)
            .Text("name", input.Name, 50)
            .Text("password", input.Password, 200)
            .Text("department", input.Department, 50, required: false);
        if (input.Badge is { Length: > 0 } b && !BadgePattern().IsMatch(b)) v.Add("badge", "badgeFormat");
        CheckRoles(v, input.Roles);
        await CheckDepartment(v, venue, input.Department, current: null);
        var manager = await ManagerFor(v, venue, input.Roles, input.ManagerBadge);
        if (!v.Ok) return new(null, v.Problems);
        // Unique within the venue (issue 21): another venue may have its own m01.
        if (await FindAsync(venue, input.Badge!) is not null)
            return new(null, Status: 409, RuleKey: "staff.badgeTaken", RuleArgs: [input.Badge]);

        var member = new StaffMember
        {
            UserName = input.Badge,
            VenueId = venue,
            Name = input.Name!.Trim(),
            Department = input.Department?.Trim() ?? "",
            ManagerId = manager?.Id,
            CreatedAt = clock.GetUtcNow(),
        };
        AuditScope.Name(http, "staff.create");
        await using var tx = await db.BeginWriteAsync();
        var created = await users.CreateAsync(member, input.Password!);
        if (!created.Succeeded) return new(null, PasswordProblems(created));
        var roles = await users.AddToRolesAsync(member, input.Roles!.Distinct());
        if (!roles.Succeeded) throw new InvalidOperationException(string.Join("; ", roles.Errors.Select(e => e.Description)));
        await tx.CommitAsync();
        return new(await ViewAsync(venue, member.UserName!));
    }

    public async Task<StaffResult> UpdateAsync(HttpContext http, string badge, StaffInput input)
    {
        var venue = http.User.VenueId();
        var member = await FindAsync(venue, badge);
        if (member is null) return NotFound(badge);
        var v = new Validator().Text("name", input.Name, 50).Text("department", input.Department, 50, required: false);
        CheckRoles(v, input.Roles);
        await CheckDepartment(v, venue, input.Department, current: member.Department);
        var manager = await ManagerFor(v, venue, input.Roles, input.ManagerBadge);
        if (member.Id == http.User.StaffId() && input.Roles?.Contains(Roles.Gm) != true)
            v.Add("roles", "cannotDropOwnGm");
        if (!v.Ok) return new(null, v.Problems);

        AuditScope.Name(http, "staff.update");
        await using var tx = await db.BeginWriteAsync();
        member.Name = input.Name!.Trim();
        member.Department = input.Department?.Trim() ?? "";
        member.ManagerId = manager?.Id;
        var current = await users.GetRolesAsync(member);
        var wanted = input.Roles!.Distinct().ToList();
        await users.RemoveFromRolesAsync(member, current.Except(wanted));
        await users.AddToRolesAsync(member, wanted.Except(current));
        // A change of roles must reach the person's signed-in sessions: a new stamp makes them sign in again.
        var rolesChanged = !current.ToHashSet().SetEquals(wanted);
        if (rolesChanged) await users.UpdateSecurityStampAsync(member);
        else await users.UpdateAsync(member);
        await tx.CommitAsync();
        // Open live connections carry the old roles' groups (full phones, approvals): they end with the change.
        Writes.AfterCommit(() => { status.Forget(member.Id); if (rolesChanged) live.Close(member.Id); });
        return new(await ViewAsync(venue, badge));
    }

    public async Task<StaffResult> ResetPasswordAsync(HttpContext http, string badge, string? password)
    {
        var member = await FindAsync(http.User.VenueId(), badge);
        if (member is null) return NotFound(badge);
        var v = new Validator().Text("password", password, 200);
        if (!v.Ok) return new(null, v.Problems);
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, member, password);
            if (!check.Succeeded) return new(null, PasswordProblems(check));
        }
        AuditScope.Name(http, "staff.resetPassword");
        // RemovePassword + AddPassword each save; one transaction keeps the account from being left without one.
        await using var tx = await db.BeginWriteAsync();
        await users.RemovePasswordAsync(member);
        var added = await users.AddPasswordAsync(member, password!);
        if (!added.Succeeded) return new(null, PasswordProblems(added));
        await tx.CommitAsync();
        // A new password starts its login count afresh: the person is about to sign in with it.
        var account = await LoginAccountAsync(member);
        Writes.AfterCommit(() => { status.Forget(member.Id); live.Close(member.Id); throttle.Unlock(account); });
        return new(await ViewAsync(member.VenueId, badge));
    }

    public async Task<StaffResult> SetActiveAsync(HttpContext http, string badge, bool active)
    {
        var member = await FindAsync(http.User.VenueId(), badge);
        if (member is null) return NotFound(badge);
        if (!active && member.Id == http.User.StaffId())
            return new(null, Status: 409, RuleKey: "staff.cannotDisableSelf");
        // The bootstrap account is the installation's way back in (API.md: it stays the GM of the first venue, and is the
        // chain admin). Known by both, so another venue's own "admin" is an ordinary account.
        if (!active && string.Equals(member.UserName, Data.Startup.AdminBadge, StringComparison.OrdinalIgnoreCase)
            && await users.IsInRoleAsync(member, Roles.ChainAdmin))
            return new(null, Status: 409, RuleKey: "staff.cannotDisableBootstrap", RuleArgs: [member.UserName]);
        AuditScope.Name(http, active ? "staff.enable" : "staff.disable");
        member.IsActive = active;
        await users.UpdateSecurityStampAsync(member);
        Writes.AfterCommit(() => { status.Forget(member.Id); live.Close(member.Id); });
        return new(await ViewAsync(member.VenueId, badge));
    }

    /// <summary>
    /// Lifts the login delay of one of the venue's accounts at once (someone tried its password; the person is at the
    /// door). Audited with what it lifted; answers the account even when nothing was delayed (the floor manager's
    /// second tap changes nothing).
    /// </summary>
    public async Task<StaffResult> UnlockAsync(HttpContext http, string badge)
    {
        var member = await FindAsync(http.User.VenueId(), badge);
        if (member is null) return NotFound(badge);
        var account = await LoginAccountAsync(member);
        var held = throttle.Of(account);
        await audit.WriteAsync(http.User, "staff.unlock", nameof(StaffMember), member.UserName!,
            held is null ? null : new { held.Failures, delayedUntil = held.Until }, null);
        Writes.AfterCommit(() => throttle.Unlock(account));
        return new(await ViewAsync(member.VenueId, badge));
    }

    /// <summary>The venue's accounts whose next login must wait now, soonest free last.</summary>
    public async Task<IReadOnlyList<(StaffView Staff, LoginThrottle.Delay Delay)>> DelayedAsync(Guid venue)
    {
        var delays = throttle.DelayedAccounts().ToDictionary(d => d.Badge);
        if (delays.Count == 0) return [];
        var code = await VenueCodeAsync(venue);
        return (await ListAsync(venue))
            .Where(s => delays.ContainsKey(LoginThrottle.Account(code, s.Badge)))
            .Select(s => (s, delays[LoginThrottle.Account(code, s.Badge)]))
            .OrderByDescending(x => x.Item2.Until)
            .ToList();
    }

    public async Task<IReadOnlyList<StaffView>> ListAsync(Guid venue)
    {
        var rows = await db.Users.Where(u => u.VenueId == venue).OrderBy(u => u.UserName)
            .Select(u => new
            {
                u.Id, u.UserName, u.Name, u.Department, u.IsActive,
                ManagerBadge = db.Users.Where(m => m.Id == u.ManagerId).Select(m => m.UserName).FirstOrDefault(),
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).ToList(),
            })
            .ToListAsync();
        return rows.Select(r => new StaffView(r.Id, r.UserName!, r.Name, r.Roles.Select(x => x!).Order().ToList(), r.Department, r.ManagerBadge, r.IsActive)).ToList();
    }

    public async Task<StaffView?> ViewAsync(Guid venue, string badge) =>
        (await ListAsync(venue)).FirstOrDefault(s => s.Badge.Equals(badge, StringComparison.OrdinalIgnoreCase));

    /// <summary>The login throttle's account of a member of staff: their venue's code and their badge.</summary>
    private async Task<string> LoginAccountAsync(StaffMember member) => LoginThrottle.Account(await VenueCodeAsync(member.VenueId), member.UserName!);

    private Task<string> VenueCodeAsync(Guid venue) => db.Venues.Where(v => v.Id == venue).Select(v => v.Code).SingleAsync();

    private Task<StaffMember?> FindAsync(Guid venue, string badge) => db.MemberAsync(venue, users.NormalizeName(badge));

    private static StaffResult NotFound(string badge) => new(null, Status: 404, RuleKey: "staff.notFound", RuleArgs: [badge]);

    private static void CheckRoles(Validator v, IReadOnlyList<string>? roles)
    {
        if (roles is null || roles.Count == 0) { v.Add("roles", "required"); return; }
        foreach (var role in roles.Where(r => !Roles.All.Contains(r)))
            v.Add("roles", "oneOf", string.Join("|", Roles.All));
    }

    /// <summary>
    /// A department is one of the venue's departments the GM keeps (Departments.cs), not retired; empty means none.
    /// A member of staff may keep the department they are in even after it was retired (an edit of their name alone).
    /// </summary>
    private async Task CheckDepartment(Validator v, Guid venue, string? department, string? current)
    {
        var name = department?.Trim();
        if (string.IsNullOrEmpty(name) || name == current) return;
        if (!await Departments.IsOpenAsync(db, venue, name)) v.Add("department", "unknownDepartment", name);
    }

    /// <summary>A promoter works under one customer manager of the same venue (SPEC.md "promoter").</summary>
    private async Task<StaffMember?> ManagerFor(Validator v, Guid venue, IReadOnlyList<string>? roles, string? managerBadge)
    {
        var isPromoter = roles?.Contains(Roles.Promoter) == true;
        if (string.IsNullOrWhiteSpace(managerBadge))
        {
            if (isPromoter) v.Add("managerBadge", "required");
            return null;
        }
        var manager = await FindAsync(venue, managerBadge);
        if (manager is null || !await users.IsInRoleAsync(manager, Roles.Manager))
        {
            v.Add("managerBadge", "notAManager", managerBadge);
            return null;
        }
        return manager;
    }

    /// <summary>Identity's refusals as the fields' problems; <paramref name="prefix"/> names the object the fields are in ("gm.").</summary>
    public static IReadOnlyList<RuleProblem> PasswordProblems(IdentityResult result, string prefix = "") =>
        result.Errors.Select(e => e.Code switch
        {
            nameof(IdentityErrorDescriber.PasswordTooShort) => new RuleProblem(prefix + "password", "minLength", 8),
            nameof(IdentityErrorDescriber.PasswordRequiresDigit) => new RuleProblem(prefix + "password", "passwordDigit"),
            nameof(IdentityErrorDescriber.DuplicateUserName) => new RuleProblem(prefix + "badge", "unique"),
            nameof(IdentityErrorDescriber.InvalidUserName) => new RuleProblem(prefix + "badge", "badgeFormat"),
            _ => new RuleProblem(prefix + "password", "passwordWeak"),
        }).Distinct().ToList();
}
