using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;
using static Encore.Web.Tests.Answer;

namespace Encore.Web.Tests.Appraisals;

/// <summary>What the appraisal tests do over HTTP.</summary>
public static class AppraisalApi
{
    public static async Task<string> ThisMonthAsync(this HttpClient client) => (await client.NowAsync()).ToOffset(TimeSpan.FromHours(8)).AddHours(-6).ToString("yyyy-MM");

    public static async Task<JsonElement> StartAsync(this HttpClient superior, string badge, string period) =>
        await OkAsync(await superior.PostAsJsonAsync("/api/appraisals", new { badge, period }), HttpStatusCode.Created);

    /// <summary>Every item scored by hand given <paramref name="score"/>.</summary>
    public static Dictionary<string, decimal> HandScores(JsonElement appraisal, decimal score) =>
        appraisal.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("byHand").GetBoolean()).ToDictionary(i => i.Str("key"), _ => score);

    public static Task<HttpResponseMessage> SelfAsync(this HttpClient c, JsonElement a, decimal score) =>
        c.PutAsJsonAsync($"/api/appraisals/{a.Str("id")}/self", new { scores = HandScores(a, score), comment = "自评" });

    public static Task<HttpResponseMessage> SuperviseAsync(this HttpClient c, JsonElement a, decimal score) =>
        c.PutAsJsonAsync($"/api/appraisals/{a.Str("id")}/supervisor", new { scores = HandScores(a, score), comment = "上级评语" });

    public static Task<HttpResponseMessage> StepAsync(this HttpClient c, JsonElement a, string step) =>
        c.PostAsync($"/api/appraisals/{a.Str("id")}/{step}", null);

    public static Task<HttpResponseMessage> AppealAsync(this HttpClient c, JsonElement a, string reason = "新客户数有误") =>
        c.PostAsJsonAsync($"/api/appraisals/{a.Str("id")}/appeal", new { reason });

    public static async Task<JsonElement> GetAppraisalAsync(this HttpClient c, JsonElement a) =>
        await OkAsync(await c.GetAsync($"/api/appraisals/{a.Str("id")}"));

    public static decimal? Dec(this JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDecimal();

    public static JsonElement Item(this JsonElement appraisal, string key) => appraisal.GetProperty("items").EnumerateArray().Single(i => i.Str("key") == key);
}
