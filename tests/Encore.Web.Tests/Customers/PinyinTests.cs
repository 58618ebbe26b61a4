using Encore.Web.Platform;

namespace Encore.Web.Tests.Customers;

/// <summary>
/// Issue 15: a name in plain ASCII skips the ICU call (Platform/Pinyin.cs) and must come out as the transliterators
/// made it: lower case, separators dropped, initials per word; Chinese still goes through ICU.
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
}
