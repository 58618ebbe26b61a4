using Encore.Domain;
using static Encore.Domain.Appeals;

namespace Encore.Domain.Tests;

/// <summary>先服从后投诉: the person charged appeals a proposed or confirmed fine; a role above the raiser decides.</summary>
public sealed class AppealsTests
{
    private static readonly Guid Offender = Guid.NewGuid(), Floor = Guid.NewGuid(), Gm = Guid.NewGuid(), OtherFloor = Guid.NewGuid(), OtherGm = Guid.NewGuid();

    [Theory]
    [InlineData(ViolationStatus.Proposed, null)]
    [InlineData(ViolationStatus.Confirmed, null)]
    [InlineData(ViolationStatus.Appealed, Refusal.NotAppealable)]
    [InlineData(ViolationStatus.Upheld, Refusal.NotAppealable)]
    [InlineData(ViolationStatus.Overturned, Refusal.NotAppealable)]
    public void The_person_charged_appeals_a_fine_not_yet_appealed_or_decided(ViolationStatus status, Refusal? refusal)
    {
        Assert.Equal(refusal, MayAppeal(status, Offender, Offender));
    }

    [Theory]
    [InlineData(ViolationStatus.Proposed)]
    [InlineData(ViolationStatus.Confirmed)]
    [InlineData(ViolationStatus.Upheld)]
    public void Nobody_appeals_someone_elses_fine(ViolationStatus status)
    {
        Assert.Equal(Refusal.NotTheirs, MayAppeal(status, Offender, Floor));
    }

    public enum Raiser { System, Floor, Gm }
    public enum Decider { Floor, OtherFloor, Gm, OtherGm, Offender }

    [Theory]
    // The system's fine (or a department head's): a floor manager or the GM.
    [InlineData(Raiser.System, Decider.Floor, null)]
    [InlineData(Raiser.System, Decider.Gm, null)]
    [InlineData(Raiser.System, Decider.Offender, Refusal.HigherRoleDecides)]
    // A floor manager's fine: the GM only, never the floor manager who raised it nor another floor manager.
    [InlineData(Raiser.Floor, Decider.Floor, Refusal.HigherRoleDecides)]
    [InlineData(Raiser.Floor, Decider.OtherFloor, Refusal.HigherRoleDecides)]
    [InlineData(Raiser.Floor, Decider.Gm, null)]
    [InlineData(Raiser.Floor, Decider.Offender, Refusal.HigherRoleDecides)]
    // Nobody stands above the GM: another GM or a floor manager, never the GM who raised it.
    [InlineData(Raiser.Gm, Decider.Gm, Refusal.HigherRoleDecides)]
    [InlineData(Raiser.Gm, Decider.OtherGm, null)]
    [InlineData(Raiser.Gm, Decider.Floor, null)]
    [InlineData(Raiser.Gm, Decider.Offender, Refusal.HigherRoleDecides)]
    public void An_appeal_is_decided_by_a_role_above_the_one_who_raised_it(Raiser raiser, Decider decider, Refusal? refusal)
    {
        var charge = new Charge(ViolationStatus.Appealed, Offender,
            raiser switch { Raiser.Floor => Floor, Raiser.Gm => Gm, _ => null }, RaisedByFloorManagerBelowGm: raiser == Raiser.Floor);
        var (id, isGm) = decider switch
        {
            Decider.Floor => (Floor, false), Decider.OtherFloor => (OtherFloor, false), Decider.Gm => (Gm, true),
            Decider.OtherGm => (OtherGm, true), _ => (Offender, false),
        };
        Assert.Equal(refusal, MayDecide(charge, id, isGm));
    }

    [Theory]
    [InlineData(ViolationStatus.Proposed)]
    [InlineData(ViolationStatus.Confirmed)]
    [InlineData(ViolationStatus.Upheld)]
    [InlineData(ViolationStatus.Overturned)]
    public void Only_an_appealed_fine_is_decided(ViolationStatus status)
    {
        Assert.Equal(Refusal.NotAppealed, MayDecide(new Charge(status, Offender, null, false), Gm, deciderIsGm: true));
    }
}
