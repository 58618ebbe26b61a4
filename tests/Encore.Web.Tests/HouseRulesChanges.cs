using System.Net;
using System.Net.Http.Json;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests;

public static class HouseRulesChanges
{
    /// <summary>
    /// The GM changes the house rules (PUT /api/house-rules), a simulated minute after the last change: versions saved
    /// at one frozen instant of the simulated clock would tie on their effective time, leaving which is in force to chance.
    /// </summary>
    public static async Task ChangeRulesAsync(this HttpClient gm, object change)
    {
        await gm.SetClockAsync((await gm.NowAsync()).AddMinutes(1));
        var put = await gm.PutAsJsonAsync("/api/house-rules", change);
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
    }
}
