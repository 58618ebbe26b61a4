using Encore.Web.Platform;

namespace Encore.Web.Tests.Customers;

/// <summary>
/// Issue 15: a name in plain ASCII skips the ICU call (Platform/Pinyin.cs) and must come out as the transliterators
/// made it: lower case, separators dropped, initials per word. A name of Han characters is read character by
/// character from a table ICU fills, and must come out as ICU reads the whole name.
/// </summary>
public sealed class PinyinTests
{
    [Theory]
    [InlineData("Guest 1042", "guest1042", "g1")]
    [InlineData("Tom Lee-Smith", "tomleesmith", "tls")]
    [InlineData("O'Brien", "obrien", "ob")]
    [InlineData("王伟", "wangwei", "ww")]
    [InlineData("司徒 Tom", "situtom", "stt")]
    public void Names_become_search_pinyin_and_initials(string name, string full, string initials)
    {
        Assert.True(Pinyin.Available, "libicu is needed for pinyin search (Debian's libicu72)");
        Assert.Equal((full, initials), Pinyin.Of(name));
    }

    [Fact]
    public void Han_names_read_by_character_come_out_as_ICU_reads_the_whole_name()
    {
        Assert.True(Pinyin.Available, "libicu is needed for pinyin search (Debian's libicu72)");
        // ICU 72's rules read 重 before 庆 as chóng (and 藏文, 沈阳, 秘鲁): those characters go to ICU whole.
        Assert.True(Pinyin.ReadInContext.Contains('重'), "重 (read by the next character) was not found in ICU's rules");
        // Common surnames, polyphones among them (单, 曾, 解, 仇, 朴), the words ICU has rules for, then seeded random
        // strings over every range the table serves, unassigned compatibility ideographs included (also sent whole).
        string[] names = ["王伟", "单超", "曾国藩", "解晓东", "仇英", "朴树", "欧阳娜娜", "司马光", "长孙无忌", "重庆火锅", "沈阳", "藏文", "秘鲁", "重阳"];
        var random = new Random(15);
        (int From, int To)[] ranges = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)];
        var generated = Enumerable.Range(0, 20_000).Select(_ =>
        {
            var (from, to) = ranges[random.Next(ranges.Length)];
            return new string(Enumerable.Range(0, random.Next(1, 6)).Select(_ => (char)random.Next(from, to + 1)).ToArray());
        });
        var differing = names.Concat(generated).Where(n => Pinyin.Of(n) != Pinyin.OfWholeText(n)).Take(5).ToList();
        Assert.True(differing.Count == 0, "read differently by character: " + string.Join(", ", differing.Select(n => $"{n} {Pinyin.Of(n)} vs {Pinyin.OfWholeText(n)}")));
    }
}
