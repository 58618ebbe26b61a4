namespace Encore.Web.Bills;

/// <summary>Spend entered by hand or from the POS file, and the catalogue.</summary>
public sealed class BillsFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddFeatureData<CatalogueDemo>();

    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapBillsApi();
    }
}
