using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Encore.Web.Tests.Bookings;

/// <summary>A double tap or a retried request creates nothing twice (Idempotency-Key).</summary>
public sealed class IdempotencyTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static HttpRequestMessage Post(string url, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private async Task<object> BodyAsync(string phone) => new
    {
        customerName = "钱先生", customerPhone = phone, arrival = (await (await app.ClientFor("gm01")).NowAsync()).AddHours(1).ToString("O"), partySize = 5,
    };

    [Fact]
    public async Task A_retried_booking_answers_the_same_and_creates_one()
    {
        var manager = await app.ClientFor("m01");
        var body = await BodyAsync("13811110001");
        var key = Guid.NewGuid().ToString();
        var first = await manager.SendAsync(Post("/api/bookings", body, key));
        var again = await manager.SendAsync(Post("/api/bookings", body, key));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var a = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        var b = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(a.Id(), b.Id());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(1, await app.WithAsync(db => db.Bookings.CountAsync(x => x.CustomerPhone == "13811110001")));
    }

    [Fact]
    public async Task A_double_tap_sent_at_the_same_moment_creates_one_booking()
    {
        var manager = await app.ClientFor("m02");
        var body = await BodyAsync("13811110002");
        var key = Guid.NewGuid().ToString();
        var answers = await StartingGate.AllAtOnce(4, _ => manager.SendAsync(Post("/api/bookings", body, key)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var ids = await Task.WhenAll(answers.Select(async a => JsonDocument.Parse(await a.Content.ReadAsStringAsync()).RootElement.Id()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await app.WithAsync(db => db.Bookings.CountAsync(x => x.CustomerPhone == "13811110002")));
    }

    [Fact]
    public async Task A_retried_walk_in_opens_one_session_and_a_reused_key_with_another_body_is_refused()
    {
        var host = await app.ClientFor("h02");
        var room = (await host.FreeRoomsAsync()).Last();
        var key = Guid.NewGuid().ToString();
        var first = await host.SendAsync(Post($"/api/rooms/{room}/open", new { walkIn = true, partySize = 4 }, key));
        var again = await host.SendAsync(Post($"/api/rooms/{room}/open", new { walkIn = true, partySize = 4 }, key));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.WithAsync(db => db.RoomSessions.CountAsync(s => s.ClosedAt == null && db.Rooms.Any(r => r.Id == s.RoomId && r.Number == room))));

        var reused = await host.SendAsync(Post($"/api/rooms/{room}/open", new { walkIn = true, partySize = 9 }, key));
        await Problem.Expect(reused, (HttpStatusCode)422);
        // Without a key, a second open is simply refused: the room is occupied.
        await Problem.Expect(await host.PostAsJsonAsync($"/api/rooms/{room}/open", new { walkIn = true, partySize = 4 }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Keys_belong_to_their_caller()
    {
        var key = Guid.NewGuid().ToString();
        var m03 = await app.ClientFor("m03");
        var m04 = await app.ClientFor("m04");
        Assert.Equal(HttpStatusCode.Created, (await m03.SendAsync(Post("/api/bookings", await BodyAsync("13811110003"), key))).StatusCode);
        var other = await m04.SendAsync(Post("/api/bookings", await BodyAsync("13811110004"), key));
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.Equal("m04", JsonDocument.Parse(await other.Content.ReadAsStringAsync()).RootElement.Str("bookerBadge"));
    }
}
