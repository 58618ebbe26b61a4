namespace Encore.Domain;

/// <summary>
/// SPEC.md "Violations and fines": the tip escalation (1st 5×, 2nd 10×, then dismissal), a promoter's violation
/// also charged to their manager, and the shared responsibility split (floor manager 40% / department head 30% /
/// the person 30%) unless the floor manager found and reported it.
/// </summary>
public static class FineSchedule
{
    /// <summary>The fine for the <paramref name="offence"/>th (1-based) tips offence; null means dismissal.</summary>
    public static decimal? TipFine(decimal tip, int offence, FineRules rules) =>
        offence >= 1 && offence <= rules.TipMultipliers.Count ? decimal.Round(tip * rules.TipMultipliers[offence - 1], 2) : null;

    public enum Party { Offender, FloorManager, DepartmentHead }

    public sealed record Share(Party Party, decimal Fraction, decimal Amount);

    /// <summary>
    /// Who pays what of a fine. Shared responsibility applies when the department's floor manager did not catch
    /// it: 40/30/30. When the floor manager found and reported it they bear none and the offender pays it all.
    /// Amounts are rounded to fen; the offender's share takes the rounding remainder so the parts add up.
    /// </summary>
    public static IReadOnlyList<Share> Split(decimal fine, bool shared, bool foundByFloorManager, FineRules rules)
    {
        if (!shared || foundByFloorManager) return [new Share(Party.Offender, 1m, fine)];
        var floor = decimal.Round(fine * rules.FloorManagerShare, 2, MidpointRounding.AwayFromZero);
        var head = decimal.Round(fine * rules.DepartmentHeadShare, 2, MidpointRounding.AwayFromZero);
        return
        [
            new Share(Party.FloorManager, rules.FloorManagerShare, floor),
            new Share(Party.DepartmentHead, rules.DepartmentHeadShare, head),
            new Share(Party.Offender, rules.OffenderShare, fine - floor - head),
        ];
    }

    /// <summary>A fine within a type's range (a null maximum is open-ended).</summary>
    public static bool WithinRange(decimal fine, decimal min, decimal? max) => fine >= min && (max is null || fine <= max);
}
