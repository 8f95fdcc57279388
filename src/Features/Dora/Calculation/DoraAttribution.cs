namespace Fawkes.Portal.Features.Dora.Calculation;

/// <summary>A pull request and the deployment that shipped it (R4), with its lead-time parts (R5).</summary>
public sealed record DeployedPullRequest(PullRequestEvent PullRequest, DeploymentEvent Deployment, long? Coding, long? Review, long? Deploy, long? LeadTime, long? CommitToDeploy);

public sealed record AttributedIncident(IncidentEvent Incident, DeploymentEvent? CausedBy);

/// <summary>Which deployment shipped each pull request, and which deployment caused each incident. Pure.</summary>
public static class DoraAttribution
{
    private static readonly StringComparer Service = StringComparer.OrdinalIgnoreCase;

    /// <summary>Counted deployments per service, in the order they finished (ties: start, then id).</summary>
    public static Dictionary<string, List<DeploymentEvent>> CountedByService(IEnumerable<DeploymentEvent> deployments) =>
        deployments.Where(d => d.Counts)
            .GroupBy(d => d.Service, Service)
            .ToDictionary(g => g.Key, g => g.OrderBy(d => d.FinishedAt).ThenBy(d => d.StartedAt).ThenBy(d => d.Id, StringComparer.Ordinal).ToList(), Service);

    /// <summary>
    /// R4: the earliest (by start, then id) counted deployment of the same service that ships the merge commit and has a
    /// previous counted deployment of that service. The very first deployment of a service never attributes pull requests.
    /// </summary>
    public static IReadOnlyList<DeployedPullRequest> DeployedPullRequests(DoraInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shippers = new Dictionary<(string Service, string Sha), DeploymentEvent>();
        foreach (var (service, deployments) in CountedByService(input.Deployments))
        {
            foreach (var deployment in deployments.Skip(1).OrderBy(d => d.StartedAt).ThenBy(d => d.Id, StringComparer.Ordinal))
            {
                foreach (var sha in deployment.Commits)
                {
                    shippers.TryAdd((service.ToLowerInvariant(), sha), deployment);
                }
            }
        }
        var result = new List<DeployedPullRequest>();
        foreach (var pr in input.PullRequests.Where(p => p.MergedAt is not null && !string.IsNullOrEmpty(p.MergeCommitSha)))
        {
            if (!shippers.TryGetValue((pr.Service.ToLowerInvariant(), pr.MergeCommitSha!), out var deployment))
            {
                continue; // Never deployed: left out of lead time.
            }
            var coding = DoraMath.Span(pr.FirstCommitAt, pr.CreatedAt);
            var review = DoraMath.Span(pr.CreatedAt, pr.MergedAt);
            var deploy = DoraMath.Span(pr.MergedAt, deployment.FinishedAt);
            long? leadTime = coding is null && review is null && deploy is null ? null : (coding ?? 0) + (review ?? 0) + (deploy ?? 0);
            result.Add(new DeployedPullRequest(pr, deployment, coding, review, deploy, leadTime, DoraMath.Span(pr.FirstCommitAt, deployment.FinishedAt)));
        }
        return result;
    }

    /// <summary>R12: a counted deployment started while an incident of its service was open (unresolved: open until <paramref name="windowEnd"/>).</summary>
    public static bool IsRework(DeploymentEvent deployment, IEnumerable<IncidentEvent> incidents, DateTimeOffset windowEnd)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return deployment.Counts && incidents.Any(i => Service.Equals(i.Service, deployment.Service)
            && deployment.StartedAt >= i.CreatedAt && deployment.StartedAt < (i.ResolvedAt ?? windowEnd));
    }

    /// <summary>R7: the latest counted deployment of the same service that finished strictly before the incident was created.</summary>
    public static IReadOnlyList<AttributedIncident> AttributeIncidents(DoraInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var counted = CountedByService(input.Deployments);
        return [.. input.Incidents.Select(incident => new AttributedIncident(incident,
            counted.TryGetValue(incident.Service, out var deployments) ? LastFinishedBefore(deployments, incident.CreatedAt) : null))];
    }

    /// <summary>The last of the (finish-ordered) deployments with <c>FinishedAt &lt; at</c>, by binary search.</summary>
    private static DeploymentEvent? LastFinishedBefore(List<DeploymentEvent> byFinish, DateTimeOffset at)
    {
        int lo = 0, hi = byFinish.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (byFinish[mid].FinishedAt < at) { lo = mid + 1; } else { hi = mid; }
        }
        return lo == 0 ? null : byFinish[lo - 1];
    }
}
