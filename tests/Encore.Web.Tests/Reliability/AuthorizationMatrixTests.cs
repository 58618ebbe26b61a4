using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Encore.Domain;
using Encore.Web.Platform;
using Encore.Web.Tests.Bookings;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Encore.Web.Tests.Reliability;

/// <summary>
/// The role × endpoint matrix, generated from the OpenAPI document and the capability table (Encore.Domain
/// <see cref="Capabilities"/>): every operation must have a row here naming the capability it needs (a new
/// endpoint without one fails the test), anonymous callers get 401 everywhere but the public routes, and each
/// demo role gets the role refusal (403 from the authorization policy) exactly where the table says it lacks the
/// capability. The rows restate on purpose what the endpoints declare: dropping a <c>.Requires(…)</c> from an
/// endpoint fails <see cref="Each_role_is_refused_exactly_where_the_capability_table_says"/>.
/// Pages, the menu and the live board's groups have their own tests below. Ownership refusals inside an allowed
/// endpoint (another manager's customer) are the features' own tests.
/// </summary>
public sealed class AuthorizationMatrixTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private const string Anyone = "*";
    private const string Public = "public";

    private static string Needs(Capability capability) => capability.ToString();

    /// <summary>What each operation needs: a capability, any signed-in member of staff, or nothing.</summary>
    private static readonly Dictionary<string, string> Matrix = new()
    {
        ["GET /health"] = Public, ["GET /health/ready"] = Public, ["POST /api/auth/login"] = Public, ["POST /api/auth/refresh"] = Public, ["POST /api/auth/logout"] = Anyone, ["GET /api/auth/me"] = Anyone,
        ["GET /api/clock"] = Anyone, ["PUT /api/clock"] = Needs(Capability.SetClock), ["GET /api/audit"] = Needs(Capability.ReadAudit),
        ["POST /api/staff"] = Needs(Capability.ManageStaff), ["GET /api/staff"] = Anyone, ["PUT /api/staff/{badge}"] = Needs(Capability.ManageStaff),
        ["GET /api/staff/{badge}"] = Anyone, ["POST /api/staff/{badge}/password"] = Needs(Capability.ManageStaff),
        ["POST /api/staff/{badge}/disable"] = Needs(Capability.ManageStaff), ["POST /api/staff/{badge}/enable"] = Needs(Capability.ManageStaff),
        ["POST /api/staff/{badge}/unlock"] = Needs(Capability.UnlockLogins),
        ["GET /api/departments"] = Anyone, ["POST /api/departments"] = Needs(Capability.ManageStaff),
        ["PUT /api/departments/{id}"] = Needs(Capability.ManageStaff), ["POST /api/departments/{id}/retire"] = Needs(Capability.ManageStaff),
        ["PUT /api/departments/{id}/floor-manager"] = Needs(Capability.ManageStaff),
        ["GET /api/rooms"] = Anyone, ["POST /api/rooms"] = Needs(Capability.ManageRooms),
        ["POST /api/bookings"] = Needs(Capability.Book), ["GET /api/bookings"] = Anyone, ["GET /api/bookings/{id}"] = Anyone,
        ["POST /api/bookings/{id}/assign"] = Needs(Capability.WorkDesk), ["POST /api/bookings/{id}/arrive"] = Needs(Capability.WorkDesk),
        ["POST /api/bookings/{id}/cancel"] = Anyone, ["PATCH /api/bookings/{id}"] = Anyone,
        ["GET /api/quotas"] = Anyone, ["POST /api/quotas/grants"] = Needs(Capability.DecideApprovals),
        ["POST /api/rooms/{number}/open"] = Needs(Capability.WorkDesk), ["POST /api/rooms/{number}/transfer"] = Needs(Capability.WorkDesk),
        ["POST /api/rooms/{number}/close"] = Needs(Capability.CloseBills), ["POST /api/rooms/{number}/release"] = Needs(Capability.WorkDesk),
        ["POST /api/rooms/{number}/out-of-service"] = Needs(Capability.WorkDesk),
        ["POST /api/attendance/sign-in"] = Anyone, ["POST /api/attendance/sign-out"] = Anyone, ["POST /api/attendance/call-in"] = Anyone,
        ["GET /api/attendance"] = Needs(Capability.SeeAttendance), ["GET /api/attendance/today"] = Anyone,
        ["GET /api/rotation"] = Anyone, ["GET /api/rotation/history"] = Needs(Capability.SeeRotationHistory),
        ["POST /api/rotation/busy"] = Needs(Capability.JoinRotation),
        ["POST /api/approvals"] = Needs(Capability.RequestApprovals), ["GET /api/approvals"] = Anyone, ["GET /api/approvals/{id}"] = Anyone,
        ["POST /api/approvals/{id}/grant"] = Needs(Capability.DecideApprovals), ["POST /api/approvals/{id}/deny"] = Needs(Capability.DecideApprovals),
        ["GET /api/catalogue"] = Anyone, ["POST /api/catalogue"] = Needs(Capability.ManageRooms), ["PUT /api/sessions/{id}/spend"] = Needs(Capability.EnterSpend),
        ["POST /api/pos/import"] = Needs(Capability.EnterSpend),
        ["GET /api/performance-cards/{businessDay}"] = Anyone, ["POST /api/performance-cards/{businessDay}/sign"] = Anyone,
        ["POST /api/performance-cards/{businessDay}/disputes"] = Anyone, ["GET /api/disputes"] = Needs(Capability.ManagePerformance),
        ["POST /api/disputes/{id}/decide"] = Needs(Capability.ManagePerformance),
        ["GET /api/performance"] = Anyone, ["PUT /api/targets/{badge}/{month}"] = Needs(Capability.ManagePerformance),
        ["GET /api/violation-types"] = Anyone, ["PUT /api/violation-types/{code}"] = Needs(Capability.ManageViolationTypes), ["GET /api/violations"] = Anyone,
        ["POST /api/violations"] = Needs(Capability.Discipline), ["POST /api/violations/{id}/confirm"] = Needs(Capability.Discipline),
        ["POST /api/violations/{id}/dismiss"] = Needs(Capability.Discipline),
        ["POST /api/violations/{id}/appeal"] = Anyone, ["POST /api/violations/{id}/decide"] = Needs(Capability.Discipline),
        ["POST /api/violations/{id}/photo"] = Needs(Capability.Discipline), ["GET /api/violations/{id}/photo"] = Anyone,
        ["POST /api/leave"] = Anyone, ["GET /api/leave"] = Anyone, ["POST /api/leave/{id}/approve"] = Needs(Capability.Discipline),
        ["POST /api/leave/{id}/reject"] = Needs(Capability.Discipline),
        ["POST /api/leave/{id}/back"] = Anyone, ["POST /api/pings"] = Needs(Capability.SendPings), ["GET /api/pings"] = Anyone,
        ["GET /api/push/key"] = Anyone, ["POST /api/push/subscriptions"] = Anyone, ["POST /api/push/unsubscribe"] = Anyone,
        ["POST /api/pings/{id}/answer"] = Anyone, ["GET /api/statements/{badge}"] = Anyone, ["GET /api/statements/{badge}/csv"] = Anyone,
        ["POST /api/customers"] = Needs(Capability.KeepCustomers), ["GET /api/customers"] = Anyone, ["GET /api/customers/mine"] = Needs(Capability.KeepCustomers), ["GET /api/customers/{id}"] = Anyone,
        ["PUT /api/customers/{id}"] = Anyone, ["POST /api/customers/{id}/consent"] = Anyone,
        ["POST /api/customers/{id}/handover"] = Needs(Capability.ManageAllCustomers), ["POST /api/customers/handover"] = Needs(Capability.ManageAllCustomers),
        ["PUT /api/customers/{id}/exclusive-manager"] = Needs(Capability.ManageAllCustomers), ["GET /api/customers/today"] = Anyone,
        ["GET /api/customers/{id}/history"] = Anyone, ["GET /api/customers/flags"] = Needs(Capability.ManageAllCustomers),
        ["POST /api/customers/flags/{id}/{verdict}"] = Needs(Capability.ManageAllCustomers), ["POST /api/customers/import"] = Needs(Capability.KeepCustomers),
        ["GET /api/customers/export"] = Anyone, ["POST /api/customers/{id}/contacts"] = Anyone, ["GET /api/return-visits"] = Anyone,
        ["POST /api/return-visits/{id}"] = Anyone,
        ["POST /api/customers/{id}/erase"] = Needs(Capability.EraseCustomers),
        ["POST /api/lost-items"] = Anyone, ["GET /api/lost-items"] = Anyone, ["POST /api/lost-items/{id}/return"] = Anyone,
        ["POST /api/lost-items/{id}/dispose"] = Needs(Capability.DisposeLostItems),
        ["POST /api/valuables"] = Needs(Capability.KeepGuestRegister), ["GET /api/valuables"] = Needs(Capability.KeepGuestRegister),
        ["POST /api/valuables/{id}/return"] = Needs(Capability.KeepGuestRegister),
        ["POST /api/stored-drinks"] = Anyone, ["GET /api/stored-drinks"] = Anyone, ["GET /api/stored-drinks/customers"] = Needs(Capability.KeepGuestRegister),
        ["POST /api/stored-drinks/{id}/withdraw"] = Anyone, ["GET /api/customers/{id}/stored-drinks"] = Anyone,
        // Checklists: the floor runs them (the host supervisor standing in), the GM edits the templates.
        ["GET /api/checklists/templates"] = Needs(Capability.RunChecklists), ["PUT /api/checklists/templates/{template}"] = Needs(Capability.EditChecklists),
        ["POST /api/checklists/runs"] = Needs(Capability.RunChecklists), ["GET /api/checklists/runs"] = Needs(Capability.RunChecklists),
        ["GET /api/checklists/runs/{id}"] = Needs(Capability.RunChecklists), ["PUT /api/checklists/runs/{id}/items/{itemId}"] = Needs(Capability.RunChecklists),
        ["POST /api/checklists/runs/{id}/items/{itemId}/photo"] = Needs(Capability.RunChecklists),
        ["GET /api/checklists/runs/{id}/items/{itemId}/photo"] = Needs(Capability.RunChecklists),
        ["POST /api/checklists/runs/{id}/items/{itemId}/fixed"] = Needs(Capability.RunChecklists), ["GET /api/checklists/closing"] = Needs(Capability.RunChecklists),
        ["GET /api/oversight/contacts"] = Needs(Capability.WatchContacts), ["GET /api/forecast"] = Needs(Capability.SeeForecast),
        ["GET /api/house-rules"] = Anyone, ["PUT /api/house-rules"] = Needs(Capability.EditHouseRules), ["GET /api/house-rules/history"] = Needs(Capability.SeeHouseRulesHistory),
        // Complaints: any staff takes one and reads those theirs to see (ownership is the feature's own test, ComplaintsTests).
        ["POST /api/complaints"] = Anyone, ["GET /api/complaints"] = Anyone, ["GET /api/complaints/{id}"] = Anyone, ["GET /api/complaints/stats"] = Anyone,
        ["POST /api/complaints/{id}/acknowledge"] = Anyone, ["POST /api/complaints/{id}/actions"] = Anyone,
        ["POST /api/complaints/{id}/resolve"] = Needs(Capability.ResolveComplaints), ["POST /api/complaints/{id}/fine"] = Needs(Capability.ResolveComplaints),
        // The guest's own voice: the desk shows a room's link; the guest posts through it without an account (the token is the key).
        ["GET /api/rooms/{number}/guest-link"] = Needs(Capability.ShowGuestLinks), ["GET /api/rooms/{number}/guest-link/qr"] = Needs(Capability.ShowGuestLinks),
        ["POST /api/guest/{token}"] = Public,
        // Meetings: the floor, department heads and the GM run them; anyone checks in and reads (chair and owner checks are MeetingsTests').
        ["POST /api/meetings"] = Needs(Capability.RunMeetings), ["GET /api/meetings"] = Anyone, ["GET /api/meetings/{id}"] = Anyone,
        ["POST /api/meetings/{id}/check-in"] = Anyone, ["PUT /api/meetings/{id}/minutes"] = Needs(Capability.RunMeetings),
        ["GET /api/meetings/actions"] = Anyone, ["POST /api/meetings/actions/{id}/done"] = Anyone,
        ["GET /api/working-calendar"] = Anyone, ["PUT /api/working-calendar/{day}"] = Needs(Capability.EditCalendar),
        ["DELETE /api/working-calendar/{day}"] = Needs(Capability.EditCalendar),
        // The diary: keepers write their own; heads, the floor and the GM read and comment (whose: DiaryTests).
        ["GET /api/diary"] = Needs(Capability.OpenDiaries), ["GET /api/diary/{businessDay}"] = Needs(Capability.OpenDiaries),
        ["PUT /api/diary/{businessDay}"] = Needs(Capability.KeepDiary), ["POST /api/diary/{businessDay}/submit"] = Needs(Capability.KeepDiary),
        ["POST /api/diary/{businessDay}/comments"] = Needs(Capability.OpenDiaries),
        ["GET /api/work-reports"] = Needs(Capability.OpenDiaries), ["GET /api/work-reports/{period}/{start}"] = Needs(Capability.OpenDiaries),
        ["PUT /api/work-reports/{period}/{start}"] = Needs(Capability.KeepDiary), ["POST /api/work-reports/{period}/{start}/submit"] = Needs(Capability.KeepDiary),
        ["POST /api/work-reports/{period}/{start}/comments"] = Needs(Capability.OpenDiaries),
        ["GET /api/shift-handover/prefill"] = Needs(Capability.HandOverShifts), ["POST /api/shift-handover"] = Needs(Capability.HandOverShifts),
        ["GET /api/shift-handover"] = Needs(Capability.HandOverShifts), ["POST /api/shift-handover/{id}/acknowledge"] = Needs(Capability.HandOverShifts),
        // Rankings: everyone reads (figures by RankingsTests); commendations by the floor, the GM and heads.
        ["GET /api/rankings"] = Anyone, ["GET /api/rankings/star"] = Anyone,
        // Reports (issue 19): the integrity report (a booker's own row; everyone's by SeeEveryonesIntegrity) and the board's replay.
        ["GET /api/reports/integrity"] = Needs(Capability.SeeIntegrity), ["GET /api/reports/integrity/{badge}"] = Needs(Capability.SeeIntegrity),
        ["GET /api/board/replay"] = Needs(Capability.ReplayBoard), ["GET /api/board/replay/changes"] = Needs(Capability.ReplayBoard),
        ["POST /api/commendations"] = Needs(Capability.Commend), ["GET /api/commendations"] = Anyone,
        ["POST /api/commendations/{id}/withdraw"] = Needs(Capability.Commend),
        // Appraisal: the role says who may try a step; who is above whom (and which department) is AppraisalFlowTests'.
        ["GET /api/appraisal/templates/{role}"] = Needs(Capability.OpenAppraisals), ["PUT /api/appraisal/templates/{role}"] = Needs(Capability.EditAppraisalTemplates),
        ["GET /api/appraisals"] = Needs(Capability.OpenAppraisals), ["POST /api/appraisals"] = Needs(Capability.Appraise),
        ["GET /api/appraisals/{id}"] = Needs(Capability.OpenAppraisals), ["PUT /api/appraisals/{id}/self"] = Needs(Capability.BeAppraised),
        ["PUT /api/appraisals/{id}/supervisor"] = Needs(Capability.Appraise), ["POST /api/appraisals/{id}/review"] = Needs(Capability.Appraise),
        ["POST /api/appraisals/{id}/publish"] = Needs(Capability.Appraise), ["POST /api/appraisals/{id}/appeal"] = Needs(Capability.BeAppraised),
        ["POST /api/appraisals/{id}/appeal/decide"] = Needs(Capability.Appraise),
        // Training: the floor and the GM plan; anyone reads the plan; the trainer marks (TrainingTests), records by ownership (TrainingTests).
        ["POST /api/training/courses"] = Needs(Capability.PlanTraining), ["GET /api/training/courses"] = Anyone, ["GET /api/training/courses/{id}"] = Anyone,
        ["PUT /api/training/courses/{id}"] = Needs(Capability.PlanTraining), ["POST /api/training/courses/{id}/cancel"] = Needs(Capability.PlanTraining),
        ["POST /api/training/courses/{id}/attendance"] = Anyone, ["POST /api/training/courses/{id}/scores"] = Anyone,
        ["GET /api/training/courses/{id}/effect"] = Needs(Capability.PlanTraining), ["GET /api/training/records/{badge}"] = Anyone,
        // Reports: the floor manager and the GM read them; the GM alone sets the budget.
        ["GET /api/reports/daily"] = Needs(Capability.SeeReports), ["GET /api/reports/monthly"] = Needs(Capability.SeeReports),
        ["GET /api/reports/budget/{month}"] = Needs(Capability.SeeReports), ["PUT /api/reports/budget/{month}"] = Needs(Capability.SetBudget),
        // Corporate accounts (issue 20): the team works them (whose: AccountsTests, owner and floor), the GM approves contracts above authority.
        ["POST /api/accounts"] = Needs(Capability.WorkAccounts), ["GET /api/accounts"] = Needs(Capability.WorkAccounts),
        ["GET /api/accounts/{id}"] = Needs(Capability.WorkAccounts), ["POST /api/accounts/{id}/activities"] = Needs(Capability.WorkAccounts),
        ["POST /api/accounts/{id}/contacts"] = Needs(Capability.WorkAccounts), ["PUT /api/accounts/{id}/stage"] = Needs(Capability.WorkAccounts),
        ["POST /api/accounts/{id}/contracts"] = Needs(Capability.WorkAccounts),
        ["POST /api/accounts/contracts/{id}/approve"] = Needs(Capability.ApproveContracts), ["POST /api/accounts/contracts/{id}/decline"] = Needs(Capability.ApproveContracts),
        ["GET /api/accounts/renewals"] = Needs(Capability.WorkAccounts), ["GET /api/accounts/kpis"] = Needs(Capability.WorkAccounts),
        ["POST /api/accounts/research"] = Needs(Capability.WorkAccounts), ["GET /api/accounts/research"] = Needs(Capability.WorkAccounts),
        // Charged bills: the owner and the floor read their accounts' statements (whose: ChargedBillsTests), the cashier every one and takes payments.
        ["GET /api/accounts/{id}/statement"] = Needs(Capability.ReadAccountStatements), ["POST /api/accounts/{id}/payments"] = Needs(Capability.RecordAccountPayments),
        // Partners: everyone who books picks one (phones masked unless they file or pay partners); the floor files them, the cashier reads the commissions.
        ["POST /api/partners"] = Needs(Capability.ManagePartners), ["GET /api/partners"] = Anyone, ["GET /api/partners/{id}"] = Anyone,
        ["PUT /api/partners/{id}"] = Needs(Capability.ManagePartners), ["GET /api/partners/commissions"] = Needs(Capability.ReadPartnerStatements),
        ["GET /api/partners/{id}/statement"] = Needs(Capability.ReadPartnerStatements),
        // The chain: the chain admin opens venues, gives regional managers their venues and moves staff; both compare venues. No venue role does.
        ["POST /api/venues"] = Needs(Capability.ManageChain), ["GET /api/venues"] = Needs(Capability.SeeChain), ["PUT /api/venues/{code}"] = Needs(Capability.ManageChain),
        ["GET /api/chain/summary"] = Needs(Capability.SeeChain), ["PUT /api/chain/regional-managers"] = Needs(Capability.ManageChain),
        ["GET /api/chain/regional-managers"] = Needs(Capability.ManageChain),
        ["POST /api/chain/staff-moves"] = Needs(Capability.ManageChain), ["GET /api/chain/staff-moves"] = Needs(Capability.ManageChain),
    };

    /// <summary>What each page needs (null: any signed-in member of staff). Public pages (and /denied, which answers 403 by design) are not asked.</summary>
    private static readonly Dictionary<string, string?> Pages = new()
    {
        ["/login"] = Public, ["/logout"] = Public, ["/denied"] = Public, ["/"] = null,
        ["/board"] = null, ["/bookings"] = Needs(Capability.Book), ["/rooms"] = null, ["/rotation"] = null,
        ["/attendance"] = null, ["/attendance/floor"] = Needs(Capability.SeeAttendance), ["/approvals"] = null,
        ["/performance"] = null, ["/performance/card"] = null, ["/fines"] = null, ["/statements"] = null,
        ["/customers"] = Needs(Capability.SeeCustomers), ["/customers/import"] = Needs(Capability.SeeCustomers),
        ["/customers/return-visits"] = Needs(Capability.SeeCustomers), ["/customers/{id:guid}"] = Needs(Capability.SeeCustomers),
        ["/customers/handover"] = Needs(Capability.ManageAllCustomers),
        ["/oversight"] = Needs(Capability.WatchContacts), ["/complaints"] = null,
        ["/guest/{token}"] = Public, ["/rooms/{number}/guest-card"] = Needs(Capability.ShowGuestLinks),
        ["/guest-service"] = Needs(Capability.KeepGuestRegister), ["/checklists"] = Needs(Capability.RunChecklists), ["/meetings"] = null,
        ["/diary"] = Needs(Capability.OpenDiaries), ["/diary/report"] = Needs(Capability.OpenDiaries), ["/handover"] = Needs(Capability.HandOverShifts),
        ["/rankings"] = null, ["/reports/integrity"] = Needs(Capability.SeeIntegrity), ["/board/replay"] = Needs(Capability.ReplayBoard),
        ["/oversight"] = Needs(Capability.WatchContacts), ["/appraisal"] = Needs(Capability.OpenAppraisals),
        ["/staff"] = Needs(Capability.ManageStaff), ["/staff/login-delays"] = Needs(Capability.UnlockLogins), ["/house-rules"] = null, ["/audit"] = Needs(Capability.ReadAudit),
        ["/training"] = null, ["/training/courses/{id:guid}"] = null, ["/training/records/{badge}"] = null,
        ["/reports"] = Needs(Capability.SeeReports), ["/reports/monthly"] = Needs(Capability.SeeReports),
        ["/accounts"] = Needs(Capability.WorkAccounts), ["/accounts/{id:guid}"] = Needs(Capability.WorkAccounts),
        ["/accounts/{id:guid}/statement"] = Needs(Capability.ReadAccountStatements), ["/accounts/statements"] = Needs(Capability.ReadAccountStatements),
        ["/partners"] = Needs(Capability.ReadPartnerStatements), ["/chain"] = Needs(Capability.SeeChain),
    };

    private static bool Allowed(string? needs, IEnumerable<string> roles) =>
        needs is null or Anyone || (needs != Public && Capabilities.Allows(Enum.Parse<Capability>(needs), roles));

    /// <summary>Demo staff and their roles.</summary>
    private static readonly (string Badge, string[] Roles)[] Cast =
    [
        ("gm01", ["gm"]), ("fm01", ["floorManager"]), ("dh01", ["departmentHead"]), ("m01", ["manager"]),
        ("h01", ["host", "hostSupervisor"]), ("h02", ["host"]), ("c01", ["cashier"]),
        // The bootstrap account: the first venue's GM and the chain admin.
        ("admin", ["gm", "chainAdmin"]),
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
            .Replace("{businessDay}", "2026-11-20").Replace("{month}", "2026-11").Replace("{code}", "zzz").Replace("{verdict}", "dismissed")
            .Replace("{itemId}", Guid.NewGuid().ToString()).Replace("{template}", "closing");
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
        foreach (var op in (await OperationsAsync()).Where(op => Matrix.TryGetValue(op, out var who) && who != Public))
            Assert.True((await anonymous.SendAsync(Request(op))).StatusCode == HttpStatusCode.Unauthorized, $"{op} without a sign-in");
    }

    [Fact]
    public async Task Each_role_is_refused_exactly_where_the_capability_table_says()
    {
        var wrong = new List<string>();
        foreach (var (badge, roles) in Cast)
        {
            var client = await app.ClientFor(badge);
            foreach (var op in await OperationsAsync())
            {
                if (op is "POST /api/auth/logout" or "PUT /api/clock" or "POST /api/auth/login" || !Matrix.TryGetValue(op, out var who) || who == Public) continue;
                var allowed = Allowed(who, roles);
                var refused = await RefusedByRoleAsync(await client.SendAsync(Request(op)));
                if (refused == allowed) wrong.Add($"{badge} {op}: {(refused ? "refused" : "let in")}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>The Razor Pages the app serves, by route.</summary>
    private IReadOnlyList<string> PageRoutes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct().ToList();

    private static string Url(string route) => route.Replace("{id:guid}", Guid.NewGuid().ToString()).Replace("{number}", "9999");

    [Fact]
    public void Every_page_has_a_row_in_the_page_matrix()
    {
        var missing = PageRoutes().Where(p => !Pages.ContainsKey(p)).ToList();
        Assert.True(missing.Count == 0, "Pages without an authorization row: " + string.Join(", ", missing));
        Assert.True(Pages.Keys.All(PageRoutes().Contains), "Rows for pages that no longer exist: " + string.Join(", ", Pages.Keys.Except(PageRoutes())));
    }

    [Fact]
    public async Task Each_role_opens_exactly_the_pages_the_capability_table_gives_it()
    {
        var wrong = new List<string>();
        foreach (var (badge, roles) in Cast)
        {
            var client = await app.ClientFor(badge);
            foreach (var (route, needs) in Pages.Where(p => p.Value != Public))
            {
                var status = (await client.GetAsync(Url(route))).StatusCode;
                // A customer file of an unknown id is 404 to whoever may open files.
                var opened = status is HttpStatusCode.OK || (status is HttpStatusCode.NotFound && route.Contains('{'));
                var refused = status is HttpStatusCode.Forbidden;
                if (!opened && !refused) wrong.Add($"{badge} {route}: {(int)status}");
                else if (opened != Allowed(needs, roles)) wrong.Add($"{badge} {route}: {(opened ? "opened" : "refused")}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task The_menu_shows_each_role_only_pages_it_may_open_and_every_one_it_is_given()
    {
        var wrong = new List<string>();
        var entries = app.Services.GetServices<MenuEntry>().ToList();
        foreach (var (badge, roles) in Cast)
        {
            var client = await app.ClientFor(badge);
            var home = await client.GetStringAsync("/");
            var shown = Regex.Matches(home, "data-nav=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToHashSet();
            var tiles = Regex.Matches(home, "data-testid=\"tile-([^\"]+)\"").Select(m => m.Groups[1].Value).ToHashSet();
            foreach (var entry in entries)
            {
                var pageAllowed = Allowed(Pages[entry.Href], roles);
                var entryAllowed = entry.Needs is not { } needs || Capabilities.Allows(needs, roles);
                if (shown.Contains(entry.NavId) && !pageAllowed) wrong.Add($"{badge}: menu shows {entry.Href}, which refuses them");
                if (shown.Contains(entry.NavId) != entryAllowed) wrong.Add($"{badge}: menu {(entryAllowed ? "lacks" : "shows")} {entry.NavId}");
                if (tiles.Contains(entry.Key) != entryAllowed) wrong.Add($"{badge}: home {(entryAllowed ? "lacks" : "shows")} tile {entry.Key}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>
    /// The live board's groups follow the table: a new booking reaches its booker and who sees booking phones in
    /// full, who sees every booking without phones masked, and nobody else; an approval request reaches who decides
    /// approvals and its requester only.
    /// </summary>
    [Fact]
    public async Task The_live_board_sends_each_role_exactly_what_the_capability_table_lets_it_see()
    {
        var listeners = new Dictionary<string, BoardListener>();
        try
        {
            foreach (var (badge, _) in Cast) listeners[badge] = await BoardListener.StartAsync(app, badge);
            listeners["m02"] = await BoardListener.StartAsync(app, "m02");
            var gm = await app.ClientFor("gm01");
            var now = await gm.NowAsync();
            var phone = DeskClient.NewPhone();
            var booking = await (await app.ClientFor("m01")).BookAsync(now.AddMinutes(40), name: "矩阵客", phone: phone);

            // Everyone who should hear it has heard it before the check of who should not.
            var wrong = new List<string>();
            foreach (var (badge, roles) in Cast.Append(("m02", ["manager"])))
            {
                var full = badge == "m01" || Capabilities.Allows(Capability.SeeBookingPhones, roles);
                var masked = !full && Capabilities.Allows(Capability.SeeAllBookings, roles);
                if (!full && !masked) continue;
                var heard = await listeners[badge].WaitForAsync("bookingChanged", b => b.Id() == booking.Id());
                if ((heard.Str("customerPhone") == phone) != full) wrong.Add($"{badge}: phone {(full ? "masked" : "in full")}");
            }
            var room = await app.OpenRoomForAsync("m01");
            var request = await (await app.ClientFor("m01")).PostAsJsonAsync("/api/approvals", new { roomNumber = room, discount = 900, spend = 2000, reason = "矩阵" });
            Assert.Equal(HttpStatusCode.Created, request.StatusCode);
            var approvalId = (await request.Content.ReadFromJsonAsync<JsonElement>()).Str("id");
            foreach (var (badge, roles) in Cast)
                if (badge == "m01" || Capabilities.Allows(Capability.DecideApprovals, roles))
                    await listeners[badge].WaitForAsync("approvalChanged", a => a.Str("id") == approvalId);
            // The sends go out in order from one loop: once a later event to the whole venue has reached every
            // listener, whatever was to reach them before it has.
            var marker = (await (await app.ClientFor("h02")).FreeRoomsAsync())[^1];
            Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("h02")).PostAsJsonAsync($"/api/rooms/{marker}/out-of-service", new { reason = "矩阵" })).StatusCode);
            foreach (var listener in listeners.Values)
                await listener.WaitForAsync("roomChanged", r => r.Str("number") == marker && r.Str("state") == "outOfService");
            foreach (var (badge, roles) in Cast.Append(("m02", ["manager"])))
            {
                var heardBooking = listeners[badge].Heard.Any(h => h.Event == "bookingChanged" && h.Body.Id() == booking.Id());
                var shouldBooking = badge == "m01" || Capabilities.Allows(Capability.SeeAllBookings, roles) || Capabilities.Allows(Capability.SeeBookingPhones, roles);
                if (heardBooking != shouldBooking) wrong.Add($"{badge}: bookingChanged {(heardBooking ? "heard" : "not heard")}");
                var heardApproval = listeners[badge].Heard.Any(h => h.Event == "approvalChanged" && h.Body.Str("id") == approvalId);
                var shouldApproval = badge == "m01" || Capabilities.Allows(Capability.DecideApprovals, roles);
                if (heardApproval != shouldApproval) wrong.Add($"{badge}: approvalChanged {(heardApproval ? "heard" : "not heard")}");
            }
            Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        }
        finally
        {
            foreach (var listener in listeners.Values) await listener.DisposeAsync();
        }
    }
}
