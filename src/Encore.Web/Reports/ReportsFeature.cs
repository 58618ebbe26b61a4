namespace Encore.Web.Reports;

/// <summary>The daily business report (营业日报), the monthly report, the GM's budget, and the nightly freeze (issue 19).</summary>
public sealed class ReportsFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<ReportsFreezer>();
        builder.Services.AddFeatureData<ReportsDemo>();
        builder.Services.AddMenuEntry(new MenuEntry("reports", "reports", "/reports", 67, Needs: Capability.SeeReports, LeadsFor: Capability.SeeReports));
    }

    public static void Map(IEndpointRouteBuilder app) => app.MapReportsApi();
}
