namespace Encore.Web.Meetings;

/// <summary>Meetings (班前会, 班后会, weekly, monthly): agenda, check-in, attendance, minutes and actions.</summary>
public sealed class MeetingsFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddFeatureData<MeetingsDemo>();
        builder.Services.AddMenuEntry(new MenuEntry("meetings", "meetings", "/meetings", 62));
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapMeetingsApi();
    }
}
