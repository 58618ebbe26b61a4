using System.Text.Json.Serialization;

namespace Encore.Domain;

/// <summary>A manager's dispute of a line of their performance card. Stored in camelCase ("open", "upheld", "rejected").</summary>
[JsonConverter(typeof(CodeJsonConverter<DisputeStatus>))]
public enum DisputeStatus { Open, Upheld, Rejected }

public enum DisputeAction { Uphold, Reject }

/// <summary>SPEC.md "Performance card": a floor manager decides an open dispute once.</summary>
public static class DisputeTransitions
{
    public static readonly Transitions<DisputeStatus, DisputeAction> Table = new()
    {
        { DisputeStatus.Open, DisputeAction.Uphold, DisputeStatus.Upheld },
        { DisputeStatus.Open, DisputeAction.Reject, DisputeStatus.Rejected },
    };

    public static bool CanMove(DisputeStatus from, DisputeAction action) => Table.CanMove(from, action);
    public static DisputeStatus Apply(DisputeStatus from, DisputeAction action) => Table.Apply(from, action);
    public static IReadOnlyList<DisputeAction> Offered(DisputeStatus from) => Table.Offered(from);
}
