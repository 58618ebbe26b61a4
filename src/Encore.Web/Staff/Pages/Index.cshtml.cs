using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Staff.Pages;

[Requires(Capability.ManageStaff)]
public sealed class StaffIndexModel(StaffCommands commands, Texts texts) : PageModel
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
    public List<string> Errors { get; } = [];

    public async Task OnGetAsync() => Staff = await commands.ListAsync(User.VenueId());

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var f = Input ?? new StaffForm();
        return await Handle(commands.CreateAsync(HttpContext, new StaffInput(f.Badge, f.Name, f.Password, f.Roles ?? [], f.Department, f.ManagerBadge)), "staff.created");
    }

    public Task<IActionResult> OnPostPasswordAsync(string badge, string? password) =>
        Handle(commands.ResetPasswordAsync(HttpContext, badge, password), "staff.passwordReset");

    public Task<IActionResult> OnPostDisableAsync(string badge) =>
        Handle(commands.SetActiveAsync(HttpContext, badge, active: false), "staff.disabledDone");

    public Task<IActionResult> OnPostEnableAsync(string badge) =>
        Handle(commands.SetActiveAsync(HttpContext, badge, active: true), "staff.enabledDone");

    private async Task<IActionResult> Handle(Task<StaffResult> command, string doneKey)
    {
        var result = await command;
        if (result.Ok)
        {
            Message = texts[doneKey, result.Staff!.Badge];
            return RedirectToPage();
        }
        Errors.AddRange(result.Problems is { } problems
            ? problems.Select(Problems.Message)
            : [string.Format(System.Globalization.CultureInfo.CurrentUICulture, texts[result.RuleKey!], result.RuleArgs ?? [])]);
        Staff = await commands.ListAsync(User.VenueId());
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
