using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Auth.Pages;

[AllowAnonymous]
public sealed class LoginModel(Login login, Texts texts) : PageModel
{
    /// <summary>The last venue code that signed in on this browser, so a venue's phones and desk need not type it every night.</summary>
    private const string VenueCookie = "encore.venue";

    /// <summary>The venue's code (issue 21); asked for only once the installation has more than one venue.</summary>
    [BindProperty] public string? Venue { get; set; }
    [BindProperty] public string? Badge { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }
    public bool AsksVenue { get; private set; }

    public async Task OnGetAsync()
    {
        AsksVenue = await login.SeveralVenuesAsync();
        Venue ??= Request.Cookies[VenueCookie];
    }

    public async Task<IActionResult> OnPostAsync()
    {
        AsksVenue = await login.SeveralVenuesAsync();
        if (AsksVenue && string.IsNullOrWhiteSpace(Venue))
        {
            Error = texts["login.venueMissing"];
            return Page();
        }
        if (string.IsNullOrWhiteSpace(Badge) || string.IsNullOrEmpty(Password))
        {
            Error = texts["login.missing"];
            return Page();
        }
        var result = await login.CheckAsync(HttpContext, Venue, Badge.Trim(), Password);
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
            case Login.Outcome.VenueRequired:
                Error = texts["login.venueMissing"];
                return Page();
        }
        await login.SignInCookieAsync(HttpContext, result.Principal!);
        if (Login.VenueCode(Venue) is { } code)
            Response.Cookies.Append(VenueCookie, code, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
