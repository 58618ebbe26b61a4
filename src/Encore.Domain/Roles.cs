namespace Encore.Domain;

/// <summary>
/// The roles of SPEC.md "People and roles", by their API names: the only place they are spelled. Who may do
/// what is not said here but in <see cref="Capabilities"/>.
/// </summary>
public static class Roles
{
    public const string Gm = "gm";
    public const string FloorManager = "floorManager";
    public const string DepartmentHead = "departmentHead";
    public const string Host = "host";
    public const string HostSupervisor = "hostSupervisor";
    public const string Manager = "manager";
    public const string Promoter = "promoter";
    public const string Cashier = "cashier";

    /// <summary>A venue's own roles: what its GM gives its staff.</summary>
    public static readonly IReadOnlyList<string> All =
        [Gm, FloorManager, DepartmentHead, Host, HostSupervisor, Manager, Promoter, Cashier];

    // SPEC.md "Chain": roles over several venues, given by the chain admin only (never by a venue's GM). Their holder is
    // still a member of one venue's staff (the bootstrap admin is also the first venue's GM); the chain roles add the
    // chain's pages and figures, not the venue's work.
    public const string ChainAdmin = "chainAdmin";
    public const string RegionalManager = "regionalManager";

    public static readonly IReadOnlyList<string> Chain = [ChainAdmin, RegionalManager];
}
