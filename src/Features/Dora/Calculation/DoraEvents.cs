namespace Fawkes.Portal.Features.Dora.Calculation;

/// <summary>A deployment as the calculator sees it. <see cref="Commits"/>: the commits it newly ships.</summary>
public sealed record DeploymentEvent(
    string Id, string Service, string Environment, string Result, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, IReadOnlyList<string> Commits)
{
    /// <summary>
    /// The environment whose delivery is measured: production (R1) unless a dashboard filter asks about another one,
    /// in which case that environment's deployments take production's place in every rule.
    /// </summary>
    public string MeasuredEnvironment { get; init; } = "production";

    /// <summary>R1: production (the measured environment) and success, both case-insensitive.</summary>
    public bool Counts => InMeasuredEnvironment && string.Equals(Result, "success", StringComparison.OrdinalIgnoreCase);

    public bool InMeasuredEnvironment => string.Equals(Environment, MeasuredEnvironment, StringComparison.OrdinalIgnoreCase);

    public bool FailedInMeasuredEnvironment => InMeasuredEnvironment && string.Equals(Result, "failure", StringComparison.OrdinalIgnoreCase);
}

public sealed record PullRequestEvent(
    string Id, string Service, DateTimeOffset CreatedAt, DateTimeOffset? MergedAt, string? MergeCommitSha, DateTimeOffset? FirstCommitAt, DateTimeOffset? FirstReviewAt = null);

public sealed record IncidentEvent(string Id, string Service, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt);

public sealed record DoraInput(IReadOnlyList<DeploymentEvent> Deployments, IReadOnlyList<PullRequestEvent> PullRequests, IReadOnlyList<IncidentEvent> Incidents);

public enum Bucket
{
    Month,
    Week,
}
