using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Staff.Pages;

/// <summary>The floor manager's view of whose logins wait after failed tries, with the unlock (the same command as the API's).</summary>
[Requires(Capability.UnlockLogins)]
public sealed class LoginDelaysModel(StaffCommands commands, Texts texts) : PageModel
{
    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }
    public IReadOnlyList<(StaffView Staff, LoginThrottle.Delay Delay)> Delayed { get; private set; } = [];

    /// <summary>Whole seconds left, rounded up (the delay runs on real time, not the venue's clock).</summary>
    public static int SecondsLeft(LoginThrottle.Delay delay) => Math.Max(1, (int)Math.Ceiling(delay.Left.TotalSeconds));

    public async Task OnGetAsync() => Delayed = await commands.DelayedAsync(User.VenueId());

    public async Task<IActionResult> OnPostUnlockAsync(string badge)
    {
        var result = await commands.UnlockAsync(HttpContext, badge);
        if (result.Ok)
        {
            Message = texts["staff.unlocked", result.Staff!.Badge];
            return RedirectToPage();
        }
        Error = string.Format(CultureInfo.CurrentUICulture, texts[result.RuleKey!], result.RuleArgs ?? []);
        Delayed = await commands.DelayedAsync(User.VenueId());
        Response.StatusCode = result.Status;
        return Page();
    }
}
