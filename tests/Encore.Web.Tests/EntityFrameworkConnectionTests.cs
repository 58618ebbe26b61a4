using Encore.Web.Data;
using Npgsql;

namespace Encore.Web.Tests;

/// <summary>EF's PostgreSQL connection settings (Database.ForEntityFramework): defaults unless the string names its own.</summary>
public sealed class EntityFrameworkConnectionTests
{
    private const string Server = "Host=db.example;Database=encore;Username=encore";

    [Fact]
    public void Unnamed_settings_get_the_apps_defaults()
    {
        var settings = new NpgsqlConnectionStringBuilder(Database.ForEntityFramework(Server));
        Assert.True(settings.NoResetOnClose);
        Assert.Equal(64, settings.MaxAutoPrepare);
        Assert.Equal("db.example", settings.Host);
    }

    [Theory]
    [InlineData("Max Auto Prepare=0", 0, true)]
    [InlineData("MaxAutoPrepare=0", 0, true)]
    [InlineData("No Reset On Close=false", 64, false)]
    [InlineData("NoResetOnClose=false", 64, false)]
    [InlineData("Auto Prepare Min Usages=3", 64, true)]
    public void A_setting_the_string_names_stays_as_given(string named, int maxAutoPrepare, bool noResetOnClose)
    {
        var settings = new NpgsqlConnectionStringBuilder(Database.ForEntityFramework(Server + ";" + named));
        Assert.Equal(maxAutoPrepare, settings.MaxAutoPrepare);
        Assert.Equal(noResetOnClose, settings.NoResetOnClose);
    }
}
