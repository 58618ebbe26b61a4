using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Encore.Bench;

/// <summary>
/// Figure 5 (issue 6): customer search on 100,000 customers — GET /api/customers?q= through the API (auth and HTTP
/// included) by name, pinyin, initials, phone tail and company, as a manager (their own files) and as the GM (the
/// venue's). The customers are written straight into the app's SQLite file, with pinyin from the same ICU code.
/// </summary>
public static class Search
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "欧阳", "司马", "上官"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建国", "志强", "海燕", "晓东", "文博", "子轩", "浩然", "雨桐"];
    private static readonly string[] Companies = ["", "", "", "华润置地", "腾飞科技", "金鼎贸易", "远航物流", "恒信地产", "瑞丰投资", "新世纪传媒", "宏达建材", "东方医药", "盛世酒业"];

    public static async Task RunAsync(string repo, string work, Options options, Report report, CancellationToken ct)
    {
        var count = options.Quick ? 20_000 : 100_000;
        var path = Path.Combine(work, "search.db");
        const string admin = "Bench-admin-1";
        await using (await AppServer.StartAsync(repo, path, demo: true, admin, work, "search-seed", ct)) { }

        var random = new Random(6);
        var inserted = Stopwatch.StartNew();
        using (var db = Sqlite.Open(path))
        {
            // The demo is a chain of two venues (issue 21): the files go to venue main, under main's managers.
            var venue = (string)Sqlite.Scalar(db, "SELECT \"Id\" FROM venues WHERE \"Code\" = 'main'")!;
            var owners = new List<string>();
            using (var cmd = db.CreateCommand())
            {
                cmd.CommandText = "SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"UserName\" LIKE 'm%' AND \"VenueId\" = $venue ORDER BY \"UserName\"";
                cmd.Parameters.AddWithValue("$venue", venue);
                using var reader = cmd.ExecuteReader();
                while (reader.Read()) owners.Add(reader.GetString(0));
            }
            using var tx = db.BeginTransaction();
            using var insert = db.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO customers (\"Id\",\"VenueId\",\"Name\",\"Phone\",\"Company\",\"Title\",\"Birthday\",\"Notes\",\"OwnerId\",\"CreatedAt\",\"Tags\",\"Preferences\",\"Source\",\"CreditFlags\",\"Pinyin\",\"Initials\",\"VipLevel\",\"ExclusiveManagerId\") " +
                                 "VALUES ($id,$venue,$name,$phone,$company,'',NULL,'',$owner,$created,'','','bench','',$pinyin,$initials,'',NULL)";
            foreach (var p in new[] { "$id", "$venue", "$name", "$phone", "$company", "$owner", "$created", "$pinyin", "$initials" }) insert.Parameters.Add(new SqliteParameter(p, null));
            var created = DateTimeOffset.UtcNow.AddDays(-400).ToUnixTimeMilliseconds();
            for (var i = 0; i < count; i++)
            {
                var name = Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)] + (random.Next(3) == 0 ? Given[random.Next(Given.Length)] : "");
                var (pinyin, initials) = Encore.Web.Platform.Pinyin.Of(name);
                insert.Parameters["$id"].Value = Guid.NewGuid().ToString().ToUpperInvariant();
                insert.Parameters["$venue"].Value = venue;
                insert.Parameters["$name"].Value = name;
                insert.Parameters["$phone"].Value = "15" + (100_000_000 + i).ToString(CultureInfo.InvariantCulture);
                insert.Parameters["$company"].Value = Companies[random.Next(Companies.Length)];
                insert.Parameters["$owner"].Value = owners[i % owners.Count];
                insert.Parameters["$created"].Value = created;
                insert.Parameters["$pinyin"].Value = pinyin;
                insert.Parameters["$initials"].Value = initials;
                insert.ExecuteNonQuery();
            }
            tx.Commit();
        }
        SqliteConnection.ClearAllPools();
        Console.WriteLine($"  {count:N0} customers written in {inserted.Elapsed.TotalSeconds:F1} s");

        await using var app = await AppServer.StartAsync(repo, path, demo: true, admin, work, "search", ct);
        // The first sweep after start schedules return visits for the many customers unseen for a month; measure
        // the search once the app is idle again, as a venue's search runs on an ordinary evening.
        var settle = Stopwatch.StartNew();
        while (settle.Elapsed < TimeSpan.FromSeconds(120))
        {
            await app.WaitIdleAsync(ct);
            await Task.Delay(1000, ct);
            await app.WaitIdleAsync(ct);
            if (settle.Elapsed > TimeSpan.FromSeconds(5)) break;
        }
        var manager = await app.LoginAsync("m01", AppServer.DemoPassword, ct);
        var gm = await app.LoginAsync("gm01", AppServer.DemoPassword, ct);
        var repeats = options.Quick ? 10 : 30;
        var queries = new (string Kind, string Q)[] { ("name", "欧阳"), ("pinyin", "ouyang"), ("initials", "oyh"), ("phone tail", "0123"), ("company", "远航") };
        report.Search.Add(string.Create(CultureInfo.InvariantCulture, $"{count:N0} customers over 12 managers (m01 owns {count / 12:N0}); {repeats} searches of each kind after one warm-up, through the API (bearer token, HTTP, JSON), up to 50 results each:"));
        foreach (var (who, token) in new[] { ("m01, own files", manager), ("gm01, the venue's", gm) })
            foreach (var (kind, q) in queries)
            {
                var path2 = "/api/customers?q=" + Uri.EscapeDataString(q);
                var found = (await app.GetJsonAsync(path2, token, ct)).GetArrayLength();
                var times = new List<double>();
                for (var i = 0; i < repeats; i++)
                {
                    var watch = Stopwatch.StartNew();
                    await app.GetJsonAsync(path2, token, ct);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
                var line = string.Create(CultureInfo.InvariantCulture, $"{who}, by {kind} (\"{q}\", {found} found): p50 {Percentiles.Of(times, 50):F1} ms, p99 {Percentiles.Of(times, 99):F1} ms");
                Console.WriteLine("  " + line);
                report.Search.Add(line);
            }

        // An idle evening on this venue: the background sweeps read the database every 30 or 60 s, and what they
        // cost grows with the files (issue 15: the return-visit sweep read every file each minute until 713b172).
        var idle = TimeSpan.FromSeconds(options.Quick ? 65 : 125);
        var (rssBefore, _) = app.MemoryNow();
        var cpuBefore = app.CpuNow();
        await Task.Delay(idle, ct);
        var (rssAfter, _) = app.MemoryNow();
        var cpuAfter = app.CpuNow();
        var idleLine = string.Create(CultureInfo.InvariantCulture,
            $"then {idle.TotalSeconds:F0} s with no request (each sweep's pass at least twice): {(cpuAfter - cpuBefore) / idle.TotalMinutes:F0} ms of the app's CPU a minute, VmRSS {ProcStats.Mb(rssBefore):F1} MB before, {ProcStats.Mb(rssAfter):F1} MB after");
        Console.WriteLine("  " + idleLine);
        report.Search.Add(idleLine);
    }
}
