namespace Fawkes.Portal.Features.Dora.Calculation;

public sealed record Distribution(int N, long? Median, long? P90);

public sealed record Summary(int N, long? Median);

/// <summary>One period's figures, with the read API's field names.</summary>
public sealed record DoraRow(
    string Period, int Deployments, int DeploymentDays, int FailedDeployments, int DeploymentsWithIncident, double? ChangeFailureRate,
    Distribution LeadTime, Summary CommitToDeploy, Summary Fdrt, Summary TimeToRestore, int ReworkDeployments, double? ReworkRate);

public sealed record PeriodDays(string Period, int Days);

public sealed record Levels2023(string? DeploymentFrequency, string? LeadTime, string? ChangeFailureRate, string? FailedDeploymentRecoveryTime);

public sealed record Levels2021(string? DeploymentFrequency, string? LeadTime, string? ChangeFailureRate, string? TimeToRestoreService);

public sealed record DoraSummary(DoraRow Totals, IReadOnlyList<PeriodDays> WeeklyDeploymentDays, IReadOnlyList<PeriodDays> MonthlyDeploymentDays, Levels2023 Levels2023, Levels2021 Levels2021);
