namespace Encore.Web.Diary;

/// <summary>The work diary (工作日记), the weekly and monthly work reports, and the empty-diary rule on the clock.</summary>
public sealed class DiaryFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<DiarySweeper>();
        builder.Services.AddFeatureData<DiaryDemo>();
        builder.Services.AddMenuEntry(new MenuEntry("diary", "diary", "/diary", 62, Needs: Capability.OpenDiaries));
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapDiaryApi();
        app.MapWorkReportsApi();
    }
}
