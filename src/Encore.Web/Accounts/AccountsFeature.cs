namespace Encore.Web.Accounts;

/// <summary>Market development (拓展部): corporate accounts from lead to contract, their activities and contracts, research notes and the team's KPI figures.</summary>
public sealed class AccountsFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddFeatureData<AccountsDemo>();
        builder.Services.AddMenuEntry(new MenuEntry("accounts", "accounts", "/accounts", 45, Needs: Capability.WorkAccounts));
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapAccountsApi();
        app.MapAccountsTeamApi();
    }
}
