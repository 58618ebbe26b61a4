using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Encore.Web.Platform;

/// <summary>
/// Every error leaves Encore as RFC 9457 problem details from here: 400 names the field and the rule,
/// 403/404/409 name the rule, in the request's language.
/// </summary>
public static partial class Problems
{
    /// <summary>400 with one message per problem, each naming its field.</summary>
    public static IResult Validation(IEnumerable<RuleProblem> problems)
    {
        var list = problems.ToList();
        var errors = list.GroupBy(p => p.Field)
            .ToDictionary(g => g.Key, g => g.Select(Message).ToArray());
        return TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = Text("problem.validation"),
            Detail = string.Join("；", list.Select(Message)),
            Type = "https://encore.example/problems/validation",
            Extensions = { ["errors"] = errors },
        });
    }

    public static IResult Validation(string field, string rule, params object[] args) =>
        Validation([new RuleProblem(field, rule, args)]);

    /// <summary>A broken business rule (403, 404, 409) with a message from the texts.</summary>
    public static IResult Rule(int status, string textKey, params object?[] args) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Title = Text($"problem.{status}"),
            Detail = string.Format(CultureInfo.CurrentUICulture, Text(textKey), args),
            Type = $"https://encore.example/problems/{textKey}",
        });

    public static string Message(RuleProblem p)
    {
        // Rules whose arguments name other fields (or CSV columns) show those by their labels too.
        var namesFields = p.Rule is "order" or "requiredEither" or "minMax" or "csvRange" or "csvMoney";
        var args = p.Args.Select((a, i) => (object?)(namesFields && i == 0 && a is string other
                ? string.Join(" + ", other.Split(" + ").Select(Label))
                : Convert.ToString(a, CultureInfo.InvariantCulture)))
            .Prepend(Label(p.Field)).ToArray();
        return string.Format(CultureInfo.CurrentUICulture, Text($"rule.{p.Rule}"), args);
    }

    /// <summary>
    /// The words a person sees for a field (issue 13: "客人姓名：必填", not "字段 customerName：必填"): its
    /// "field.{path}" text, else the house rules page's "rules.{path}" label; an indexed item
    /// (<c>comps[0].item</c>) as "赠送第1项 品名" built from its list's label; a CSV line (<c>line 5</c>) as "第 5 行".
    /// A field without a label shows its JSON name, so a missing text never hides which field is meant.
    /// </summary>
    public static string Label(string field)
    {
        // A house rule's path (bookings.cleaningMinutes) has the label its page shows; a bare name is never looked up
        // there, since "rules.note" and the like are page texts, not labels.
        if ((TryText($"field.{field}") ?? (field.Contains('.') ? TryText($"rules.{field}") : null)) is { } label) return label;
        if (IndexedField().Match(field) is { Success: true } m)
        {
            var item = int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture) + 1;
            var list = m.Groups["list"].Value;
            var child = m.Groups["child"].Value;
            var childLabel = child.Length == 0 ? ""
                : TryText($"field.{list}[].{child}") ?? TryText($"field.{child}") ?? child;
            return string.Format(CultureInfo.CurrentUICulture, Text("field.indexed"), Label(list), item, childLabel).TrimEnd();
        }
        if (CsvLine().Match(field) is { Success: true } line)
            return string.Format(CultureInfo.CurrentUICulture, Text("field.line"), line.Groups["line"].Value);
        return field;
    }

    private static string? TryText(string key) => Text(key) is var text && text != key ? text : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<list>[A-Za-z.]+)\[(?<index>\d{1,6})\](?:\.(?<child>[A-Za-z.]+))?$")]
    private static partial System.Text.RegularExpressions.Regex IndexedField();

    [System.Text.RegularExpressions.GeneratedRegex(@"^line (?<line>\d+)$")]
    private static partial System.Text.RegularExpressions.Regex CsvLine();

    private static string Text(string key) => Texts.Get(key, CultureInfo.CurrentUICulture);

    /// <summary>
    /// The body of an API answer that has a status and nothing else: problem details in the request's language. A 400
    /// from a query or route value that does not parse as its parameter's type names that parameter: the build-time
    /// request delegates answer a nullable parameter's bad value (<c>?mine=maybe</c> for <c>bool? mine</c>) with a bare
    /// 400 instead of the exception <see cref="BadInputHandler"/> names it from, so the value is parsed again here.
    /// </summary>
    public static async Task ForStatusAsync(Microsoft.AspNetCore.Diagnostics.StatusCodeContext status)
    {
        var http = status.HttpContext;
        if (http.Features.Get<Microsoft.AspNetCore.Localization.IRequestCultureFeature>() is { } culture)
            CultureInfo.CurrentUICulture = culture.RequestCulture.UICulture;
        if (http.Response.StatusCode == StatusCodes.Status400BadRequest && UnboundParameter(http) is { } problem)
        {
            await Validation([problem]).ExecuteAsync(http);
            return;
        }
        // As UseStatusCodePages() without a handler does: problem details when a writer takes the request, else plain text.
        if (!await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = http.Response.StatusCode },
            }))
        {
            http.Response.ContentType = "text/plain";
            await http.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"Status Code: {http.Response.StatusCode}"));
        }
    }

    /// <summary>The first query or route value of the endpoint's parameters that does not parse as its type.</summary>
    private static RuleProblem? UnboundParameter(HttpContext http)
    {
        var parameters = http.GetEndpoint()?.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Http.Metadata.IParameterBindingMetadata>() ?? [];
        foreach (var parameter in parameters.Where(p => p.HasTryParse))
        {
            var raw = http.Request.RouteValues.TryGetValue(parameter.Name, out var route) ? Convert.ToString(route, CultureInfo.InvariantCulture)
                : http.Request.Query.TryGetValue(parameter.Name, out var query) ? query.ToString() : null;
            if (string.IsNullOrEmpty(raw)) continue;
            var type = Nullable.GetUnderlyingType(parameter.ParameterInfo.ParameterType) ?? parameter.ParameterInfo.ParameterType;
            if (!Parses(type, raw)) return new RuleProblem(char.ToLowerInvariant(parameter.Name[0]) + parameter.Name[1..], "type");
        }
        return null;
    }

    private static bool Parses(Type type, string raw)
    {
        if (type.IsEnum) return Enum.TryParse(type, raw, ignoreCase: true, out _);
        var parsable = type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IParsable<>) && i.GenericTypeArguments[0] == type);
        if (!parsable) return true; // not a type this check knows how to read: leave the plain 400
        return (bool)typeof(Problems).GetMethod(nameof(TryParse), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, [raw])!;
    }

    private static bool TryParse<T>(string raw) where T : IParsable<T> => T.TryParse(raw, CultureInfo.InvariantCulture, out _);

    public static void AddEncoreProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Title ??= Text($"problem.{c.ProblemDetails.Status}");
            if (c.ProblemDetails.Detail is null && c.ProblemDetails.Status is { } status)
                c.ProblemDetails.Detail = Text($"problem.{status}.detail");
        });
        services.AddExceptionHandler<BadInputHandler>();
        // Minimal APIs report unreadable bodies as exceptions so BadInputHandler can name the field.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
    }

    /// <summary>
    /// Turns input that cannot be read into a 400 naming the field: a body (bad JSON, wrong types) by its JSON path,
    /// a query or route value that is not of its parameter's type (<c>?page=99999999999999999999</c>,
    /// <c>?mine=maybe</c>) by the parameter's name.
    /// </summary>
    private sealed partial class BadInputHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
        {
            if (exception is not BadHttpRequestException bad) return false;
            var json = FindInner<JsonException>(exception);
            var problem = json?.Path is { Length: > 2 } path ? new RuleProblem(path.TrimStart('$', '.'), "type")
                : json is null && Parameter(context.Request, bad.Message) is { } parameter ? parameter
                : new RuleProblem("body", json is null ? "unreadable" : "type");
            var field = problem.Field;
            context.Response.StatusCode = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : 400;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = context.Response.StatusCode,
                    Title = Text("problem.validation"),
                    Detail = Message(problem),
                    Type = "https://encore.example/problems/validation",
                    Extensions = { ["errors"] = new Dictionary<string, string[]> { [field] = [Message(problem)] } },
                },
                Exception = exception,
            });
        }

        /// <summary>
        /// The query or route parameter a binding failure is about. Minimal APIs say which only in the message
        /// ("Failed to bind parameter "int Page" from "…"", "Required parameter "… x" was not provided from query
        /// string"); a name that is no query or route value of the request is the body's, left to the caller.
        /// </summary>
        private static RuleProblem? Parameter(HttpRequest request, string message)
        {
            if (BindingMessage().Match(message) is not { Success: true } m) return null;
            var name = m.Groups["name"].Value;
            var field = char.ToLowerInvariant(name[0]) + name[1..];
            if (request.Query.ContainsKey(name) || request.RouteValues.ContainsKey(name)) return new RuleProblem(field, "type");
            return m.Groups["missing"].Success && !message.EndsWith("body.", StringComparison.Ordinal) ? new RuleProblem(field, "required") : null;
        }

        [System.Text.RegularExpressions.GeneratedRegex("""parameter "(?:[^"]* )?(?<name>[^" ]+)"(?<missing> was not provided)?""")]
        private static partial System.Text.RegularExpressions.Regex BindingMessage();

        private static T? FindInner<T>(Exception? e) where T : Exception
        {
            for (; e is not null; e = e.InnerException)
                if (e is T match) return match;
            return null;
        }
    }
}

