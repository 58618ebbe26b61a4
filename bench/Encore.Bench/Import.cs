using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;

namespace Encore.Bench;

/// <summary>
/// Figure 6 (issue 12, item 12): a 20,000-line customer import (POST /api/customers/import by one manager) and,
/// while it runs, a single POST /api/customers by another manager: how long the single create waits, next to the
/// same create on an idle app. SQLite, demo venue, through the API.
/// </summary>
public static class Import
{
    private const int Lines = 20_000;

    public static async Task RunAsync(string repo, string work, Options options, Report report, CancellationToken ct)
    {
        var path = Path.Combine(work, "import.db");
        await using var app = await AppServer.StartAsync(repo, path, demo: true, "Bench-admin-1", work, "import", ct);
        await app.WaitIdleAsync(ct);
        var rounds = options.Quick ? 2 : 3;
        // The old import could take minutes on a busy machine: its answer is waited for, not timed out.
        using var slow = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(15) };
        var idle = new List<string>();
        var during = new List<string>();
        var imports = new List<double>();
        var written = new List<string>();
        for (var round = 0; round < rounds; round++)
        {
            // Distinct importers and creators each round: the import limit per person is not what is measured.
            var importer = await app.LoginAsync($"m{round + 1:00}", AppServer.DemoPassword, ct);
            var creator = await app.LoginAsync($"m{round + 7:00}", AppServer.DemoPassword, ct);
            idle.Add(await CreateAsync(slow, creator, $"17{round}00000001", ct));

            var csv = new StringBuilder("name,phone,company,title,birthday,tags,notes\n");
            for (var i = 0; i < Lines; i++) csv.Append(CultureInfo.InvariantCulture, $"导入{round}客{i},18{round}{i:00000000},公司{i % 97},,,,\n");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/customers/import") { Content = new StringContent(csv.ToString().TrimEnd('\n'), Encoding.UTF8, "text/csv") };
            request.Headers.Authorization = AppServer.Bearer(importer);
            var importWatch = Stopwatch.StartNew();
            var importing = slow.SendAsync(request, ct);
            // Single creates, one after another, from 300 ms after the import was sent until it answers: every
            // phase of the import (reading, checking, writing) meets some of them; the slowest is the figure.
            await Task.Delay(300, ct);
            var waits = new List<string>();
            for (var n = 2; !importing.IsCompleted; n++)
            {
                waits.Add(await CreateAsync(slow, creator, $"17{round}{n:00000000}", ct));
                await Task.Delay(200, ct);
            }
            during.Add($"{waits.Count} creates, slowest {waits.MaxBy(w => double.Parse(w.Split(' ')[0], CultureInfo.InvariantCulture))}");
            using var answer = await importing;
            imports.Add(importWatch.Elapsed.TotalMilliseconds);
            if (!answer.IsSuccessStatusCode)
                throw new BenchException($"import: {(int)answer.StatusCode} {AppServer.Short(await answer.Content.ReadAsStringAsync(ct))}");
            await app.WaitIdleAsync(ct);
            // The app logs how long its write transaction took (since issue 12's change; the old import did not).
            if (app.Tail(200).Split('\n').LastOrDefault(l => l.Contains("Imported ", StringComparison.Ordinal)) is { } logged)
                written.Add(System.Text.RegularExpressions.Regex.Match(logged, @"read and checked in \d+ ms, written in one transaction of \d+ ms( \([^)]*\))?").Value);
        }
        static string Ms<T>(IEnumerable<T> xs) => string.Join(", ", xs.Select(x => string.Format(CultureInfo.InvariantCulture, x is double d ? "{0:F0}" : "{0}", x)));
        var lines = new[]
        {
            $"{Lines:N0}-line import by one manager, {rounds} rounds; single POST /api/customers by another manager one after another (200 ms apart) from 300 ms after the import was sent until it answered:",
            $"single create on an idle app: {Ms(idle)} ms",
            $"single creates during the import, per round: {string.Join("; ", during)} ms",
            $"the import's own answer: {Ms(imports)} ms",
            $"the app's log of each import: {(written.Count == 0 ? "none (this build does not log it)" : string.Join("; ", written))}",
        };
        foreach (var line in lines)
        {
            Console.WriteLine("  " + line);
            report.Import.Add(line);
        }
    }

    /// <summary>"123 ms", or "30412 ms (500)" when the create was not answered 201: how long it waited either way.</summary>
    private static async Task<string> CreateAsync(HttpClient slow, string token, string phone, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/customers") { Content = JsonContent.Create(new { name = "单建客户", phone }) };
        request.Headers.Authorization = AppServer.Bearer(token);
        var watch = Stopwatch.StartNew();
        using var answer = await slow.SendAsync(request, ct);
        var ms = watch.Elapsed.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture);
        return answer.IsSuccessStatusCode ? ms : $"{ms} ({(int)answer.StatusCode})";
    }
}
