namespace Encore.Web.Appraisals;

/// <summary>An item of an appraisal as stored: the template's item, and for a measured item Encore's measure and its score.</summary>
public sealed record AppraisalLine(string Key, string Name, int Weight, string Source, AppraisalScale? Scale, decimal? Measure, decimal? MeasuredScore)
{
    /// <summary>Scored by hand: a manual item, or a measured one with nothing to measure.</summary>
    public bool ByHand => Source == AppraisalSources.Manual || MeasuredScore is null;
}

public sealed record AppraisalItemView(string Key, string Name, int Weight, string Source, AppraisalScale? Scale, decimal? Measure,
    decimal? MeasuredScore, bool ByHand, decimal? SelfScore, decimal? SupervisorScore, decimal? AppealScore, decimal? Score);

/// <summary>A step of the timeline: created · self · supervisor · reviewed · published · appealed · decided · final.</summary>
public sealed record AppraisalTimelineEntry(string Step, string? ByBadge, string? ByName, DateTimeOffset At, string? Note);

public sealed record AppraisalView(Guid Id, string Badge, string Name, string Department, string Role, string Period, string PeriodKind,
    int TemplateVersion, string Status, decimal? Total, bool? Passed, decimal PassScore, IReadOnlyList<AppraisalItemView> Items,
    string SelfComment, string SupervisorComment, string AppealReason, bool? AppealUpheld, string DecisionComment,
    DateTimeOffset? PublishedAt, DateTimeOffset? AppealDeadline, bool Mine, IReadOnlyList<string> Actions, IReadOnlyList<AppraisalTimelineEntry> Timeline);

public sealed record AppraisalSummary(Guid Id, string Badge, string Name, string Department, string Role, string Period, string PeriodKind,
    string Status, decimal? Total, DateTimeOffset? PublishedAt, DateTimeOffset? AppealDeadline, IReadOnlyList<string> Actions);

public sealed record AppraisalStartInput(string? Badge, string? Period);

public sealed record AppraisalScoresInput(Dictionary<string, decimal?>? Scores, string? Comment);

public sealed record AppraisalAppealInput(string? Reason);

public sealed record AppraisalDecideInput(bool? Upheld, Dictionary<string, decimal?>? Scores, string? Comment);

/// <summary>Reading and scoring an appraisal row.</summary>
public static class AppraisalLines
{
    public static List<AppraisalLine> Of(Appraisal a) => JsonSerializer.Deserialize<List<AppraisalLine>>(a.Items, EncoreJson.Options) ?? [];

    public static string Json(IEnumerable<AppraisalLine> lines) => JsonSerializer.Serialize(lines.ToList(), AppraisalTemplates.Stored);

    public static Dictionary<string, decimal> Scores(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, decimal>>(json, EncoreJson.Options) ?? [];

    public static string ScoresJson(IReadOnlyDictionary<string, decimal> scores) => JsonSerializer.Serialize(scores, AppraisalTemplates.Stored);

    /// <summary>An item's score in the total: an upheld appeal's, else the measured one, else the supervisor's.</summary>
    public static decimal? Score(AppraisalLine line, IReadOnlyDictionary<string, decimal> supervisor, IReadOnlyDictionary<string, decimal> appeal) =>
        appeal.TryGetValue(line.Key, out var a) ? a
        : !line.ByHand ? line.MeasuredScore
        : supervisor.TryGetValue(line.Key, out var s) ? s : null;

    public static decimal? Total(Appraisal a)
    {
        var supervisor = Scores(a.SupervisorScores);
        var appeal = Scores(a.AppealScores);
        return AppraisalFlow.Total(Of(a).Select(l => (l.Weight, Score(l, supervisor, appeal))));
    }
}
