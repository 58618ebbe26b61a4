using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.Customers;

/// <summary>Files filed by m02 and the due days of their return visits: what the return-visit sweep's tests look at.</summary>
internal static class ReturnVisitFiles
{
    /// <summary>Files a customer as m02 (now on the simulated clock); answers the file's id.</summary>
    public static async Task<string> FileAsync(this EncoreFactory app, string name, string phone, string? birthday = null) =>
        JsonDocument.Parse(await (await (await app.ClientFor("m02")).PostAsJsonAsync("/api/customers", new { name, phone, birthday }))
            .EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement.Str("id");

    /// <summary>The due days of a file's return visits for one reason, as its owner m02 lists them, in order.</summary>
    public static async Task<List<string>> DueDaysAsync(this EncoreFactory app, string customerId, string reason) =>
        (await (await app.ClientFor("m02")).GetFromJsonAsync<JsonElement>("/api/return-visits")).EnumerateArray()
            .Where(v => v.Str("customerId") == customerId && v.Str("reason") == reason).Select(v => v.Str("dueDay")).Order().ToList();
}
