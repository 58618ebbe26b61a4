using Encore.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

// Nothing to run: this project exists for `dotnet ef` (generate.sh).
Console.WriteLine("Run tools/Encore.ModelGen/generate.sh to write the compiled EF models.");

/// <summary>
/// The context as `dotnet ef dbcontext optimize` builds it: the provider named after `--` (sqlite or postgres), no
/// compiled model (the one being written), no database opened.
/// </summary>
public sealed class DesignTimeEncoreDb : IDesignTimeDbContextFactory<EncoreDb>
{
    public EncoreDb CreateDbContext(string[] args)
    {
        var postgres = args.Contains("postgres");
        var options = new DbContextOptionsBuilder<EncoreDb>();
        options.UseEncoreDatabase(postgres ? "Host=localhost;Database=encore_design" : "Data Source=design.db", postgres, compiledModel: false);
        return new EncoreDb(options.Options);
    }
}
