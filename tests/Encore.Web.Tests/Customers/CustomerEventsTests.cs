using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.Customers;

/// <summary>
/// "customersChanged" (Customers/CustomerEvents.cs) over a real SignalR client: a file filed, edited or handed over
/// reaches its owners and the floor (floor manager, GM), names no one, and never reaches another keeper; the booking
/// page then fetches GET /api/customers/mine, the caller's own files and nobody else's.
/// </summary>
public sealed class CustomerEventsTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private async Task<string> FileAsync(string badge, string name, string phone)
    {
        var answer = await (await app.ClientFor(badge)).PostAsJsonAsync("/api/customers", new { name, phone });
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.Str("id");
    }

    private static int Count(BoardListener listener) => listener.Heard.Count(h => h.Event == "customersChanged");

    private static async Task<List<string>> MineAsync(HttpClient client)
    {
        var answer = await client.GetAsync("/api/customers/mine");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(c => c.Str("id")).ToList();
    }

    [Fact]
    public async Task A_file_filed_edited_and_handed_over_reaches_its_owners_and_the_floor_but_no_other_keeper()
    {
        await using var owner = await ListenAs("m01");
        await using var floor = await ListenAs("fm01");
        await using var gm = await ListenAs("gm01");
        await using var other = await ListenAs("m02");
        await using var heir = await ListenAs("m03");

        var id = await FileAsync("m01", "事件客户", "13911110001");
        foreach (var heard in new[] { owner, floor, gm })
        {
            var body = await heard.WaitForAsync("customersChanged", _ => true);
            // Nothing of the guest travels in the event: the page asks the API, which shows each reader what they may see.
            Assert.Equal("{}", body.GetRawText());
        }
        Assert.Contains(id, await MineAsync(await app.ClientFor("m01")));
        Assert.DoesNotContain(id, await MineAsync(await app.ClientFor("m02")));

        var edited = await (await app.ClientFor("m01")).PutAsJsonAsync($"/api/customers/{id}", new { name = "事件客户改", phone = "13911110001" });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        await owner.WaitForAsync("customersChanged", _ => Count(owner) == 2);

        // The floor hands the file to m03: both the old owner (whose list loses it) and the new one hear of it.
        var handed = await (await app.ClientFor("fm01")).PostAsJsonAsync($"/api/customers/{id}/handover", new { toBadge = "m03", reason = "调岗" });
        Assert.Equal(HttpStatusCode.OK, handed.StatusCode);
        await owner.WaitForAsync("customersChanged", _ => Count(owner) == 3);
        await heir.WaitForAsync("customersChanged", _ => Count(heir) == 1);
        Assert.DoesNotContain(id, await MineAsync(await app.ClientFor("m01")));
        Assert.Contains(id, await MineAsync(await app.ClientFor("m03")));

        // Notices go out in order and each connection receives in order: once m02 hears of their own new file,
        // anything about m01's would already have reached them.
        await FileAsync("m02", "别人的客户", "13911110002");
        await other.WaitForAsync("customersChanged", _ => true);
        Assert.Equal(1, Count(other));
        Assert.Equal(1, Count(heir));
    }

    [Fact]
    public async Task A_refused_filing_tells_no_one()
    {
        await FileAsync("m04", "已有客户", "13911110003");
        await using var owner = await ListenAs("m04");
        var refused = await (await app.ClientFor("m04")).PostAsJsonAsync("/api/customers", new { name = "重复", phone = "13911110003" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        await FileAsync("m04", "下一个", "13911110004");
        await owner.WaitForAsync("customersChanged", _ => true);
        Assert.Equal(1, Count(owner));
    }

    private Task<BoardListener> ListenAs(string badge) => BoardListener.StartAsync(app, badge);
}
