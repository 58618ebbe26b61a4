namespace Encore.Web.Appraisals;

/// <summary>Appraisal (考核): KPI templates per role, the appraisal flow with its appeal, and the review flags of the standings.</summary>
public sealed class AppraisalsFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddFeatureData<AppraisalsDemo>();
        builder.Services.AddMenuEntry(new MenuEntry("appraisal", "appraisal", "/appraisal", 92, Needs: Capability.OpenAppraisals));
    }

    public static void Map(IEndpointRouteBuilder app) => app.MapAppraisalsApi();
}
