using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Encore.Web.Data;
using Xunit.Abstractions;

namespace Encore.Web.Tests.Reliability;

/// <summary>
/// Every write endpoint in the OpenAPI document, fed bad input (wrong types, missing fields, huge strings, SQL and
/// script fragments, odd Unicode, ids that do not exist), answers 4xx problem details, never 5xx, and writes
/// nothing but its audit-free refusal. New endpoints are covered as soon as they are mapped.
/// </summary>
public sealed class BadInputTests(SimulatedClockFactory app, ITestOutputHelper output) : IClassFixture<SimulatedClockFactory>
{
    private static readonly string Huge = new('字', 20_000);

    /// <summary>Operations whose body is optional and carries nothing they use (the caller signs; a partial update with nothing in it).</summary>
    private static readonly HashSet<string> TakesNoData =
        ["/api/performance-cards/{businessDay}/sign", "/api/attendance/sign-in", "/api/attendance/sign-out", "/api/house-rules"];

    private static readonly string[] Bodies =
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
    ];

    private async Task<List<(string Method, string Path)>> WriteOperationsAsync()
    {
        var doc = await app.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var ops = new List<(string, string)>();
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
            foreach (var op in path.Value.EnumerateObject())
                if (op.Name is "post" or "put")
                    ops.Add((op.Name.ToUpperInvariant(), path.Name));
        return ops;
    }

    /// <summary>Route values that do not exist, or belong to nobody: a random id, a room number nobody has.</summary>
    private static string Fill(string path) => path
        .Replace("{id}", Guid.NewGuid().ToString())
        .Replace("{number}", "9999")
        .Replace("{badge}", "nobody")
        .Replace("{businessDay}", "2026-11-20")
        .Replace("{month}", "2026-11")
        .Replace("{code}", "complaint");

    [Theory]
    [InlineData("gm01")]
    [InlineData("m01")]
    [InlineData("h02")]
    public async Task No_write_endpoint_answers_5xx_to_bad_input(string badge)
    {
        var client = await app.ClientFor(badge);
        var ops = await WriteOperationsAsync();
        Assert.True(ops.Count > 30, $"{ops.Count} write operations in the OpenAPI document");
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        var accepted = new List<string>();
        foreach (var (method, path) in ops.Where(o => !o.Path.StartsWith("/api/clock") && !o.Path.StartsWith("/api/auth")))
            foreach (var body in Bodies)
            {
                var request = new HttpRequestMessage(new HttpMethod(method), Fill(path)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status < 400 && !TakesNoData.Contains(path)) accepted.Add($"{method} {path} {body[..Math.Min(30, body.Length)]} → {status}");
                if (status >= 500 || (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
                    failures.Add($"{method} {path} {body[..Math.Min(40, body.Length)]} → {status} {response.Content.Headers.ContentType?.MediaType}");
            }
        output.WriteLine($"{ops.Count} operations × {Bodies.Length} bodies as {badge}: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        // Bad input must be refused, not accepted, except where the body carries no data the endpoint uses.
        Assert.True(accepted.Count == 0, string.Join("\n", accepted));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Bad_input_changes_nothing()
    {
        int Count() => app.With(db => db.Bookings.Count() + db.RoomSessions.Count() + db.Violations.Count() + db.Approvals.Count() + db.LeaveRequests.Count());
        var before = Count();
        var client = await app.ClientFor("m02");
        foreach (var body in Bodies)
        {
            await client.PostAsync("/api/bookings", new StringContent(body, Encoding.UTF8, "application/json"));
            await client.PostAsync("/api/leave", new StringContent(body, Encoding.UTF8, "application/json"));
            await client.PostAsync("/api/approvals", new StringContent(body, Encoding.UTF8, "application/json"));
        }
        Assert.Equal(before, Count());
    }
}
