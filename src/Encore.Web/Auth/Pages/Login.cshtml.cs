using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Auth.Pages;

[AllowAnonymous]
public sealed class LoginModel(Login login, Texts texts) : PageModel
{
    [BindProperty] public string? Badge { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Badge) || string.IsNullOrEmpty(Password))
        {
            Error = texts["login.missing"];
            return Page();
        }
        var result = await login.CheckAsync(HttpContext, Badge.Trim(), Password);
        switch (result.Outcome)
        {
            case Login.Outcome.Throttled:
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = result.RetryAfterSeconds;
                Error = texts["auth.throttled"];
                return Page();
            case Login.Outcome.Invalid:
                Error = texts["auth.invalid"];
                return Page();
        }
        await login.SignInCookieAsync(HttpContext, result.Principal!);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
