namespace Fawkes.Portal.Features.Dora.Calculation;

/// <summary>A counted deployment with what R8 and R12 say about it.</summary>
public sealed record CountedDeployment(DeploymentEvent Deployment, bool WithIncident, bool Rework);

/// <summary>
/// Everything the rules derive from events independently of the window asked for: which deployment shipped each pull
/// request (R4, R5), which caused each incident (R7), which deployments had incidents (R8) or were rework (R12).
/// Every rule relates events of one service only, so facts built per service combine by concatenation: that is what
/// lets the read path keep them per service and rebuild only the services whose events changed.
/// </summary>
/// <remarks>
/// Lists are kept sorted by the time that places them in a period (deployments by finish, pull requests by their
/// deployment's finish, <see cref="Resolved"/> by resolution), so a window is found by binary search, not a scan.
/// </remarks>
public sealed record DoraFacts(
    IReadOnlyList<DeploymentEvent> Deployments, IReadOnlyList<CountedDeployment> Counted, IReadOnlyList<DeployedPullRequest> PullRequests,
    IReadOnlyList<AttributedIncident> Incidents, int PullRequestsWithoutFirstCommit)
{
    public static DoraFacts Empty { get; } = new([], [], [], [], 0);

    /// <summary>The environments (lowercase) the deployments were sent for.</summary>
    public IReadOnlySet<string> Environments { get; } = Deployments.Select(d => d.Environment.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

    /// <summary>Resolved incidents by resolution time.</summary>
    public IReadOnlyList<AttributedIncident> Resolved { get; } =
        [.. Incidents.Where(i => i.Incident.ResolvedAt is not null).OrderBy(i => i.Incident.ResolvedAt)];

    public IEnumerable<DeploymentEvent> DeploymentsIn(DateTimeOffset start, DateTimeOffset end) => Range(Deployments, d => d.FinishedAt, start, end);

    public IEnumerable<CountedDeployment> CountedIn(DateTimeOffset start, DateTimeOffset end) => Range(Counted, d => d.Deployment.FinishedAt, start, end);

    public IEnumerable<DeployedPullRequest> PullRequestsIn(DateTimeOffset start, DateTimeOffset end) => Range(PullRequests, p => p.Deployment.FinishedAt, start, end);

    public IEnumerable<AttributedIncident> ResolvedIn(DateTimeOffset start, DateTimeOffset end) => Range(Resolved, i => i.Incident.ResolvedAt!.Value, start, end);

    /// <summary>The items with start ≤ key &lt; end of a list sorted by key.</summary>
    private static IEnumerable<T> Range<T>(IReadOnlyList<T> sorted, Func<T, DateTimeOffset> key, DateTimeOffset start, DateTimeOffset end)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (key(sorted[mid]) < start) { lo = mid + 1; } else { hi = mid; }
        }
        for (var i = lo; i < sorted.Count && key(sorted[i]) < end; i++)
        {
            yield return sorted[i];
        }
    }

    /// <param name="environment">The environment measured; production is R1's, another one takes its place in every rule.</param>
    public static DoraFacts Build(DoraInput input, string environment = "production")
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!string.Equals(environment, "production", StringComparison.OrdinalIgnoreCase))
        {
            input = input with { Deployments = [.. input.Deployments.Select(d => d with { MeasuredEnvironment = environment })] };
        }
        var incidents = DoraAttribution.AttributeIncidents(input);
        var withIncident = incidents.Where(i => i.CausedBy is not null).Select(i => i.CausedBy!.Id).ToHashSet(StringComparer.Ordinal);
        var openDuring = OpenIncidents.ByService(input.Incidents);
        var deployments = input.Deployments.OrderBy(d => d.FinishedAt).ToList();
        var counted = deployments.Where(d => d.Counts)
            .Select(d => new CountedDeployment(d, withIncident.Contains(d.Id), openDuring.TryGetValue(d.Service, out var open) && open.IsOpenAt(d.StartedAt)))
            .ToList();
        return new DoraFacts(deployments, counted, [.. DoraAttribution.DeployedPullRequests(input).OrderBy(p => p.Deployment.FinishedAt)], incidents,
            input.PullRequests.Count(p => p.FirstCommitAt is null));
    }

    /// <summary>
    /// R12 with unresolved incidents open for good: equal to "open until the window's end" for every deployment the
    /// window reports, since such a deployment started before the window ended.
    /// </summary>
    private sealed class OpenIncidents
    {
        private readonly DateTimeOffset[] _created;
        private readonly DateTimeOffset[] _latestEnd; // the latest resolution among incidents created up to index i

        private OpenIncidents(IEnumerable<IncidentEvent> incidents)
        {
            var sorted = incidents.OrderBy(i => i.CreatedAt).ToArray();
            _created = [.. sorted.Select(i => i.CreatedAt)];
            _latestEnd = new DateTimeOffset[sorted.Length];
            for (var i = 0; i < sorted.Length; i++)
            {
                var end = sorted[i].ResolvedAt ?? DateTimeOffset.MaxValue;
                _latestEnd[i] = i == 0 || end > _latestEnd[i - 1] ? end : _latestEnd[i - 1];
            }
        }

        public static Dictionary<string, OpenIncidents> ByService(IEnumerable<IncidentEvent> incidents) =>
            incidents.GroupBy(i => i.Service, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => new OpenIncidents(g), StringComparer.OrdinalIgnoreCase);

        /// <summary>Some incident has createdAt ≤ at &lt; resolvedAt.</summary>
        public bool IsOpenAt(DateTimeOffset at)
        {
            var createdUpTo = UpperBound(_created, at);
            return createdUpTo > 0 && _latestEnd[createdUpTo - 1] > at;
        }

        private static int UpperBound(DateTimeOffset[] sorted, DateTimeOffset value)
        {
            int lo = 0, hi = sorted.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (sorted[mid] <= value) { lo = mid + 1; } else { hi = mid; }
            }
            return lo;
        }
    }
}
