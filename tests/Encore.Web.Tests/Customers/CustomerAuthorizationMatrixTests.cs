using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.Customers;

/// <summary>
/// No route or page lets a manager read another manager's customer phone: every customer endpoint (found in the
/// OpenAPI document, so a new one is covered), the bookings that name the customer, and the pages, as each role.
/// </summary>
public sealed class CustomerAuthorizationMatrixTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task Another_managers_customer_phone_never_appears_unmasked()
    {
        const string phone = "13987650001";
        var owner = await app.ClientFor("m01");
        var created = await owner.PostAsJsonAsync("/api/customers", new { name = "保密客户", phone });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.Str("id");
        var booking = await owner.BookAsync((await (await app.ClientFor("gm01")).NowAsync()).AddHours(1), name: "保密客户", phone: phone);
        // The owner does read it, on the same routes: so a masked answer below is masking, not a broken route.
        Assert.Contains(phone, await owner.GetStringAsync($"/api/customers/{id}"));
        Assert.Contains(phone, await owner.GetStringAsync($"/api/bookings/{booking.Id()}"));

        var doc = await app.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var customerGets = doc.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/customers") && p.Value.TryGetProperty("get", out _))
            .Select(p => p.Name.Replace("{id}", id)).ToList();
        Assert.Contains($"/api/customers/{id}", customerGets);
        var everywhere = customerGets.Concat(["/api/customers?q=保密", "/api/customers?q=0001", "/api/bookings", "/api/rooms", "/api/return-visits",
            $"/api/bookings/{booking.Id()}",
            "/", "/bookings", "/board", "/rotation", "/approvals", "/performance", "/attendance", "/fines",
            "/customers", $"/customers/{id}", "/customers/return-visits", "/customers/handover", "/customers/import"]).ToList();

        // dh01 heads m01's own department (营销一部): a department head follows the team's bookings, masked, and sees
        // no customer file in full; dh02 heads the other department.
        foreach (var badge in new[] { "m02", "m12", "dh01", "dh02", "h01", "h02", "c01" })
        {
            var other = await app.ClientFor(badge);
            foreach (var url in everywhere)
            {
                var response = await other.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True((int)response.StatusCode < 500, $"{badge} {url} → {(int)response.StatusCode}");
                // The desk sees booking phones to verify guests (BookingView); it must not learn them from customer routes.
                if (badge is "h01" or "h02" && url.StartsWith("/api/bookings")) continue;
                Assert.False(body.Contains(phone), $"{badge} read the phone at {url}");
            }
        }
        // Pages are rendered for a signed-in browser: check them with the cookie too.
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        var login = await browser.PostAsJsonAsync("/api/auth/login", new { venue = "main", badge = "m02", password = EncoreFactory.PasswordOf("m02") });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        foreach (var page in new[] { "/", "/bookings", "/board", "/performance", "/customers", $"/customers/{id}", "/customers/return-visits" })
            Assert.DoesNotContain(phone, await browser.GetStringAsync(page));
    }
}
