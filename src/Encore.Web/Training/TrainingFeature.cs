namespace Encore.Web.Training;

/// <summary>Training (培训): the annual plan of courses, attendance and test scores, each person's record, the discount-authority prerequisite, a course's effect.</summary>
public sealed class TrainingFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<TrainingEffect>();
        builder.Services.AddFeatureData<TrainingDemo>();
        builder.Services.AddMenuEntry(new MenuEntry("training", "training", "/training", 64));
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapTrainingApi();
    }
}
