using System.Globalization;
using System.Text.RegularExpressions;

namespace Encore.Domain;

/// <summary>
/// SPEC.md "Appraisal (考核)": the pure rules of an appraisal. A KPI template per role lists items with weights adding up
/// to 100; each item is scored by hand (<see cref="AppraisalSources.Manual"/>) or measured by Encore, its measure turned
/// into 0–100 by the item's linear scale (<see cref="AppraisalScale"/>). The total is Σ weight × score / 100.
/// </summary>
public static class AppraisalSources
{
    public const string Manual = "manual";
    public const string SpendAttainment = "spendAttainment";
    public const string RoomsAttainment = "roomsAttainment";
    public const string NewCustomers = "newCustomers";
    public const string Satisfaction = "satisfaction";
    public const string Retention = "retention";
    public const string Complaints = "complaints";
    /// <summary>Not in API.md's list: the brief names fines among the measures; additive.</summary>
    public const string Fines = "fines";
    public const string Attendance = "attendance";
    public const string Diary = "diary";

    public static readonly IReadOnlyList<string> All =
        [Manual, SpendAttainment, RoomsAttainment, NewCustomers, Satisfaction, Retention, Complaints, Fines, Attendance, Diary];
}

/// <summary>
/// How a measure becomes a 0–100 score: linear from <see cref="ZeroAt"/> (scores 0) to <see cref="FullAt"/> (scores
/// 100), clamped at both ends. Where less is better (complaints, fines) ZeroAt is above FullAt.
/// </summary>
public sealed record AppraisalScale(decimal ZeroAt, decimal FullAt)
{
    /// <summary>The 0–100 score of a measure (two decimals); null when there was nothing to measure.</summary>
    public decimal? Score(decimal? measure)
    {
        if (measure is not { } m) return null;
        var score = (m - ZeroAt) / (FullAt - ZeroAt) * 100m;
        return decimal.Round(Math.Clamp(score, 0m, 100m), 2, MidpointRounding.AwayFromZero);
    }
}

/// <summary>One item of a KPI template. <see cref="Scale"/> is required for a measured item and absent for a manual one.</summary>
public sealed record AppraisalItem(string Key, string Name, int Weight, string Source, AppraisalScale? Scale = null)
{
    public bool Measured => Source != AppraisalSources.Manual;
}

/// <summary>The kind of an appraisal period.</summary>
public enum AppraisalPeriodKind { Month, Quarter, Year }

/// <summary>A period: a month ("2026-11"), a quarter ("2026-Q4") or a year ("2026"), as business days [First, Next).</summary>
public sealed partial record AppraisalPeriod(string Key, AppraisalPeriodKind Kind, DateOnly First, DateOnly Next)
{
    [GeneratedRegex(@"^(?<y>\d{4})(?:-(?:(?<m>\d{2})|Q(?<q>[1-4])))?$")]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out AppraisalPeriod period)
    {
        period = null!;
        var match = Pattern().Match(text?.Trim() ?? "");
        if (!match.Success) return false;
        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (year < 2000 || year > 2100) return false;
        if (match.Groups["m"].Success)
        {
            var month = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12) return false;
            var first = new DateOnly(year, month, 1);
            period = new AppraisalPeriod(first.ToString("yyyy-MM", CultureInfo.InvariantCulture), AppraisalPeriodKind.Month, first, first.AddMonths(1));
        }
        else if (match.Groups["q"].Success)
        {
            var q = int.Parse(match.Groups["q"].Value, CultureInfo.InvariantCulture);
            var first = new DateOnly(year, 3 * (q - 1) + 1, 1);
            period = new AppraisalPeriod($"{year}-Q{q}", AppraisalPeriodKind.Quarter, first, first.AddMonths(3));
        }
        else
        {
            var first = new DateOnly(year, 1, 1);
            period = new AppraisalPeriod(year.ToString(CultureInfo.InvariantCulture), AppraisalPeriodKind.Year, first, first.AddYears(1));
        }
        return true;
    }

    public static AppraisalPeriod Parse(string text) => TryParse(text, out var p) ? p : throw new FormatException($"'{text}' is not a period");

    /// <summary>The number of months the period spans (1, 3 or 12).</summary>
    public int Months => Kind switch { AppraisalPeriodKind.Month => 1, AppraisalPeriodKind.Quarter => 3, _ => 12 };

    /// <summary>The period of the same kind just before this one.</summary>
    public AppraisalPeriod Previous()
    {
        var first = First.AddMonths(-Months);
        return Kind switch
        {
            AppraisalPeriodKind.Month => Parse(first.ToString("yyyy-MM", CultureInfo.InvariantCulture)),
            AppraisalPeriodKind.Quarter => Parse($"{first.Year}-Q{(first.Month - 1) / 3 + 1}"),
            _ => Parse(first.Year.ToString(CultureInfo.InvariantCulture)),
        };
    }

    /// <summary>The first day of each month of the period.</summary>
    public IEnumerable<DateOnly> MonthFirsts() => Enumerable.Range(0, Months).Select(First.AddMonths);
}

/// <summary>The statuses of an appraisal, in the order of its flow (stored and answered as their codes).</summary>
public enum AppraisalStatus { Draft, Self, Supervisor, Reviewed, Published, Appealed, Final }

public enum AppraisalStep { Self, Supervisor, Review, Publish, Appeal, Decide }

