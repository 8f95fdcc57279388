using Fawkes.Portal.Features.Dojo.Content;

namespace Fawkes.Portal.Features.Dojo.Recommendations;

/// <summary>What the Dojo recommends to one team, from its own DORA numbers over a window.</summary>
public sealed record TeamRecommendations(string Team, DateOnly From, DateOnly To, IReadOnlyList<MetricReading> Metrics, IReadOnlyList<RecommendedRule> Rules);

/// <summary>A rule that fired: the metric reading that fired it, its modules (and whether the team has passed each) and the trend since.</summary>
public sealed record RecommendedRule(Recommendation Rule, MetricReading Reading, IReadOnlyList<RecommendedModule> Modules, MetricTrend? Trend);

/// <summary>A recommended module; <see cref="PassedBy"/> counts the team's members who passed its quiz.</summary>
public sealed record RecommendedModule(string Id, string Title, string Belt, int PassedBy, DateTimeOffset? FirstPassedAt);

/// <summary>
/// The metric before and since the day the team completed a rule's modules (each passed by at least one member):
/// the same number of days on both sides, at most 90, so the two figures are comparable.
/// </summary>
public sealed record MetricTrend(DateOnly CompletedOn, int Days, MetricReading Before, MetricReading Since)
{
    /// <summary>Positive when the level went up, negative when it went down, 0 when it held, null when one side has no data.</summary>
    public int? Direction => MetricReading.Compare(Before.Level, Since.Level);
}
