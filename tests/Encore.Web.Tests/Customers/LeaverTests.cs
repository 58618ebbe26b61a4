using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Encore.Web.Tests.Customers;

/// <summary>
/// Issue 14, "a leaver takes no customer data" (SPEC.md "Customer files"): a manager's export of their own book holds
/// masked phones only; the floor manager and the GM export the venue's in full, each export audited with its rows and
/// whether the phones went out in full; a disabled account's token, cookie and refresh token answer 401 on the very
/// next request.
/// </summary>
public sealed class LeaverTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private const string Password = "secret-123";

    private async Task<string> NewManagerAsync()
    {
        var badge = "lv" + Random.Shared.Next(10_000, 99_999);
        var created = await (await app.ClientFor("gm01")).PostAsJsonAsync("/api/staff",
            new { badge, name = "离职经理", password = Password, roles = new[] { "manager" }, department = "营销二部" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return badge;
    }

    private JsonElement LastExportAudit(string badge) => app.With(db =>
    {
        var after = db.MainAudit().Where(a => a.Action == "customer.export" && a.ActorBadge == badge).AsEnumerable().OrderBy(a => a.At).Last().After!;
        return JsonDocument.Parse(after).RootElement.Clone();
    });

    [Fact]
    public async Task A_managers_export_of_their_own_book_masks_every_phone_and_is_audited()
    {
        var badge = await NewManagerAsync();
        var manager = await app.ClientFor(badge, Password);
        foreach (var (name, phone) in new[] { ("叶一", "13977700001"), ("叶二", "13977700002") })
            Assert.Equal(HttpStatusCode.Created, (await manager.PostAsJsonAsync("/api/customers", new { name, phone, company = "叶氏" })).StatusCode);

        var export = await manager.GetStringAsync("/api/customers/export");
        // The book is theirs to work (names, companies), not to take: no phone of it leaves in full.
        Assert.Contains("\"叶一\",\"139****0001\",\"叶氏\"", export);
        Assert.Contains("\"叶二\",\"139****0002\",\"叶氏\"", export);
        Assert.DoesNotContain("13977700001", export);
        Assert.DoesNotContain("13977700002", export);
        var audit = LastExportAudit(badge);
        Assert.Equal(2, audit.GetProperty("count").GetInt32());
        Assert.Equal("masked", audit.GetProperty("phones").GetString());
    }

    [Theory]
    [InlineData("fm01")]
    [InlineData("gm01")]
    public async Task The_floor_and_the_GM_export_the_venues_book_in_full_with_an_audit_row(string badge)
    {
        var owner = await NewManagerAsync();
        var phone = "1397771" + Random.Shared.Next(1000, 9999);
        Assert.Equal(HttpStatusCode.Created, (await (await app.ClientFor(owner, Password)).PostAsJsonAsync("/api/customers", new { name = "叶三", phone })).StatusCode);

        var export = await (await app.ClientFor(badge)).GetStringAsync("/api/customers/export");
        Assert.Contains($"\"叶三\",\"{phone}\"", export);
        var audit = LastExportAudit(badge);
        Assert.Equal("full", audit.GetProperty("phones").GetString());
        // Every file of the venue went out (main's: hangzhou's are another venue's book), and the audit row says how many.
        Assert.Equal(app.With(db => db.Customers.OfMain(db).Count()), audit.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_disabled_managers_token_cookie_and_refresh_token_answer_401_on_the_next_request()
    {
        var badge = await NewManagerAsync();
        var login = (await (await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { venue = "main", badge, password = Password })).Content.ReadFromJsonAsync<JsonElement>());
        var phone = app.Anonymous();
        phone.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", login.GetProperty("token").GetString());
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync("/api/auth/login", new { venue = "main", badge, password = Password })).StatusCode);
        // Both sessions answer, so the account's status is cached as active when the GM disables it.
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/customers/export")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/customers/export")).StatusCode);
        var exportsBefore = app.With(db => db.AuditEntries.Count(a => a.Action == "customer.export" && a.ActorBadge == badge));

        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("gm01")).PostAsync($"/api/staff/{badge}/disable", null)).StatusCode);

        // No 30-second grace: the very next request of either session is refused, and no export goes out.
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/customers/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/customers/export")).StatusCode);
        await Problem.Expect(await app.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() }),
            HttpStatusCode.Unauthorized);
        Assert.Equal(exportsBefore, app.With(db => db.AuditEntries.Count(a => a.Action == "customer.export" && a.ActorBadge == badge)));
    }

    /// <summary>
    /// The export asks the database itself, not the 30-second status cache, before it hands the file over: an account
    /// disabled where this instance's cache was not told (another instance, or while the export ran) gets no file.
    /// </summary>
    [Fact]
    public async Task An_export_is_not_handed_to_an_account_disabled_behind_the_caches_back()
    {
        var badge = await NewManagerAsync();
        var manager = await app.ClientFor(badge, Password);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/customers/export")).StatusCode);
        var exportsBefore = app.With(db => db.AuditEntries.Count(a => a.Action == "customer.export" && a.ActorBadge == badge));

        await app.WithAsync(async db =>
        {
            var member = await db.Users.SingleAsync(u => u.UserName == badge);
            member.IsActive = false;
            await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await manager.GetAsync("/api/customers/export")).StatusCode);
        Assert.Equal(exportsBefore, app.With(db => db.AuditEntries.Count(a => a.Action == "customer.export" && a.ActorBadge == badge)));
    }
}
