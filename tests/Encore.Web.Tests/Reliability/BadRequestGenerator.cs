using System.Text.Json;
using System.Text.RegularExpressions;

namespace Encore.Web.Tests.Reliability;

/// <summary>
/// Bad requests made from Encore's OpenAPI document: for every operation, bad bodies (writes) and extreme values for
/// each of its query and route parameters. One generator for the fuzz tests (BadInputTests) and the bench's
/// bad-input run (bench/Encore.Bench/BadInput.cs links this file), so both send the same kinds of input. It depends on
/// nothing but System.Text.Json: the bench does not reference the test project.
/// </summary>
public static class BadRequestGenerator
{
    private static readonly string Huge = new('字', 20_000);

    /// <summary>Bodies no write expects: wrong shapes and types, huge strings, SQL and script text, odd Unicode, broken JSON.</summary>
    public static readonly string[] Bodies =
    [
        "{}",
        "[]",
        "null",
        "\"text\"",
        "{\"badge\": 12, \"roomNumber\": [], \"spend\": \"lots\", \"discount\": {}, \"arrival\": true, \"partySize\": \"many\"}",
        "{\"customerName\": \"" + Huge + "\", \"customerPhone\": \"" + Huge + "\", \"reason\": \"" + Huge + "\", \"note\": \"" + Huge + "\"}",
        "{\"customerName\": \"x'; DROP TABLE bookings; --\", \"reason\": \"<script>alert(1)</script>\", \"badge\": \"' OR 1=1 --\", \"roomNumber\": \"101' --\"}",
        "{\"customerName\": \"\\u0000\\u202e\\ud83d\\ude00\", \"reason\": \"\\u0007\", \"evidence\": \"\\ufeff\"}",
        "{\"spend\": -1, \"discount\": 1e308, \"partySize\": -5, \"fine\": 99999999999, \"tip\": -3, \"busy\": \"yes\"}",
        "{\"bookingId\": \"00000000-0000-0000-0000-000000000000\", \"approvalId\": \"not-a-guid\", \"sessionId\": \"01a209d0-8497-7c2a-a7d3-68c149d6a405\"}",
        "{not json",
        // Extreme numbers and dates in the fields that carry them.
        "{\"spend\": 92233720368547758.07, \"discount\": 79228162514264337593543950335, \"roomCharge\": 1e30, \"partySize\": 2147483648, \"fine\": -0.001, \"tip\": 1e-30, \"rooms\": 9223372036854775808, \"price\": 1e400, \"capacity\": -2147483649, \"satisfaction\": 99999999999999999999}",
        "{\"arrival\": \"0001-01-01T00:00:00\", \"from\": \"0001-01-01T00:00:00+14:00\", \"to\": \"9999-12-31T23:59:59-14:00\", \"businessDay\": \"9999-12-31\", \"month\": \"0001-01\", \"partySize\": 4}",
        "{\"arrival\": \"9999-12-31T23:59:59\", \"from\": \"9999-12-31\", \"to\": \"0001-01-01\", \"spend\": 10000000.01, \"discount\": 0.001, \"fineMin\": 1000000.01, \"fineMax\": -1}",
    ];

    /// <summary>
    /// Values for a query or route parameter: dates and months at and past the calendar's ends and impossible ones,
    /// instants that overflow with their offset, numbers past every integer type, not numbers, long and odd strings.
    /// </summary>
    public static readonly string[] ExtremeValues =
    [
        "0001-01-01", "9999-12-31", "0000-00-00", "2026-02-30", "-2026-11-20", "+2026-11-20",
        "0001-01", "9999-12", "2026-13", "2026-00", "10000-01",
        "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00", "9999-12-31T23:59:59.9999999",
        "-1", "0", "2147483647", "-2147483648", "2147483648", "-2147483649", "9223372036854775808", "-9223372036854775809", "99999999999999999999",
        "79228162514264337593543950336", "1e30", "1e400", "-1e-30", "NaN", "Infinity", "-Infinity", "0x10", "1,000",
        "true", "null", "", " ", new string('x', 2_000), new string('字', 500),
        "\u202e\u200b\ufeff", "😀", "\0", "%", "'; DROP TABLE bookings; --", "<script>alert(1)</script>", "../../etc/passwd",
        "00000000-0000-0000-0000-000000000000", "not-a-guid",
    ];

