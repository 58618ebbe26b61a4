using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Encore.Web.Tests;

/// <summary>A page visitor over HTTP with a cookie jar, as a browser signs in: the login form, its antiforgery token.</summary>
public static partial class PageSession
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public static HttpClient Browser(EncoreFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<string> TokenFrom(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return TokenField().Match(html).Groups[1].Value;
    }

    public static async Task<HttpClient> SignedIn(EncoreFactory app, string badge)
    {
        var client = Browser(app);
        var token = await TokenFrom(client, "/login");
        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Venue"] = "main", ["Badge"] = badge, ["Password"] = EncoreFactory.PasswordOf(badge), ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
