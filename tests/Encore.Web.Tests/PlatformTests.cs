using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Platform;

namespace Encore.Web.Tests;

public sealed class PlatformTests(EncoreFactory app) : ServerTest(app), IClassFixture<EncoreFactory>
{
    [Fact]
    public async Task Health_answers_200_without_auth()
    {
        var response = await app.Anonymous().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_contract_routes()
    {
        var doc = await app.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var route in new[] { "/api/auth/login", "/api/staff", "/api/rooms", "/api/house-rules", "/api/clock", "/api/audit" })
            Assert.Contains(route, paths);
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        foreach (var path in new[] { "/health", "/login", "/api/staff" })
        {
            var response = await app.Anonymous().GetAsync(path);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        }
    }

    [Fact]
    public async Task An_unknown_API_route_is_a_404_problem()
    {
        var gm = await app.ClientFor("gm01");
        await Problem.Expect(await gm.GetAsync("/api/no-such-thing"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_a_400_problem()
    {
        var gm = await app.ClientFor("gm01");
        var response = await gm.PostAsync("/api/rooms", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        await Problem.Expect(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public void Chinese_and_English_texts_have_the_same_keys()
    {
        var zh = Texts.Keys("zh-CN").Order().ToList();
        var en = Texts.Keys("en").Order().ToList();
        Assert.Equal(zh, en);
    }
}

public sealed class DemoVenueTests(EncoreFactory app) : ServerTest(app), IClassFixture<EncoreFactory>
{
    [Fact]
    public async Task The_demo_venue_has_70_rooms_of_every_type()
    {
        var rooms = await (await app.ClientFor("h02")).GetFromJsonAsync<JsonElement>("/api/rooms");
        Assert.Equal(70, rooms.GetArrayLength());
        Assert.Equal(["large", "medium", "party", "small", "vip"],
            rooms.EnumerateArray().Select(r => r.GetProperty("type").GetString()!).Distinct().Order().ToArray());
        // Tonight's board is seeded too: most rooms free, one under repair, reserved rooms held by their booking.
        var states = rooms.EnumerateArray().GroupBy(r => r.GetProperty("state").GetString()!).ToDictionary(g => g.Key, g => g.ToList());
        Assert.True(states["free"].Count >= 50, $"{states["free"].Count} free rooms");
        Assert.Equal("115", Assert.Single(states["outOfService"]).GetProperty("number").GetString());
        Assert.All(states.GetValueOrDefault("reserved", []), r => Assert.NotEqual(JsonValueKind.Null, r.GetProperty("bookingId").ValueKind));
    }

    [Fact]
    public async Task The_demo_venue_has_thirty_nights_of_booking_history()
    {
        var now = ((TimeProvider)app.Services.GetService(typeof(TimeProvider))!).GetUtcNow();
        var today = Encore.Domain.BusinessDay.Of(now, Encore.Domain.BusinessDay.FindZone("Asia/Shanghai"), new TimeOnly(6, 0));
        var nights = app.With(db => db.Bookings.Select(b => b.BusinessDay).Distinct().Count(d => d < today));
        Assert.Equal(30, nights);
        Assert.True(app.With(db => db.Bookings.Count(b => b.Status == Encore.Domain.BookingStatus.Completed)) > 300);
        Assert.True(app.With(db => db.Bookings.Count(b => b.Status == Encore.Domain.BookingStatus.Lapsed)) > 20);
        Assert.True(app.With(db => db.RoomSessions.Count(s => s.ClosedAt != null && s.Spend > 0)) > 300);
        // Walk-ins went round the rotation, most cards were signed, generous bills went through approvals.
        Assert.True(app.With(db => db.RotationEvents.Count(e => e.Kind == "assigned" && e.BusinessDay < today)) > 150);
        Assert.True(app.With(db => db.RoomSessions.Count(s => s.WalkIn && s.CreditedToId != null)) > 150);
        Assert.True(app.With(db => db.PerformanceCards.Count()) > 200);
        Assert.True(app.With(db => db.Approvals.Count(a => a.Status == Encore.Domain.ApprovalStatus.Used)) > 10);
        Assert.Equal(app.With(db => db.RoomSessions.Count(s => s.ApprovalId != null)), app.With(db => db.Approvals.Count()));
        // Every booking's history begins with its creation.
        Assert.Equal(app.With(db => db.Bookings.Count()), app.With(db => db.BookingEvents.Count(e => e.Kind == "created")));
    }

    [Fact]
    public async Task The_demo_staff_and_customers_are_there()
    {
        var staff = await (await app.ClientFor("gm01")).GetFromJsonAsync<JsonElement>("/api/staff");
        int Count(string role) => staff.EnumerateArray().Count(s => s.GetProperty("roles").EnumerateArray().Any(r => r.GetString() == role));
        Assert.Equal(2, Count("gm")); // gm01 and the bootstrap admin
        Assert.Equal(1, Count("floorManager"));
        Assert.Equal(2, Count("departmentHead"));
        Assert.Equal(12, Count("manager"));
        Assert.Equal(3, Count("host"));
        Assert.Equal(1, Count("cashier"));
        // Main's 300 (hangzhou has 300 of its own; a phone is on file once per venue).
        Assert.Equal(300, app.With(db => db.Customers.OfMain(db).Count()));
        Assert.Equal(300, app.With(db => db.Customers.OfMain(db).Select(c => c.Phone).Distinct().Count()));
    }
}

public sealed class EmptyVenueTests(EmptyVenueTests.Factory app) : ServerTest(app), IClassFixture<EmptyVenueTests.Factory>
{
    public sealed class Factory : EncoreFactory
    {
        protected override bool Demo => false;
    }

    [Fact]
    public async Task Without_the_demo_only_the_admin_exists_and_can_sign_in()
    {
        var admin = await app.ClientFor("admin");
        var staff = await admin.GetFromJsonAsync<JsonElement>("/api/staff");
        Assert.Equal("admin", Assert.Single(staff.EnumerateArray()).GetProperty("badge").GetString());
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("/api/rooms")).GetArrayLength());
    }
}
