namespace Encore.Web.Platform;

/// <summary>
/// What an API operation answers, for the OpenAPI document (/openapi/v1.json): the success body's schema, and the
/// RFC 9457 problem answers any Encore route may give — 400 with the fields and rules that failed, 401 without a
/// sign-in, 403 for a role or an ownership rule, 404 for a row the caller may not see, 409 when the state or
/// another request won, 422 for an Idempotency-Key reused with another body. A test fails when an operation
/// documents no success schema (OpenApiTests).
/// </summary>
public static class ApiAnswers
{
    public static RouteHandlerBuilder Answers<T>(this RouteHandlerBuilder endpoint, int status = StatusCodes.Status200OK) =>
        endpoint.Produces<T>(status).WithProblems();

    /// <summary>Success without a body (204).</summary>
    public static RouteHandlerBuilder AnswersNothing(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces(StatusCodes.Status204NoContent).WithProblems();

    /// <summary>A body that is a file rather than JSON (CSV, a photo): documented as a string in that media type.</summary>
    public static RouteHandlerBuilder AnswersFile(this RouteHandlerBuilder endpoint, string contentType) =>
        endpoint.Produces(StatusCodes.Status200OK, typeof(string), contentType).WithProblems();

    private static RouteHandlerBuilder WithProblems(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
