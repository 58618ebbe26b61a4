using System.Text.Json.Serialization;

namespace Encore.Domain;

/// <summary>A possible duplicate customer file, flagged for a floor manager. Stored in camelCase ("open", "dismissed", "merged").</summary>
[JsonConverter(typeof(CodeJsonConverter<CustomerFlagStatus>))]
public enum CustomerFlagStatus { Open, Dismissed, Merged }

/// <summary>Merge: the floor manager merged the files by hand. Dismiss: not the same person.</summary>
public enum CustomerFlagAction { Dismiss, Merge }

/// <summary>SPEC.md "Customer files": duplicates are flagged, never merged silently; a flag is closed once.</summary>
public static class CustomerFlagTransitions
{
    public static readonly Transitions<CustomerFlagStatus, CustomerFlagAction> Table = new()
    {
        { CustomerFlagStatus.Open, CustomerFlagAction.Dismiss, CustomerFlagStatus.Dismissed },
        { CustomerFlagStatus.Open, CustomerFlagAction.Merge, CustomerFlagStatus.Merged },
    };

    public static bool CanMove(CustomerFlagStatus from, CustomerFlagAction action) => Table.CanMove(from, action);
    public static CustomerFlagStatus Apply(CustomerFlagStatus from, CustomerFlagAction action) => Table.Apply(from, action);
    public static IReadOnlyList<CustomerFlagAction> Offered(CustomerFlagStatus from) => Table.Offered(from);
}