/// <summary>Collects the problems of one request's input; handlers check <see cref="Ok"/> before writing.</summary>
public sealed class Validator
{
    private readonly List<RuleProblem> problems = [];

    public bool Ok => problems.Count == 0;
    public IReadOnlyList<RuleProblem> Problems => problems;
    public IResult ToResult() => Platform.Problems.Validation(problems);

    public Validator Add(RuleProblem problem) { problems.Add(problem); return this; }

    public Validator Add(string field, string rule, params object[] args) => Add(new RuleProblem(field, rule, args));

    /// <summary>No problem with <paramref name="field"/> so far: its value may be asked of the database before the rest is checked.</summary>
    public bool Accepted(string field) => !problems.Exists(p => p.Field == field);

    /// <summary>
    /// Free text and names. A value of only invisible characters (spaces, zero-width characters, soft hyphens: Unicode
    /// formats) counts as empty, so a name cannot be blank to the eye; direction overrides, embeddings and isolates
    /// (U+202A–U+202E, U+2066–U+2069) are refused in every text, since they make what staff read differ from what is
    /// stored (a name or a reason that displays reversed). Zero-width joiners inside visible text (emoji) stay.
    /// </summary>
    public Validator Text(string field, string? value, int maxLength, bool required = true)
    {
        if (value is null || value.All(IsInvisible))
        {
            if (required) Add(field, "required");
            else if (value is { Length: > 0 } && !string.IsNullOrWhiteSpace(value)) Add(field, "invisibleOnly");
        }
        else if (value.Length > maxLength) Add(field, "maxLength", maxLength);
        else if (HasControlChars(value)) Add(field, "controlChars");
        else if (value.Any(IsDirectionControl)) Add(field, "directionOverride");
        return this;
    }

    /// <summary>A control character other than tab and line breaks (NUL, bell, escape…): no text Encore keeps has one.</summary>
    public static bool HasControlChars(string value) => value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t');

    private static bool IsInvisible(char c) =>
        char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format || c == '\u3164' || c == '\u115F' || c == '\u1160';

    private static bool IsDirectionControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    public Validator Range(string field, decimal? value, decimal min, decimal max, bool required = true)
    {
        if (value is null) { if (required) Add(field, "required"); }
        else if (value < min || value > max) Add(field, "range", min, max);
        return this;
    }

    /// <summary>
    /// An enum value the JSON reader let through as a number outside the type (e.g. "roomType": 9): refused naming the
    /// field and listing the type's codes.
    /// </summary>
    public Validator Defined<T>(string field, T? value) where T : struct, Enum
    {
        if (value is { } given && !Enum.IsDefined(given)) Add(field, "oneOf", string.Join("|", Enum.GetValues<T>().Select(e => e.Code())));
        return this;
    }

    public Validator OneOf(string field, string? value, IReadOnlyCollection<string> allowed, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value)) { if (required) Add(field, "required"); }
        else if (!allowed.Contains(value)) Add(field, "oneOf", string.Join("|", allowed));
        return this;
    }
}
