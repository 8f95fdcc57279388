using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Features.Dora.Calculation;
using Fawkes.Portal.Features.Dora.Events;

namespace Fawkes.Portal.Features.Dora;

/// <summary>Whose delivery to measure: one service (a Component), a team (its owning Group), a system, or the whole organisation.</summary>
public sealed record DoraScope(string? Service = null, string? Team = null, string? System = null, string? Environment = null)
{
    public bool IsOrganisation => Service is null && Team is null && System is null;

    /// <summary>Production unless another environment is asked for.</summary>
    public string MeasuredEnvironment => string.IsNullOrWhiteSpace(Environment) ? "production" : Environment.Trim().ToLowerInvariant();
}

/// <summary>Where lead time goes: medians of its parts over the pull requests deployed in a window.</summary>
/// <remarks>
/// Pickup (PR opened → first review) and review (first review → merge) split R5's PR-to-merge part where a first review
/// time is known; without one, review is the whole PR-to-merge span. <see cref="LeadTimes"/> feeds the distribution chart.
/// </remarks>
public sealed record LeadTimeBreakdown(int PullRequests, long? Coding, long? Pickup, long? Review, long? Deploy, IReadOnlyList<long> LeadTimes);

public sealed record DeploymentDrillDown(DeploymentEvent Deployment, IReadOnlyList<DeployedPullRequest> PullRequests, IReadOnlyList<IncidentEvent> Incidents, bool Rework);

/// <summary>Reads events for a scope and runs the calculator: the one place the read API and the dashboards get numbers from.</summary>
public sealed class DoraService(DoraFactsCache facts, CatalogQueries catalog, CatalogCache cache)
{
    /// <summary>The services of a scope; null for the whole organisation (every event, mapped or not).</summary>
    public async Task<IReadOnlyCollection<string>?> ServicesAsync(DoraScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Service is { } service)
        {
            return [service];
        }
        if (scope.IsOrganisation)
        {
            return null;
        }
        var (relation, target) = scope.Team is { } team
            ? ("relations.ownedby", EntityRef.Parse(team, CatalogKinds.Group).Key)
            : ("relations.partof", EntityRef.Parse(scope.System!, CatalogKinds.System).Key);
        var filter = new EntityFilter([[new FilterCondition("kind", ["component"]), new FilterCondition(relation, [target])]]);
        // Kept until the catalog changes: the organisation view asks this for every team on each render.
        return await cache.GetOrAddAsync(CatalogCache.Key("dora-services", filter), async () =>
        {
            var components = await catalog.ListAsync(filter, null, 0, ct);
            return (IReadOnlyCollection<string>)[.. components.Select(c => c["metadata"]!["name"]!.GetValue<string>())];
        });
    }

    public async Task<IReadOnlyList<DoraRow>> MetricsAsync(DoraScope scope, DateOnly from, DateOnly to, Bucket bucket, CancellationToken ct) =>
        DoraCalculator.Rows(await PartsAsync(scope, ct), from, to, bucket);

    public async Task<DoraSummary> SummaryAsync(DoraScope scope, DateOnly from, DateOnly to, CancellationToken ct) =>
        DoraCalculator.Summarize(await PartsAsync(scope, ct), from, to);

    /// <summary>Every production deployment finished in the window with what it shipped and what it caused: the events behind the numbers.</summary>
    public async Task<IReadOnlyList<DeploymentDrillDown>> DeploymentsAsync(DoraScope scope, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var parts = await PartsAsync(scope, ct);
        var (start, end) = DoraMath.Bounds(from, to);
        var shipped = parts.SelectMany(p => p.PullRequestsIn(start, end)).ToLookup(p => p.Deployment.Id);
        var caused = parts.SelectMany(p => p.Incidents).Where(i => i.CausedBy is { } c && c.FinishedAt >= start && c.FinishedAt < end)
            .ToLookup(i => i.CausedBy!.Id, i => i.Incident);
        var rework = parts.SelectMany(p => p.CountedIn(start, end)).Where(c => c.Rework).Select(c => c.Deployment.Id).ToHashSet(StringComparer.Ordinal);
        return [.. parts.SelectMany(p => p.DeploymentsIn(start, end))
            .Where(d => d.InMeasuredEnvironment)
            .OrderByDescending(d => d.FinishedAt)
            .Select(d => new DeploymentDrillDown(d, [.. shipped[d.Id]], [.. caused[d.Id]], rework.Contains(d.Id)))];
    }

    public async Task<LeadTimeBreakdown> LeadTimeBreakdownAsync(DoraScope scope, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var (start, end) = DoraMath.Bounds(from, to);
        var prs = (await PartsAsync(scope, ct)).SelectMany(p => p.PullRequestsIn(start, end)).ToList();
        return new LeadTimeBreakdown(prs.Count,
            DoraMath.Median(prs.Select(p => p.Coding).OfType<long>()),
            DoraMath.Median(prs.Select(p => DoraMath.Span(p.PullRequest.CreatedAt, p.PullRequest.FirstReviewAt)).OfType<long>()),
            DoraMath.Median(prs.Select(p => DoraMath.Span(p.PullRequest.FirstReviewAt ?? p.PullRequest.CreatedAt, p.PullRequest.MergedAt)).OfType<long>()),
            DoraMath.Median(prs.Select(p => p.Deploy).OfType<long>()),
            [.. prs.Select(p => p.LeadTime).OfType<long>()]);
    }

    /// <summary>Incidents open at some point of the window (created by its end, not resolved before its start).</summary>
    public async Task<IReadOnlyList<AttributedIncident>> IncidentsAsync(DoraScope scope, DateOnly from, DateOnly to, CancellationToken ct) =>
        [.. (await PartsAsync(scope, ct)).SelectMany(p => p.Incidents)
            .Where(i => DoraMath.Day(i.Incident.CreatedAt) <= to && (i.Incident.ResolvedAt is null || DoraMath.Day(i.Incident.ResolvedAt.Value) >= from))
            .OrderByDescending(i => i.Incident.CreatedAt)];

    /// <summary>The scope's facts, one part per service: enough for the calculator, which never relates two services.</summary>
    public async Task<IReadOnlyList<DoraFacts>> PartsAsync(DoraScope scope, CancellationToken ct) =>
        await facts.FactsAsync(await ServicesAsync(scope, ct), scope.MeasuredEnvironment, ct);

    /// <summary>
    /// Every environment the scope's deployments were sent for, production first: the dashboard's environment filter.
    /// From the production facts the page loads anyway, so a service page never builds the whole organisation's.
    /// </summary>
    public async Task<IReadOnlyList<string>> EnvironmentsAsync(DoraScope scope, CancellationToken ct)
    {
        var seen = (await PartsAsync(scope with { Environment = null }, ct)).SelectMany(p => p.Environments).ToHashSet(StringComparer.OrdinalIgnoreCase);
        seen.Add("production");
        return [.. seen.OrderBy(e => e == "production" ? 0 : 1).ThenBy(e => e, StringComparer.Ordinal)];
    }

}
