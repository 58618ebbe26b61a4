using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Encore.Web.Tests.Bookings;

/// <summary>What the booking tests do over HTTP, in the words of the desk.</summary>
public static class DeskClient
{
    public static async Task<DateTimeOffset> NowAsync(this HttpClient gm) =>
        (await gm.GetFromJsonAsync<JsonElement>("/api/clock")).GetProperty("now").GetDateTimeOffset();

    public static async Task SetClockAsync(this HttpClient gm, DateTimeOffset to)
    {
        var response = await gm.PutAsJsonAsync("/api/clock", new { now = to });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Moves the simulated clock as the GM, then waits until every sweep has run through the new now. Here rather than
    /// on <see cref="EncoreFactory"/>: the browser tests compile that file too, without this one.
    /// </summary>
    public static async Task SweptAtAsync(this EncoreFactory app, DateTimeOffset at)
    {
        await (await app.ClientFor("gm01")).SetClockAsync(at);
        await app.SweptThroughNowAsync();
    }

    private static int phoneSequence = Random.Shared.Next(1_000_000);

    /// <summary>A mobile number no other test uses: a phone on file belongs to its first booker.</summary>
    public static string NewPhone() => $"186{Interlocked.Increment(ref phoneSequence) % 100_000_000:00000000}";

    public static async Task<JsonElement> BookAsync(this HttpClient manager, DateTimeOffset arrival, string name = "王先生",
        string? phone = null, int partySize = 6, string? bookerBadge = null)
    {
        phone ??= NewPhone();
        var response = await manager.PostAsJsonAsync("/api/bookings", new
        {
            customerName = name, customerPhone = phone, arrival = arrival.ToString("O"), partySize, roomType = "medium", bookerBadge,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement;
    }

    public static async Task<HttpResponseMessage> AssignAsync(this HttpClient desk, JsonElement booking, string room) =>
        await desk.PostAsJsonAsync($"/api/bookings/{booking.Id()}/assign", new { roomNumber = room });

    /// <summary>A room opened for a booking of <paramref name="badge"/> (verified and opened by the desk), so the session credits them.</summary>
    public static async Task<string> OpenRoomForAsync(this EncoreFactory app, string badge, string? phone = null)
    {
        var now = await (await app.ClientFor("gm01")).NowAsync();
        return await app.SeatAsync(await (await app.ClientFor(badge)).BookAsync(now.AddMinutes(30), name: "账单客", phone: phone));
    }

    /// <summary>The desk (h02) seats a booking's guest: the first free room assigned, the guest verified by the code, the room opened.</summary>
    public static async Task<string> SeatAsync(this EncoreFactory app, JsonElement booking)
    {
        var host = await app.ClientFor("h02");
        var room = (await host.FreeRoomsAsync())[0];
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(booking, room)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/arrive", new { confirmationCode = booking.Str("confirmationCode") })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsJsonAsync($"/api/rooms/{room}/open", new { bookingId = booking.Id() })).StatusCode);
        return room;
    }

    public static async Task<JsonElement> GetAsync(this HttpClient client, JsonElement booking) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/bookings/{booking.Id()}");

    public static async Task<JsonElement> RoomAsync(this HttpClient client, string number) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/rooms")).EnumerateArray().Single(r => r.GetProperty("number").GetString() == number);

    public static async Task<List<string>> FreeRoomsAsync(this HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/rooms")).EnumerateArray()
            .Where(r => r.GetProperty("state").GetString() == "free").Select(r => r.GetProperty("number").GetString()!).ToList();

    public static string Id(this JsonElement booking) => booking.GetProperty("id").GetString()!;
    public static string Status(this JsonElement booking) => booking.GetProperty("status").GetString()!;
    public static string Str(this JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? "" : e.GetProperty(name).ToString();

    /// <summary>Background work follows the clock within moments: poll until the expected state or fail after 5 s.</summary>
    public static async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement>> read, Func<JsonElement, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) Assert.Fail($"{what}: still {value}");
            await Task.Delay(25);
        }
    }
}
