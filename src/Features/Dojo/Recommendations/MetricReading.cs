using Fawkes.Portal.Features.Dora.Calculation;
using Fawkes.Portal.Features.Dora.Pages;

namespace Fawkes.Portal.Features.Dojo.Recommendations;

/// <summary>One DORA metric of a scope as a recommendation rule reads it: its 2023 level and the figure behind it.</summary>
public sealed record MetricReading(string Metric, string Label, string? Level, string Value)
{
    public const string DeploymentFrequency = "deploymentFrequency";
    public const string LeadTime = "leadTime";
    public const string ChangeFailureRate = "changeFailureRate";
    public const string RecoveryTime = "recoveryTime";
    public const string ReworkRate = "reworkRate";

    /// <summary>The five metrics of a summary over <paramref name="days"/> days, in the order the dashboard shows them.</summary>
    public static IReadOnlyList<MetricReading> Of(DoraSummary summary, int days)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var t = summary.Totals;
        var levels = summary.Levels2023;
        return
        [
            new(DeploymentFrequency, "Deployment frequency", t.Deployments == 0 ? null : levels.DeploymentFrequency, DoraFormat.PerWeek(t.Deployments, days)),
            new(LeadTime, "Lead time for changes", levels.LeadTime, DoraFormat.Duration(t.LeadTime.Median)),
            new(ChangeFailureRate, "Change failure rate", levels.ChangeFailureRate, DoraFormat.Percent(t.ChangeFailureRate)),
            new(RecoveryTime, "Failed deployment recovery time", levels.FailedDeploymentRecoveryTime, DoraFormat.Duration(t.Fdrt.Median)),
            new(ReworkRate, "Rework rate", ReworkLevel(t.ReworkRate), DoraFormat.Percent(t.ReworkRate)),
        ];
    }

    /// <summary>
    /// DORA's reports give no performance levels for rework rate (added in 2024). It is the unplanned-deployment twin of
    /// change failure rate, so it is graded on the same 2023 bounds (≤ 5 % elite, ≤ 10 % high, ≤ 15 % medium, else low).
    /// </summary>
    public static string? ReworkLevel(double? rate) => DoraLevels.AtMost(rate, 0.05, 0.10, 0.15);

    /// <summary>Whether <paramref name="after"/> is a better level than <paramref name="before"/> (null when either is unknown).</summary>
    public static int? Compare(string? before, string? after) =>
        Rank(before) is { } b && Rank(after) is { } a ? a.CompareTo(b) : null;

    private static int? Rank(string? level) => level switch
    {
        DoraLevels.Low => 0,
        DoraLevels.Medium => 1,
        DoraLevels.High => 2,
        DoraLevels.Elite => 3,
        _ => null,
    };
}
