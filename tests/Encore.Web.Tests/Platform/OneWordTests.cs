using System.Text.RegularExpressions;
using Encore.Web.Discipline;

namespace Encore.Web.Tests.Platform;

/// <summary>
/// Issue 13, "One word per thing": the floor manager is 营业经理 (never also 楼面经理) and comps are 赠送 (never also
/// 签送), in every text a person reads: the texts, the pages and their scripts, the demo data and the seeded catalogue.
/// </summary>
public sealed class OneWordTests
{
    private static readonly string[] Banned = ["楼面经理", "签送"];

    [Fact]
    public void The_floor_manager_and_comps_have_one_word_each_in_every_text_page_and_script()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "Encore.Web");
        var files = new[] { Path.Combine(web, "Platform", "Texts", "zh-CN.json") }
            .Concat(Directory.EnumerateFiles(web, "*.cshtml", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(Path.Combine(web, "wwwroot", "js"), "*.js"))
            .Concat(Directory.EnumerateFiles(web, "*Demo*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count > 20, "the scan found the pages and scripts");
        var found = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(web, f), Line: i + 1, Text: line)))
            .Where(l => Banned.Any(b => l.Text.Contains(b, StringComparison.Ordinal)))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(found.Count == 0, "use 营业经理 and 赠送:\n" + string.Join("\n", found));

        // English has one word each too: "floor manager" and "comps".
        var english = File.ReadAllText(Path.Combine(web, "Platform", "Texts", "en.json"));
        Assert.DoesNotMatch(new Regex(@"(?i)complimentar|freebie|duty manager|the floor and"), english);
    }

    [Fact]
    public void The_seeded_violation_catalogue_says_赠送() =>
        Assert.All(ViolationCatalogue.Defaults, t => Assert.All(Banned, b => Assert.DoesNotContain(b, t.Name)));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Encore.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Encore.slnx not found above " + AppContext.BaseDirectory);
    }
}
