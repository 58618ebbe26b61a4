using System.Text.RegularExpressions;

namespace Encore.Web.Tests.Platform;

/// <summary>
/// The texts files are read as JSON, where a key written twice silently keeps its last value: the guest's rating page
/// once showed the register's title (客服登记) and a complaint's missing text was called 物品描述. Each key once.
/// </summary>
public sealed partial class TextFilesTests
{
    [Theory]
    [InlineData("zh-CN.json")]
    [InlineData("en.json")]
    public void Every_text_key_is_written_once(string file)
    {
        var path = Path.Combine(RepositoryRoot(), "src", "Encore.Web", "Platform", "Texts", file);
        var keys = File.ReadLines(path).Select(l => Key().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.True(keys.Count > 1000, "the scan read the keys");
        var twice = keys.GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"{file}: written more than once: {string.Join(", ", twice)}");
    }

    [GeneratedRegex("^\\s*\"([^\"]+)\"\\s*:")]
    private static partial Regex Key();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Encore.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Encore.slnx not found above " + AppContext.BaseDirectory);
    }
}
