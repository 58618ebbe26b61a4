using Encore.Domain;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Data;
using Encore.Web.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Encore.Web.Tests;

/// <summary>Every venue-owned row carries its venue: a second venue's GM sees and touches nothing of the first.</summary>
public sealed class VenueIsolationTests(EncoreFactory app) : ServerTest(app), IClassFixture<EncoreFactory>
{
    private async Task<HttpClient> SecondVenueGm()
    {
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EncoreDb>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffMember>>();
            if (await users.FindByNameAsync("gm-b") is null)
            {
                var venue = new Venue { Code = "second", Name = "Second venue", CreatedAt = DateTimeOffset.UtcNow };
                db.Venues.Add(venue);
                db.Rooms.Add(new Room { VenueId = venue.Id, Number = "B01", Type = RoomType.Small, Capacity = 4, MinimumSpend = 100, CreatedAt = DateTimeOffset.UtcNow });
                await db.SaveChangesAsync();
                var gm = new StaffMember { UserName = "gm-b", Name = "B GM", VenueId = venue.Id, CreatedAt = DateTimeOffset.UtcNow };
                Assert.True((await users.CreateAsync(gm, "second-venue-1")).Succeeded);
                Assert.True((await users.AddToRoleAsync(gm, Roles.Gm)).Succeeded);
            }
        }
        return await app.ClientFor("gm-b", "second-venue-1", venue: "second");
    }

    [Fact]
    public async Task Rooms_staff_and_audit_are_per_venue()
    {
        var gmB = await SecondVenueGm();
        var rooms = await gmB.GetFromJsonAsync<JsonElement>("/api/rooms");
        Assert.Equal(["B01"], rooms.EnumerateArray().Select(r => r.GetProperty("number").GetString()!).ToArray());
        var staff = await gmB.GetFromJsonAsync<JsonElement>("/api/staff");
        Assert.Equal(["gm-b"], staff.EnumerateArray().Select(s => s.GetProperty("badge").GetString()!).ToArray());
        var audit = await gmB.GetFromJsonAsync<JsonElement>("/api/audit");
        Assert.DoesNotContain(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "demo.seed");
    }

    [Fact]
    public async Task Another_venues_staff_cannot_be_touched()
    {
        var gmB = await SecondVenueGm();
        await Problem.Expect(await gmB.GetAsync("/api/staff/m01"), HttpStatusCode.NotFound);
        await Problem.Expect(await gmB.PostAsync("/api/staff/m01/disable", null), HttpStatusCode.NotFound);
        await Problem.Expect(await gmB.PostAsync("/api/staff/m01/unlock", null), HttpStatusCode.NotFound);
        await Problem.Expect(await gmB.PostAsJsonAsync("/api/staff/m01/password", new { password = "taken-over-1" }), HttpStatusCode.NotFound);
        // Neither venue of the demo chain lost its m01: not main's, the badge B's GM typed, nor hangzhou's.
        Assert.Equal([true, true], app.With(db => db.Users.Where(u => u.UserName == "m01").Select(u => u.IsActive).ToList()));
    }

    [Fact]
    public async Task A_room_number_may_repeat_in_another_venue()
    {
        var gmB = await SecondVenueGm();
        var created = await gmB.PostAsJsonAsync("/api/rooms", new { number = "101", type = "small", capacity = 6, minimumSpend = 600 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }
}
