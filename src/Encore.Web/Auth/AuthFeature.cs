namespace Encore.Web.Auth;

/// <summary>Sign-in and sign-out (API.md "Auth").</summary>
public sealed class AuthFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Login>();
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapAuthApi();
    }
}