    public sealed record Parameter(string Name, string In);

    public sealed record Operation(string Method, string Path, IReadOnlyList<Parameter> Parameters)
    {
        public bool IsWrite => Method is "POST" or "PUT" or "PATCH" or "DELETE";
    }

    /// <summary>One generated request: what it is (for a failure message), the method, the address and the body (JSON, or none).</summary>
    public sealed record BadRequest(string What, Operation Operation, string Method, string Url, string? Body);

    /// <summary>Every operation of the OpenAPI document (every method), with its query and route parameters.</summary>
    public static List<Operation> Operations(JsonElement openApi)
    {
        var ops = new List<Operation>();
        foreach (var path in openApi.GetProperty("paths").EnumerateObject())
        {
            var shared = Params(path.Value);
            foreach (var op in path.Value.EnumerateObject())
            {
                if (op.Name is not ("get" or "post" or "put" or "patch" or "delete")) continue;
                var all = shared.Concat(Params(op.Value)).DistinctBy(p => (p.Name, p.In)).ToList();
                ops.Add(new Operation(op.Name.ToUpperInvariant(), path.Name, all));
            }
        }
        return ops;
    }

    private static List<Parameter> Params(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("parameters", out var ps)
            ? ps.EnumerateArray().Where(p => p.TryGetProperty("in", out var where) && where.GetString() is "path" or "query")
                .Select(p => new Parameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!)).ToList()
            : [];

    /// <summary>
    /// For each query or route parameter of the operation, one request per extreme value, the other route values
    /// filled by <paramref name="fill"/> (path template, parameter name → a value that reaches the handler). A
    /// write carries <paramref name="body"/> (by default an empty object) so that the parameter is what is wrong.
    /// </summary>
    public static IEnumerable<BadRequest> ForParameters(Operation op, Func<string, string, string> fill, string? body = "{}")
    {
        foreach (var parameter in op.Parameters)
            foreach (var value in ExtremeValues)
            {
                // A NUL in a path is refused by Kestrel itself (400) before Encore sees it; the test server throws.
                if (parameter.In == "path" && value.Contains('\0')) continue;
                var url = op.Path;
                foreach (var other in op.Parameters.Where(p => p.In == "path"))
                    url = url.Replace("{" + other.Name + "}", Uri.EscapeDataString(other == parameter ? value : fill(op.Path, other.Name)), StringComparison.Ordinal);
                if (parameter.In == "query") url += "?" + Uri.EscapeDataString(parameter.Name) + "=" + Uri.EscapeDataString(value);
                yield return new BadRequest($"{op.Method} {op.Path} {parameter.In} {parameter.Name}={Short(value)}", op, op.Method, url, op.IsWrite ? body : null);
            }
    }

    /// <summary>For a write, one request per bad body, its route values filled by <paramref name="fill"/>.</summary>
    public static IEnumerable<BadRequest> ForBodies(Operation op, Func<string, string, string> fill)
    {
        if (!op.IsWrite) yield break;
        var url = FillRoute(op.Path, fill);
        for (var i = 0; i < Bodies.Length; i++)
            yield return new BadRequest($"{op.Method} {op.Path} body #{i} {Short(Bodies[i])}", op, op.Method, url, Bodies[i]);
    }

    /// <summary>The path template with each {name} replaced by <paramref name="fill"/>'s value (escaped).</summary>
    public static string FillRoute(string path, Func<string, string, string> fill) =>
        Regex.Replace(path, @"\{(\w+)\}", m => Uri.EscapeDataString(fill(path, m.Groups[1].Value)));

    /// <summary>Route values that do not exist or belong to nobody (a random id, a room and a badge nobody has), well-formed days and months.</summary>
    public static string Nobody(string path, string name) => name switch
    {
        "id" => Guid.NewGuid().ToString(),
        "number" => "9999",
        "badge" => "nobody",
        "businessDay" => "2026-11-20",
        "month" => "2026-11",
        "code" => "complaint",
        "verdict" => "dismissed",
        _ => "x",
    };

    public static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
