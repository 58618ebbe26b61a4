using System.Net;
using System.Text.Json;

namespace Encore.Web.Tests.Reports;

/// <summary>The reports' tests read 200 answers as JSON, naming the status and body when it is not one.</summary>
public static class ReportAnswers
{
    public static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
