using Encore.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Encore.Web.Tests;

/// <summary>
/// The app runs on the EF model compiled into code (Data/CompiledModels, issue 15), not on one built from the entities'
/// configurations at start. When a configuration changes and the code is not written again
/// (tools/Encore.ModelGen/generate.sh), these fail, naming what differs.
/// </summary>
public sealed class CompiledModelTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_compiled_model_is_the_model_the_configurations_build(bool postgres)
    {
        var connection = postgres ? "Host=localhost;Database=encore_model_check" : "Data Source=model-check.db";
        string Describe(bool compiled)
        {
            // Nothing is opened: the model is built from the options alone.
            var options = new DbContextOptionsBuilder<EncoreDb>();
            options.UseEncoreDatabase(connection, postgres, compiled);
            using var db = new EncoreDb(options.Options);
            // A raw query's row type on one side only, as other tests leave theirs in either: it must not count.
            if (compiled) _ = db.Database.SqlQueryRaw<RawRow>("SELECT 1 AS \"Value\"").ToQueryString();
            return db.Model.ToDebugString(MetadataDebugStringOptions.LongDefault);
        }
        var built = WithoutAdHocTypes(Describe(compiled: false));
        var compiled = WithoutAdHocTypes(Describe(compiled: true));
        // The first line that differs; when one side only has more lines, the first of those (the other side shows none).
        var line = Enumerable.Range(0, Math.Max(built.Length, compiled.Length))
            .FirstOrDefault(i => i >= built.Length || i >= compiled.Length || built[i] != compiled[i], -1);
        string At(string[] lines) => line >= 0 && line < lines.Length ? $"\"{lines[line]}\"" : "(no line)";
        Assert.True(line < 0,
            $"The compiled {(postgres ? "PostgreSQL" : "SQLite")} model differs from the configurations' (line {line + 1}: "
            + $"built {At(built)}, compiled {At(compiled)}; {built.Length} and {compiled.Length} lines): "
            + "run tools/Encore.ModelGen/generate.sh.");
    }

    private sealed record RawRow(int Value);

    /// <summary>
    /// The model's lines without its ad-hoc entity types: the shapes raw SQL queries read (<c>SqlQueryRaw&lt;RawRow&gt;</c>),
    /// which EF adds to the process's model as other tests run them, not the configurations.
    /// </summary>
    private static string[] WithoutAdHocTypes(string description)
    {
        var lines = new List<string>();
        var inAdHoc = false;
        foreach (var line in description.Split('\n'))
        {
            if (line.TrimEnd() == "  Ad-hoc entity types:") inAdHoc = true;
            else if (inAdHoc && !line.StartsWith("    ", StringComparison.Ordinal)) inAdHoc = false;
            if (!inAdHoc) lines.Add(line);
        }
        return [.. lines];
    }
}
