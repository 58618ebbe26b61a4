using Microsoft.AspNetCore.Authorization;
using DepartmentCommands = Encore.Web.Staff.Departments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Staff.Pages;

[Requires(Capability.ManageStaff)]
public sealed class StaffIndexModel(StaffCommands commands, EncoreDb db, TimeProvider clock, Texts texts) : PageModel
{
    public sealed class StaffForm
    {
        public string? Badge { get; set; }
        public string? Name { get; set; }
        public string? Password { get; set; }
        public string? Department { get; set; }
        public List<string>? Roles { get; set; }
        public string? ManagerBadge { get; set; }
    }

    [BindProperty] public StaffForm? Input { get; set; }
    [TempData] public string? Message { get; set; }
    public IReadOnlyList<StaffView> Staff { get; private set; } = [];
    public IReadOnlyList<DepartmentView> Departments { get; private set; } = [];
    public List<string> Errors { get; } = [];

    /// <summary>No "disable" on the GM's own row nor on the bootstrap account: the API refuses both (409).</summary>
    public bool CanDisable(StaffView s) =>
        s.Id != User.StaffId() && !string.Equals(s.Badge, Data.Startup.AdminBadge, StringComparison.OrdinalIgnoreCase);

    /// <summary>The customer managers a promoter may work under, for the manager picker.</summary>
    public IEnumerable<StaffView> Managers => Staff.Where(s => s.Active && s.Roles.Contains(Roles.Manager));

    /// <summary>Who may be made responsible for a department: the active floor managers.</summary>
    public IEnumerable<StaffView> FloorManagers => Staff.Where(s => s.Active && s.Roles.Contains(Roles.FloorManager));

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var f = Input ?? new StaffForm();
        return await Handle(commands.CreateAsync(HttpContext, new StaffInput(f.Badge, f.Name, f.Password, f.Roles ?? [], f.Department, f.ManagerBadge)), "staff.created");
    }

    public async Task<IActionResult> OnPostEditAsync(string badge)
    {
        var f = Input ?? new StaffForm();
        return await Handle(commands.UpdateAsync(HttpContext, badge, new StaffInput(badge, f.Name, null, f.Roles ?? [], f.Department, f.ManagerBadge)), "staff.updated");
    }

    public Task<IActionResult> OnPostPasswordAsync(string badge, string? password) =>
        Handle(commands.ResetPasswordAsync(HttpContext, badge, password), "staff.passwordReset");

    public Task<IActionResult> OnPostDisableAsync(string badge) =>
        Handle(commands.SetActiveAsync(HttpContext, badge, active: false), "staff.disabledDone");

    public Task<IActionResult> OnPostEnableAsync(string badge) =>
        Handle(commands.SetActiveAsync(HttpContext, badge, active: true), "staff.enabledDone");

    public async Task<IActionResult> OnPostDepartmentAddAsync(string? name)
    {
        var r = await DepartmentCommands.CreateAsync(HttpContext, db, clock, name);
        return await Done(r.Ok, r.Problems, r.RuleKey, r.RuleArgs, "staff.departmentAdded", r.Department?.Name);
    }

    public async Task<IActionResult> OnPostDepartmentRenameAsync(Guid id, string? name)
    {
        var r = await DepartmentCommands.RenameAsync(HttpContext, db, id, name);
        return await Done(r.Ok, r.Problems, r.RuleKey, r.RuleArgs, "staff.departmentRenamed", r.Department?.Name);
    }

    public async Task<IActionResult> OnPostDepartmentFloorManagerAsync(Guid id, string? badge)
    {
        // The picker's "nobody" option posts an empty value, which model binding turns into null.
        var r = await DepartmentCommands.AssignFloorManagerAsync(HttpContext, db, id, badge ?? "");
        return await Done(r.Ok, r.Problems, r.RuleKey, r.RuleArgs, "staff.departmentFloorManagerSet", r.Department?.Name);
    }

    public async Task<IActionResult> OnPostDepartmentRetireAsync(Guid id)
    {
        var r = await DepartmentCommands.RetireAsync(HttpContext, db, clock, id);
        return await Done(r.Ok, r.Problems, r.RuleKey, r.RuleArgs, "staff.departmentRetiredDone", r.Department?.Name);
    }

    private async Task<IActionResult> Handle(Task<StaffResult> command, string doneKey)
    {
        var result = await command;
        return await Done(result.Ok, result.Problems, result.RuleKey, result.RuleArgs, doneKey, result.Staff?.Badge);
    }

    private async Task<IActionResult> Done(bool ok, IReadOnlyList<RuleProblem>? problems, string? ruleKey, object?[]? ruleArgs, string doneKey, string? what)
    {
        if (ok)
        {
            Message = texts[doneKey, what];
            return RedirectToPage();
        }
        Errors.AddRange(problems is { } list
            ? list.Select(Problems.Message)
            : [string.Format(System.Globalization.CultureInfo.CurrentUICulture, texts[ruleKey!], ruleArgs ?? [])]);
        await LoadAsync();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync()
    {
        Staff = await commands.ListAsync(User.VenueId());
        Departments = await DepartmentCommands.ListAsync(db, User.VenueId());
    }
}
