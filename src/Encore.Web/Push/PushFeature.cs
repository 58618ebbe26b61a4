namespace Encore.Web.Push;

/// <summary>
/// Web Push settings: <c>ENCORE_PUSH_SUBJECT</c> (Encore:Push:Subject), the contact the push services see (a
/// mailto: or https: address of whoever runs Encore); <c>Encore:Push:AllowAnyEndpoint</c> accepts push services on
/// plain http or inside the network (a venue's own relay; the tests' local push service).
/// </summary>
public sealed record PushOptions(string Subject, bool AllowAnyEndpoint);

public sealed class PushFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var subject = config["Encore:Push:Subject"] ?? config["ENCORE_PUSH_SUBJECT"];
        var allowAny = (config["Encore:Push:AllowAnyEndpoint"] ?? config["ENCORE_PUSH_ALLOW_ANY_ENDPOINT"]) is "1" or "true";
        builder.Services.AddSingleton(new PushOptions(subject is { Length: > 0 } s ? s : "mailto:encore@localhost", allowAny));
        builder.Services.AddSingleton<PushSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PushSender>());
    }

    public static void Map(IEndpointRouteBuilder app) => PushApi.Map(app);
}
