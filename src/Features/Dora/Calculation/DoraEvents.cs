namespace Fawkes.Portal.Features.Dora.Calculation;

/// <summary>A deployment as the calculator sees it. <see cref="Commits"/>: the commits it newly ships.</summary>
public sealed record DeploymentEvent(
    string Id, string Service, string Environment, string Result, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, IReadOnlyList<string> Commits)
{
    /// <summary>R1: production and success, both case-insensitive.</summary>
    public bool Counts => IsProduction && string.Equals(Result, "success", StringComparison.OrdinalIgnoreCase);

    public bool IsProduction => string.Equals(Environment, "production", StringComparison.OrdinalIgnoreCase);

    public bool FailedInProduction => IsProduction && string.Equals(Result, "failure", StringComparison.OrdinalIgnoreCase);
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
