using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Encore.Web.Tests.Reliability;

namespace Encore.Bench;

/// <summary>
/// Figure 6 (issue 12 item 11): Encore (Release build, Production, real Kestrel, SQLite, demo venue) under a stream of
/// generated bad requests — over every operation of its OpenAPI document, bad bodies for the writes and extreme
/// values for every query and route parameter (the fuzz suite's generator, BadRequestGenerator, linked from the
/// tests), sent as six roles, route values naming rows that exist or nobody at random. Counts every answer per
/// status; a 5xx, a 4xx that is not problem details, an answer without the security headers or a request that got
/// no answer at all is a failure, and the first of each kind is printed. Run with <c>--only=badinput</c>.
/// </summary>
public static class BadInput
{
    private static readonly string[] Roles = ["gm01", "fm01", "dh01", "m01", "h01", "c01"];

    public static async Task RunAsync(string repo, string work, Options options, Report report, CancellationToken ct)
    {
        var target = options.Quick ? 10_000 : 100_000;
        await using var app = await AppServer.StartAsync(repo, Path.Combine(work, "badinput.db"), demo: true, "Bench-admin-1", work, "badinput", ct);
        var tokens = new List<(string Badge, string Token)>();
        foreach (var badge in Roles) tokens.Add((badge, await app.LoginAsync(badge, AppServer.DemoPassword, ct)));
        var gm = tokens[0].Token;

        var doc = JsonDocument.Parse(await app.Http.GetStringAsync("/openapi/v1.json", ct)).RootElement;
        // Not the clock (training only) nor sign-in and sign-out: a bad request there would end the bench's own sessions.
        var ops = BadRequestGenerator.Operations(doc).Where(o => !o.Path.StartsWith("/api/clock", StringComparison.Ordinal)
                                                                 && !o.Path.StartsWith("/api/auth", StringComparison.Ordinal)).ToList();
        var rows = await ExistingRowsAsync(app, gm, ct);
        var random = new Random(12);
        string Fill(string path, string name)
        {
            // Half the time a row that exists (the request reaches the handler's checks), else nobody's (404).
            if (random.Next(2) == 0 && rows.TryGetValue(name == "id" ? IdKind(path) : name, out var values) && values.Count > 0)
                return values[random.Next(values.Count)];
            return BadRequestGenerator.Nobody(path, name);
        }

        // Rounds of every generated request, each round as every role, until the target is reached.
        var requests = new List<(string Badge, string Token, BadRequestGenerator.BadRequest Request)>();
        while (requests.Count < target)
            foreach (var (badge, token) in tokens)
                requests.AddRange(ops.SelectMany(o => BadRequestGenerator.ForParameters(o, Fill).Concat(BadRequestGenerator.ForBodies(o, Fill)))
                    .Select(r => (badge, token, r)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {requests.Count:N0} generated bad requests over {ops.Count} operations as {string.Join(", ", Roles)}"));

        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentDictionary<string, (int Count, string First)>();
        void Fail(string kind, string what) => failures.AddOrUpdate(kind, (1, what), (_, old) => (old.Count + 1, old.First));
        var next = -1;
        var clients = options.Clients;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Count && !ct.IsCancellationRequested)
            {
                var (badge, token, r) = requests[i];
                using var message = new HttpRequestMessage(new HttpMethod(r.Method), r.Url);
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                if (r.Body is { } body) message.Content = new StringContent(body, Encoding.UTF8, "application/json");
                var what = $"{badge} {r.What}";
                try
                {
                    using var answer = await app.Http.SendAsync(message, ct);
                    var status = (int)answer.StatusCode;
                    statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                    if (status >= 500) Fail("5xx", $"{what} → {status} {AppServer.Short(await answer.Content.ReadAsStringAsync(ct))}");
                    else if (status >= 400 && answer.Content.Headers.ContentType?.MediaType != "application/problem+json")
                        Fail("4xx not problem details", $"{what} → {status} {answer.Content.Headers.ContentType?.MediaType}");
                    if (!answer.Headers.Contains("X-Content-Type-Options") || !answer.Headers.Contains("Content-Security-Policy"))
                        Fail("without security headers", $"{what} → {status}");
                }
                catch (HttpRequestException e)
                {
                    Fail("no answer", $"{what}: {e.Message}");
                }
            }
        }, ct)));
        watch.Stop();

        var sent = statuses.Values.Sum();
        var fiveXx = statuses.Where(s => s.Key >= 500).Sum(s => s.Value);
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{sent:N0} generated bad requests ({requests.Count:N0} planned) over {ops.Count} operations of the OpenAPI document, as {string.Join(", ", Roles)}, {clients} concurrent clients: {watch.Elapsed.TotalSeconds:F1} s, {sent / watch.Elapsed.TotalSeconds:F0} requests/s."),
            "Answers per status: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} × {s.Value:N0}"))) + ".",
            string.Create(CultureInfo.InvariantCulture, $"5xx answers: {fiveXx}."),
        };
        lines.AddRange(failures.OrderBy(f => f.Key).Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Key}: {f.Value.Count:N0}, the first: `{AppServer.Short(f.Value.First).ReplaceLineEndings(" ").Replace("`", "'", StringComparison.Ordinal)}`")));
        if (failures.IsEmpty) lines.Add("Every 4xx was problem details and every answer carried the security headers.");
        foreach (var line in lines) Console.WriteLine("  " + line);
        report.BadInput.AddRange(lines);
    }

    /// <summary>Which list an {id} of this path is drawn from.</summary>
    private static string IdKind(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? "";

    /// <summary>Ids and numbers of rows of the demo venue, read as the GM through the API, by route value (ids by their collection).</summary>
    private static async Task<Dictionary<string, List<string>>> ExistingRowsAsync(AppServer app, string gm, CancellationToken ct)
    {
        async Task<List<string>> Read(string path, string property)
        {
            JsonElement list;
            try { list = await app.GetJsonAsync(path, gm, ct); }
            catch (BenchException) { return []; } // none to draw from: that route value is nobody's

            return list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Where(e => e.TryGetProperty(property, out var p) && p.ValueKind != JsonValueKind.Null).Select(e => e.GetProperty(property).ToString()).Take(20).ToList()
                : [];
        }
        return new Dictionary<string, List<string>>
        {
            ["bookings"] = await Read("/api/bookings", "id"),
            ["violations"] = await Read("/api/violations", "id"),
            ["leave"] = await Read("/api/leave", "id"),
            ["approvals"] = await Read("/api/approvals", "id"),
            ["customers"] = await Read("/api/customers", "id"),
            ["number"] = await Read("/api/rooms", "number"),
            ["badge"] = ["m12"],
        };
    }
}
