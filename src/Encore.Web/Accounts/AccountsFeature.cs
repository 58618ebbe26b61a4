namespace Encore.Web.Accounts;

/// <summary>Market development (拓展部): corporate accounts from lead to contract, their activities and contracts, research notes and the team's KPI figures; charged bills; partners and their commissions.</summary>
public sealed class AccountsFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddFeatureData<AccountsDemo>();
        builder.Services.AddFeatureData<ChargedBillsDemo>();
        builder.Services.AddFeatureData<PartnersDemo>();
        builder.Services.AddMenuEntry(new MenuEntry("accounts", "accounts", "/accounts", 45, Needs: Capability.WorkAccounts));
        // The cashier's way in to charged bills and payments (the team reaches a statement from its account's page).
        builder.Services.AddMenuEntry(new MenuEntry("accountStatements", "account-statements", "/accounts/statements", 46, Needs: Capability.RecordAccountPayments));
        builder.Services.AddMenuEntry(new MenuEntry("partners", "partners", "/partners", 47, Needs: Capability.ReadPartnerStatements));
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapAccountsApi();
        app.MapAccountsTeamApi();
        app.MapAccountsBillingApi();
        app.MapPartnersApi();
    }
}
