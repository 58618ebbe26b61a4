using Microsoft.AspNetCore.Http.Features;

namespace Encore.Web.Platform;

/// <summary>
/// How large a request body may be, decided before anyone is signed in: about 1 MB everywhere, more only on the
/// routes that take a file (<see cref="AcceptsUploads{TBuilder}"/>: the CSV imports, evidence photos). A larger body
/// is refused with 413 from its Content-Length before it is read, and Kestrel stops reading a chunked one at the
/// limit, so nobody fills the server's memory with bodies sent to the sign-in route.
/// </summary>
public static class RequestLimits
{
    public const long BodyBytes = 1024 * 1024;
    public const long UploadBytes = 16 * 1024 * 1024;

    private sealed record UploadLimit(long Bytes);

    public static TBuilder AcceptsUploads<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new UploadLimit(UploadBytes));

    public static void UseRequestBodyLimits(this WebApplication app) => app.Use(async (ctx, next) =>
    {
        var limit = ctx.GetEndpoint()?.Metadata.GetMetadata<UploadLimit>()?.Bytes ?? BodyBytes;
        if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        if (ctx.Request.ContentLength > limit)
        {
            await Problems.Rule(StatusCodes.Status413PayloadTooLarge, "request.tooLarge", limit / 1024 / 1024).ExecuteAsync(ctx);
            return;
        }
        await next();
    });

    /// <summary>
    /// Query and route values are text a handler may hand to the database: one with a control character (NUL above
    /// all, which PostgreSQL refuses in any text with an error) is refused with 400 naming the parameter, as
    /// <see cref="Validator.Text"/> refuses it in a body. Tab and line breaks stay allowed, as there.
    /// </summary>
    public static void UseQueryValueGuard(this WebApplication app) => app.Use(async (ctx, next) =>
    {
        var bad = ctx.Request.Query.Where(q => q.Value.Any(HasControlChars)).Select(q => q.Key)
            .Concat(ctx.Request.RouteValues.Where(r => r.Value is string s && HasControlChars(s)).Select(r => r.Key))
            .FirstOrDefault();
        if (bad is not null)
        {
            await Problems.Validation(bad, "controlChars").ExecuteAsync(ctx);
            return;
        }
        await next();
    });

    private static bool HasControlChars(string? value) => value is not null && Validator.HasControlChars(value);
}
