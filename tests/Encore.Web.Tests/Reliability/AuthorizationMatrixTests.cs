using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Encore.Web.Tests.Reliability;

/// <summary>
/// The role × endpoint matrix, generated from the OpenAPI document: every operation must have a row here (a new
/// endpoint without one fails the test), anonymous callers get 401 everywhere but the public routes, and each
/// demo role gets the role refusal (403 from the authorization policy) exactly where its row says so.
/// Ownership refusals inside an allowed endpoint (another manager's customer) are the features' own tests.
/// </summary>
public sealed class AuthorizationMatrixTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private const string Anyone = "*";
    private const string Public = "public";

    private static readonly string[] Desk = ["host", "hostSupervisor", "gm"];
    private static readonly string[] Floor = ["floorManager", "gm"];
    private static readonly string[] Bookers = ["manager", "promoter", "departmentHead", "floorManager"];

    /// <summary>Who may call each operation, as the endpoints declare it.</summary>
    private static readonly Dictionary<string, string[]> Matrix = new()
    {
        ["GET /health"] = [Public], ["POST /api/auth/login"] = [Public], ["POST /api/auth/logout"] = [Anyone], ["GET /api/auth/me"] = [Anyone],
        ["GET /api/clock"] = [Anyone], ["PUT /api/clock"] = ["gm"], ["GET /api/audit"] = ["gm"],
        ["POST /api/staff"] = ["gm"], ["GET /api/staff"] = [Anyone], ["PUT /api/staff/{badge}"] = ["gm"], ["GET /api/staff/{badge}"] = [Anyone],
        ["POST /api/staff/{badge}/password"] = ["gm"], ["POST /api/staff/{badge}/disable"] = ["gm"], ["POST /api/staff/{badge}/enable"] = ["gm"],
        ["GET /api/rooms"] = [Anyone], ["POST /api/rooms"] = ["gm"],
        ["POST /api/bookings"] = [.. Bookers, .. Desk], ["GET /api/bookings"] = [Anyone], ["GET /api/bookings/{id}"] = [Anyone],
        ["POST /api/bookings/{id}/assign"] = Desk, ["POST /api/bookings/{id}/arrive"] = Desk, ["POST /api/bookings/{id}/cancel"] = [Anyone],
        ["POST /api/rooms/{number}/open"] = Desk, ["POST /api/rooms/{number}/transfer"] = Desk, ["POST /api/rooms/{number}/close"] = [.. Desk, "cashier"],
        ["POST /api/rooms/{number}/release"] = Desk, ["POST /api/rooms/{number}/out-of-service"] = Desk,
        ["POST /api/attendance/sign-in"] = [Anyone], ["POST /api/attendance/sign-out"] = [Anyone], ["POST /api/attendance/call-in"] = [Anyone],
        ["GET /api/attendance"] = [.. Floor, "departmentHead"], ["GET /api/attendance/today"] = [Anyone],
        ["GET /api/rotation"] = [Anyone], ["GET /api/rotation/history"] = ["gm", "floorManager", "departmentHead", "host", "hostSupervisor", "manager"],
        ["POST /api/rotation/busy"] = ["manager"],
        ["POST /api/approvals"] = ["manager", "promoter", "departmentHead", "host", "hostSupervisor", "cashier", "floorManager", "gm"],
        ["GET /api/approvals"] = [Anyone], ["GET /api/approvals/{id}"] = [Anyone], ["POST /api/approvals/{id}/grant"] = Floor, ["POST /api/approvals/{id}/deny"] = Floor,
        ["GET /api/catalogue"] = [Anyone], ["POST /api/catalogue"] = ["gm"], ["PUT /api/sessions/{id}/spend"] = ["cashier", "gm", "hostSupervisor"],
        ["POST /api/pos/import"] = ["cashier", "gm", "hostSupervisor"],
        ["GET /api/performance-cards/{businessDay}"] = [Anyone], ["POST /api/performance-cards/{businessDay}/sign"] = [Anyone],
        ["POST /api/performance-cards/{businessDay}/disputes"] = [Anyone], ["GET /api/disputes"] = Floor, ["POST /api/disputes/{id}/decide"] = Floor,
        ["GET /api/performance"] = [Anyone], ["PUT /api/targets/{badge}/{month}"] = Floor,
        ["GET /api/violation-types"] = [Anyone], ["PUT /api/violation-types/{code}"] = ["gm"], ["GET /api/violations"] = [Anyone],
        ["POST /api/violations"] = Floor, ["POST /api/violations/{id}/confirm"] = Floor, ["POST /api/violations/{id}/appeal"] = [Anyone],
        ["POST /api/violations/{id}/decide"] = Floor, ["POST /api/violations/{id}/photo"] = Floor, ["GET /api/violations/{id}/photo"] = [Anyone],
        ["POST /api/leave"] = [Anyone], ["GET /api/leave"] = [Anyone], ["POST /api/leave/{id}/approve"] = Floor, ["POST /api/leave/{id}/reject"] = Floor,
        ["POST /api/leave/{id}/back"] = [Anyone], ["POST /api/pings"] = [.. Floor, "departmentHead"], ["GET /api/pings"] = [Anyone],
        ["POST /api/pings/{id}/answer"] = [Anyone], ["GET /api/statements/{badge}"] = [Anyone], ["GET /api/statements/{badge}/csv"] = [Anyone],
        ["POST /api/customers"] = Bookers, ["GET /api/customers"] = [Anyone], ["GET /api/customers/{id}"] = [Anyone], ["PUT /api/customers/{id}"] = [Anyone],
        ["POST /api/customers/{id}/consent"] = [Anyone], ["POST /api/customers/{id}/handover"] = Floor, ["POST /api/customers/handover"] = Floor,
        ["PUT /api/customers/{id}/exclusive-manager"] = Floor, ["GET /api/customers/today"] = [Anyone], ["GET /api/customers/{id}/history"] = [Anyone],
        ["GET /api/customers/flags"] = Floor, ["POST /api/customers/flags/{id}/{verdict}"] = Floor, ["POST /api/customers/import"] = Bookers, ["GET /api/customers/export"] = [Anyone],
        ["POST /api/customers/{id}/contacts"] = [Anyone], ["GET /api/return-visits"] = [Anyone], ["POST /api/return-visits/{id}"] = [Anyone],
        ["GET /api/house-rules"] = [Anyone], ["PUT /api/house-rules"] = ["gm"], ["GET /api/house-rules/history"] = Floor,
    };

    /// <summary>Demo staff and their roles.</summary>
    private static readonly (string Badge, string[] Roles)[] Cast =
    [
        ("gm01", ["gm"]), ("fm01", ["floorManager"]), ("dh01", ["departmentHead"]), ("m01", ["manager"]),
        ("h01", ["host", "hostSupervisor"]), ("h02", ["host"]), ("c01", ["cashier"]),
    ];

    private async Task<List<string>> OperationsAsync()
    {
        var doc = await app.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        return doc.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch").Select(o => $"{o.Name.ToUpperInvariant()} {p.Name}"))
            .ToList();
    }

    private static HttpRequestMessage Request(string operation)
    {
        var (method, path) = (operation.Split(' ')[0], operation.Split(' ')[1]);
        var url = path.Replace("{id}", Guid.NewGuid().ToString()).Replace("{number}", "9999").Replace("{badge}", "nobody")
            .Replace("{businessDay}", "2026-11-20").Replace("{month}", "2026-11").Replace("{code}", "zzz").Replace("{verdict}", "dismissed");
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        // The CSV imports only match text/csv requests (any other type is 415 before authorization is asked).
        if (method is "POST" or "PUT")
            request.Content = path.EndsWith("/import", StringComparison.Ordinal)
                ? new StringContent("x\n", Encoding.UTF8, "text/csv")
                : new StringContent("{\"x\":1}", Encoding.UTF8, "application/json");
        return request;
    }

    /// <summary>A refusal by role: the authorization policy's 403, not a feature's own rule (which names an encore problem type).</summary>
    private static async Task<bool> RefusedByRoleAsync(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden && !(await response.Content.ReadAsStringAsync()).Contains("encore.example/problems/");

    [Fact]
    public async Task Every_operation_in_the_OpenAPI_document_has_a_row_in_the_matrix()
    {
        var missing = (await OperationsAsync()).Where(op => !Matrix.ContainsKey(op)).ToList();
        Assert.True(missing.Count == 0, "Operations without an authorization row: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Anonymous_callers_are_refused_everywhere_but_the_public_routes()
    {
        var anonymous = app.Anonymous();
        foreach (var op in (await OperationsAsync()).Where(op => Matrix.TryGetValue(op, out var who) && !who.Contains(Public)))
            Assert.True((await anonymous.SendAsync(Request(op))).StatusCode == HttpStatusCode.Unauthorized, $"{op} without a sign-in");
    }

    [Fact]
    public async Task Each_role_is_refused_exactly_where_its_row_says()
    {
        var wrong = new List<string>();
        foreach (var (badge, roles) in Cast)
        {
            var client = await app.ClientFor(badge);
            foreach (var op in await OperationsAsync())
            {
                if (op is "POST /api/auth/logout" or "PUT /api/clock" or "POST /api/auth/login" || !Matrix.TryGetValue(op, out var who) || who.Contains(Public)) continue;
                var allowed = who.Contains(Anyone) || roles.Any(who.Contains);
                var refused = await RefusedByRoleAsync(await client.SendAsync(Request(op)));
                if (refused == allowed) wrong.Add($"{badge} {op}: {(refused ? "refused" : "let in")}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
