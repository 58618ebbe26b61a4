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

    public static readonly IReadOnlyList<string> All =
        [Gm, FloorManager, DepartmentHead, Host, HostSupervisor, Manager, Promoter, Cashier];
}