/// <summary>
/// The flow: self-assessment → supervisor → department review → published → (appeal → decided) → final. Each step
/// once, in order. A published appraisal nobody appealed becomes final when the appeal window closes: computed on
/// read (<see cref="Effective"/>), so no sweeper has to run for it and the answer never lags the clock.
/// </summary>
public static partial class AppraisalFlow
{
    public static readonly Transitions<AppraisalStatus, AppraisalStep> Table = new()
    {
        { AppraisalStatus.Draft, AppraisalStep.Self, AppraisalStatus.Self },
        { AppraisalStatus.Self, AppraisalStep.Supervisor, AppraisalStatus.Supervisor },
        { AppraisalStatus.Supervisor, AppraisalStep.Review, AppraisalStatus.Reviewed },
        { AppraisalStatus.Reviewed, AppraisalStep.Publish, AppraisalStatus.Published },
        { AppraisalStatus.Published, AppraisalStep.Appeal, AppraisalStatus.Appealed },
        { AppraisalStatus.Appealed, AppraisalStep.Decide, AppraisalStatus.Final },
    };

    /// <summary>The last instant an appeal is taken: the house-rule days after publishing, to the second.</summary>
    public static DateTimeOffset AppealDeadline(DateTimeOffset publishedAt, int appealDays) => publishedAt.AddDays(appealDays);

    public static bool CanAppeal(DateTimeOffset publishedAt, DateTimeOffset now, int appealDays) => now <= AppealDeadline(publishedAt, appealDays);

    /// <summary>The status as read at <paramref name="now"/>: published past the appeal window is final.</summary>
    public static AppraisalStatus Effective(AppraisalStatus stored, DateTimeOffset? publishedAt, DateTimeOffset now, int appealDays) =>
        stored == AppraisalStatus.Published && publishedAt is { } p && !CanAppeal(p, now, appealDays) ? AppraisalStatus.Final : stored;

    /// <summary>Σ weight × score / 100 (two decimals), or null while an item has no score.</summary>
    public static decimal? Total(IEnumerable<(int Weight, decimal? Score)> items)
    {
        decimal total = 0;
        foreach (var (weight, score) in items)
        {
            if (score is not { } s) return null;
            total += weight * s;
        }
        return decimal.Round(total / 100m, 2, MidpointRounding.AwayFromZero);
    }

    public static bool Passed(decimal total, decimal passScore) => total >= passScore;

    /// <summary>
    /// Failed <paramref name="inARow"/> periods in a row: the last totals (oldest first, consecutive periods of one kind,
    /// null where there was no published result) are all below the pass mark.
    /// </summary>
    public static bool FailedInARow(IReadOnlyList<decimal?> consecutiveTotals, decimal passScore, int inARow) =>
        inARow > 0 && consecutiveTotals.Count >= inARow
        && consecutiveTotals.TakeLast(inARow).All(t => t is { } v && !Passed(v, passScore));

    /// <summary>A 1–5 rating on the 0–100 scale: 1 → 0, 5 → 100.</summary>
    public static decimal RatingToScore(decimal rating) => (rating - 1m) * 25m;

    /// <summary>
    /// The template's problems by field: weights adding up to 100 (<c>weight</c>), unique keys, known sources, and a scale
    /// on each measured item (<c>items[i].scale</c>) whose two ends differ.
    /// </summary>
    public static IReadOnlyList<RuleProblem> Validate(IReadOnlyList<AppraisalItem?>? items)
    {
        var p = new List<RuleProblem>();
        if (items is null || items.Count == 0) { p.Add(new RuleProblem("items", "required")); return p; }
        if (items.Count > MaxItems) { p.Add(new RuleProblem("items", "maxItems", MaxItems)); return p; }
        var keys = new HashSet<string>();
        var sum = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item is null) { p.Add(new RuleProblem($"items[{i}]", "required")); continue; }
            if (string.IsNullOrWhiteSpace(item.Key)) p.Add(new RuleProblem($"items[{i}].key", "required"));
            else if (!KeyPattern().IsMatch(item.Key)) p.Add(new RuleProblem($"items[{i}].key", "key"));
            else if (!keys.Add(item.Key)) p.Add(new RuleProblem($"items[{i}].key", "unique"));
            if (string.IsNullOrWhiteSpace(item.Name)) p.Add(new RuleProblem($"items[{i}].name", "required"));
            else if (item.Name.Trim().Length > NameLength) p.Add(new RuleProblem($"items[{i}].name", "maxLength", NameLength));
            if (item.Weight is < 0 or > 100) p.Add(new RuleProblem($"items[{i}].weight", "range", 0m, 100m));
            sum += item.Weight;
            if (string.IsNullOrWhiteSpace(item.Source)) p.Add(new RuleProblem($"items[{i}].source", "required"));
            else if (!AppraisalSources.All.Contains(item.Source)) p.Add(new RuleProblem($"items[{i}].source", "oneOf", string.Join("|", AppraisalSources.All)));
            else if (item.Measured)
            {
                if (item.Scale is null) p.Add(new RuleProblem($"items[{i}].scale", "required"));
                else if (item.Scale.ZeroAt == item.Scale.FullAt) p.Add(new RuleProblem($"items[{i}].scale", "scaleEnds"));
                else if (Math.Abs(item.Scale.ZeroAt) > ScaleMax || Math.Abs(item.Scale.FullAt) > ScaleMax)
                    p.Add(new RuleProblem($"items[{i}].scale", "range", -ScaleMax, ScaleMax));
            }
        }
        if (sum != 100) p.Add(new RuleProblem("weight", "sum", 100));
        return p;
    }

    public const int MaxItems = 20;
    public const int NameLength = 50;
    public const decimal ScaleMax = 1_000_000m;

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9]{0,31}$")]
    private static partial Regex KeyPattern();
}
