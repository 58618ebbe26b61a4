using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Encore.Web.Data;
using Encore.Web.Tests.Bookings;
using Microsoft.EntityFrameworkCore;

namespace Encore.Web.Tests.Complaints;

/// <summary>What the guest-link tests do over HTTP: the desk's link, the guest's anonymous post.</summary>
internal static class GuestVoice
{
    public static async Task<string> LinkAsync(this EncoreFactory app, string room, string badge = "h02")
    {
        var response = await (await app.ClientFor(badge)).GetAsync($"/api/rooms/{room}/guest-link");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Str("url");
    }

    /// <summary>API.md: the guest posts to the path of url under /api.</summary>
    public static Task<HttpResponseMessage> RateAsync(this EncoreFactory app, string url, object body) =>
        app.Anonymous().PostAsJsonAsync("/api" + url, body);

    public static async Task<JsonElement> RatedAsync(this EncoreFactory app, string url, object body)
    {
        var response = await app.RateAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public static string Forged() => Base64UrlOf(RandomNumberGenerator.GetBytes(24));

    private static string Base64UrlOf(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>These tests post many times from the one test address: the address limit is raised out of their way (its own test keeps the default).</summary>
    public static async Task RaiseAddressLimitAsync(this EncoreFactory app) =>
        await (await app.ClientFor("gm01")).ChangeRulesAsync(new { complaints = new { guestPostsPerAddressPerHour = 1000 } });
}

/// <summary>
/// SPEC.md "the guest's own voice": a private link per open room session, shown to the desk and the floor; the guest
/// rates through it without an account; a low rating or a tips report reaches the floor at once as a complaint.
/// </summary>
public sealed class GuestLinkTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task The_desk_and_the_floor_get_one_unguessable_link_per_open_session_stored_only_hashed_and_managers_do_not()
    {
        var room = await app.OpenRoomForAsync("m05");
        var host = await app.ClientFor("h02");
        var first = await host.GetFromJsonAsync<JsonElement>($"/api/rooms/{room}/guest-link");
        var url = first.Str("url");
        Assert.StartsWith("/guest/", url);
        var token = url["/guest/".Length..];
        Assert.Equal(32, token.Length); // 24 random bytes, base64url
        Assert.Equal(JsonValueKind.Null, first.GetProperty("expiresAt").ValueKind);
        Assert.Equal(url, await app.LinkAsync(room, "fm01")); // the same link on every call, for whoever shows it

        // The database holds the token's SHA-256 and a sealed copy, never the token itself.
        var links = await app.WithAsync(db => db.Set<GuestLink>().ToListAsync());
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var stored = Assert.Single(links, l => l.TokenHash == hash);
        Assert.DoesNotContain(token, stored.TokenSealed);
        Assert.DoesNotContain(await app.WithAsync(db => db.AuditEntries.Select(a => a.After ?? "").ToListAsync()), after => after.Contains(token));

        await Problem.Expect(await (await app.ClientFor("m05")).GetAsync($"/api/rooms/{room}/guest-link"), HttpStatusCode.Forbidden);
        await Problem.Expect(await host.GetAsync("/api/rooms/9999/guest-link"), HttpStatusCode.NotFound);
        var free = (await host.FreeRoomsAsync())[0];
        var noSession = await Problem.Expect(await host.GetAsync($"/api/rooms/{free}/guest-link"), HttpStatusCode.Conflict);
        Assert.Contains(free, noSession.Detail());

        // The QR of the full link, as SVG; the desk's printable card carries it.
        var qr = await host.GetAsync($"/api/rooms/{room}/guest-link/qr");
        Assert.Equal(HttpStatusCode.OK, qr.StatusCode);
        Assert.Equal("image/svg+xml", qr.Content.Headers.ContentType!.MediaType);
        Assert.Equal("svg", XDocument.Parse(await qr.Content.ReadAsStringAsync()).Root!.Name.LocalName);
        var card = await (await host.GetAsync($"/rooms/{room}/guest-card")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"guest-card-qr\"", card);
        Assert.Contains("src=\"data:image/svg", card);
        Assert.Contains($"http://localhost{url}", card);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("m05")).GetAsync($"/rooms/{room}/guest-card")).StatusCode);
    }

    [Fact]
    public async Task The_guest_page_opens_without_an_account_and_shows_nothing_of_the_staff()
    {
        var phone = DeskClient.NewPhone();
        var room = await app.OpenRoomForAsync("m06", phone);
        var url = await app.LinkAsync(room);
        var manager = await (await app.ClientFor("gm01")).GetFromJsonAsync<JsonElement>("/api/staff/m06");
        var page = await app.Anonymous().GetAsync(url);
        // The token is random text: taken out, so a chance "m06" inside it cannot fail the test.
        var html = (await page.Content.ReadAsStringAsync()).Replace(url["/guest/".Length..], "");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(room, html);
        Assert.Contains("data-testid=\"guest-star-5\"", html);
        Assert.DoesNotContain(manager.Str("name"), html);
        Assert.DoesNotContain("m06", html);
        Assert.DoesNotContain(phone, html);
        Assert.DoesNotContain("账单客", html); // the booking's customer
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/guest/{GuestVoice.Forged()}")).StatusCode);
        // English on request, through the language switch's cookie like every page.
        var english = app.Anonymous();
        english.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        Assert.Contains("How was our service tonight?", await english.GetStringAsync(url));
    }

    [Fact]
    public async Task A_guest_rates_anonymously_and_a_low_rating_or_a_tips_report_reaches_the_floor_live_as_a_complaint()
    {
        await app.RaiseAddressLimitAsync();
        var room = await app.OpenRoomForAsync("m05");
        var url = await app.LinkAsync(room);
        var floor = await app.ClientFor("fm01");
        await using var screen = await BoardListener.StartAsync(app, "fm01");

        // Bad input is named; a forged token and a malformed one are the same 404; nothing is stored by any of them.
        Assert.Contains("rating", (await Problem.Expect(await app.RateAsync(url, new { rating = 6 }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("rating", (await Problem.Expect(await app.RateAsync(url, new { comment = "很好" }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("comment", (await Problem.Expect(await app.RateAsync(url, new { rating = 3, comment = new string('好', 501) }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("comment", (await Problem.Expect(await app.RateAsync(url, new { rating = 3, comment = "好\u202E评" }), HttpStatusCode.BadRequest)).ErrorFields());
        await Problem.Expect(await app.RateAsync($"/guest/{GuestVoice.Forged()}", new { rating = 1 }), HttpStatusCode.NotFound);
        await Problem.Expect(await app.RateAsync("/guest/short", new { rating = 1 }), HttpStatusCode.NotFound);
        var sessionId = await app.WithAsync(db => db.RoomSessions.Where(s => s.ClosedAt == null && db.Rooms.Any(r => r.Id == s.RoomId && r.Number == room)).Select(s => s.Id).SingleAsync());
        Assert.Equal(0, await app.WithAsync(db => db.Set<GuestRating>().CountAsync(r => r.SessionId == sessionId)));

        // A 4: kept, no complaint.
        var four = await app.RatedAsync(url, new { rating = 4, comment = "歌很好" });
        Assert.False(four.GetProperty("complaintOpened").GetBoolean());
        Assert.Equal(0, await app.WithAsync(db => db.Complaints.CountAsync(c => c.SessionId == sessionId)));

        // A 1: a complaint at once, from the guest, about this room, seen by the floor and heard live.
        var one = await app.RatedAsync(url, new { rating = 1, comment = "等了半小时没人来" });
        Assert.True(one.GetProperty("complaintOpened").GetBoolean());
        var complaints = (await floor.GetFromJsonAsync<JsonElement>("/api/complaints")).EnumerateArray().Where(c => c.Str("roomNumber") == room && c.Str("source") == "guest").ToList();
        var low = Assert.Single(complaints);
        Assert.Equal("service", low.Str("category"));
        Assert.Equal("high", low.Str("severity"));
        Assert.Equal("guest", low.Str("createdBy"));
        Assert.Equal("m05", low.Str("managerBadge"));
        Assert.Contains("等了半小时没人来", low.Str("description"));
        Assert.Equal("账单客", low.Str("customerName")); // the session's booking's customer
        await screen.WaitForAsync("complaintChanged", e => e.Str("id") == low.Str("id")); // live on the floor's screen

        // A tips report, even with five stars: a tips complaint.
        var tips = await app.RatedAsync(url, new { rating = 5, tipSolicited = true });
        Assert.True(tips.GetProperty("complaintOpened").GetBoolean());
        var tipsComplaint = (await floor.GetFromJsonAsync<JsonElement>("/api/complaints")).EnumerateArray()
            .Single(c => c.Str("roomNumber") == room && c.Str("category") == "tips");
        Assert.Equal("high", tipsComplaint.Str("severity"));

        // Every rating is kept, with the complaint it opened; each post is audited as the guest.
        var ratings = await app.WithAsync(db => db.Set<GuestRating>().Where(r => r.SessionId == sessionId).OrderBy(r => r.Rating).ToListAsync());
        Assert.Equal([1, 4, 5], ratings.Select(r => r.Rating).ToArray());
        Assert.Equal(Guid.Parse(low.Str("id")), ratings[0].ComplaintId);
        Assert.Null(ratings[1].ComplaintId);
        Assert.True(ratings[2].TipSolicited);
        // The ratings feed the manager's satisfaction: m05's guests gave 4, 1 and 5 tonight.
        var stats = await (await app.ClientFor("gm01")).GetFromJsonAsync<JsonElement>("/api/complaints/stats");
        Assert.Equal(3.33m, stats.GetProperty("byManager").EnumerateArray().Single(r => r.Str("key") == "m05").GetProperty("guestRating").GetDecimal());
        // …and the standings, where the month's ranking reads them.
        var month = (await (await app.ClientFor("gm01")).NowAsync()).ToString("yyyy-MM");
        var standing = (await (await app.ClientFor("gm01")).GetFromJsonAsync<JsonElement>($"/api/performance?month={month}")).EnumerateArray().First(s => s.Str("badge") == "m05");
        Assert.Equal(3.33m, standing.GetProperty("guestRating").GetDecimal());
        var audited = await app.WithAsync(db => db.AuditEntries.Where(a => a.Action == "guest.rate").Select(a => new { a.ActorBadge, a.EntityType }).ToListAsync());
        Assert.Contains(audited, a => a.ActorBadge == "guest" && a.EntityType == nameof(GuestRating));
        Assert.Contains(audited, a => a.ActorBadge == "guest" && a.EntityType == nameof(Complaint));
    }

    [Fact]
    public async Task The_sixth_post_on_one_link_within_an_hour_is_refused_and_the_next_hour_takes_posts_again()
    {
        await app.RaiseAddressLimitAsync();
        var room = await app.OpenRoomForAsync("m07");
        var url = await app.LinkAsync(room);
        for (var i = 0; i < 5; i++) await app.RatedAsync(url, new { rating = 5 });
        await Problem.Expect(await app.RateAsync(url, new { rating = 5 }), HttpStatusCode.TooManyRequests);
        var gm = await app.ClientFor("gm01");
        await gm.SetClockAsync((await gm.NowAsync()).AddHours(1));
        await app.RatedAsync(url, new { rating = 5 });
    }
}

/// <summary>The link works until the session closed + complaints.guestLinkHours, and not a minute after; the house rule moves the boundary. Own venue: it moves the clock.</summary>
public sealed class GuestLinkExpiryTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task A_closed_sessions_link_works_until_the_house_rule_hours_after_closing_and_is_404_a_minute_later()
    {
        var room = await app.OpenRoomForAsync("m05");
        var url = await app.LinkAsync(room);
        var gm = await app.ClientFor("gm01");
        var closedAt = await gm.NowAsync();
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("c01")).PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 1200, discount = 0 })).StatusCode);
        await Problem.Expect(await (await app.ClientFor("h02")).GetAsync($"/api/rooms/{room}/guest-link"), HttpStatusCode.Conflict);

        await gm.SetClockAsync(closedAt.AddHours(2));
        await app.RatedAsync(url, new { rating = 5 });
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync(url)).StatusCode);
        await gm.SetClockAsync(closedAt.AddHours(2).AddMinutes(1));
        await Problem.Expect(await app.RateAsync(url, new { rating = 5 }), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync(url)).StatusCode);

        // Three hours: the link works again until closing + 3 h, and not a minute after.
        await gm.ChangeRulesAsync(new { complaints = new { guestLinkHours = 3 } });
        await app.RatedAsync(url, new { rating = 4 });
        await gm.SetClockAsync(closedAt.AddHours(3));
        await app.RatedAsync(url, new { rating = 4 });
        await gm.SetClockAsync(closedAt.AddHours(3).AddMinutes(1));
        await Problem.Expect(await app.RateAsync(url, new { rating = 4 }), HttpStatusCode.NotFound);
    }
}

/// <summary>The per-address limit, at its default (20 an hour), in a venue of its own: the count lives in the instance.</summary>
public sealed class GuestAddressThrottleTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task The_twenty_first_post_from_one_address_within_an_hour_is_refused_whatever_link_it_names()
    {
        var room = await app.OpenRoomForAsync("m05");
        var url = await app.LinkAsync(room);
        // Guessing tokens counts too: 19 forged posts and one real one make twenty.
        for (var i = 0; i < 19; i++) await Problem.Expect(await app.RateAsync($"/guest/{GuestVoice.Forged()}", new { rating = 1 }), HttpStatusCode.NotFound);
        await app.RatedAsync(url, new { rating = 5 });
        var refused = await Problem.Expect(await app.RateAsync(url, new { rating = 5 }), HttpStatusCode.TooManyRequests);
        Assert.EndsWith("guest.tooMany", refused.GetProperty("type").GetString());
        await Problem.Expect(await app.RateAsync($"/guest/{GuestVoice.Forged()}", new { rating = 1 }), HttpStatusCode.TooManyRequests);
        // An hour after the first post the window has room again.
        var gm = await app.ClientFor("gm01");
        await gm.SetClockAsync((await gm.NowAsync()).AddHours(1));
        await app.RatedAsync(url, new { rating = 5 });
    }
}
