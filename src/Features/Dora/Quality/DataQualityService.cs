using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Features.Dora.Calculation;
using Fawkes.Portal.Features.Dora.Events;
using Fawkes.Portal.Operations.Audit;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Dora.Quality;

public sealed record UnmappedService(string Service, int Events, DateTimeOffset LastEventAt)
{
    /// <summary>Named after a repository (<c>owner/repo</c>) no component claims: a new service's first events, kept until mapped.</summary>
    public bool FromRepository => Service.Contains('/', StringComparison.Ordinal);
}

/// <summary>A counted deployment whose shipped commits could not be resolved, and why.</summary>
public sealed record UnresolvedCommits(string Id, string Service, DateTimeOffset FinishedAt, string Reason);

public sealed record DataQualityReport(
    IReadOnlyList<UnmappedService> Unmapped, IReadOnlyList<string> ComponentsWithoutDeployments,
    IReadOnlyList<IncidentEvent> UnattributedIncidents, int PullRequestsWithoutFirstCommit, IReadOnlyList<string> Components,
    IReadOnlyList<UnresolvedCommits> UnresolvedCommits, int PendingCommits,
    IReadOnlyList<PullRequestWithoutFirstCommit> NewestPullRequestsWithoutFirstCommit, IReadOnlyList<UncountedEnvironment> UncountedEnvironments);

/// <summary>What keeps the DORA numbers from being trustworthy, and the Admin's fix for unknown services.</summary>
public sealed class DataQualityService(IDbContextFactory<PortalDbContext> factory, CatalogQueries catalog, DoraEventStore store, DoraFactsCache cache, AuditLog audit, TimeProvider time)
{
    public async Task<DataQualityReport> ReportAsync(CancellationToken ct)
    {
        var components = (await catalog.ListAsync(EntityFilter.Parse(["kind=component"]), null, 0, ct))
            .Select(c => c["metadata"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        var known = components.Select(c => c.ToLowerInvariant()).ToHashSet();
        await using var db = await factory.CreateDbContextAsync(ct);
        var byService = await db.Set<DoraEventRecord>().AsNoTracking()
            .GroupBy(e => e.ServiceKey)
            .Select(g => new { Key = g.Key, Service = g.Max(e => e.Service)!, Events = g.Count(), Last = g.Max(e => e.AtUnixMs) })
            .ToListAsync(ct);
        var unmapped = byService.Where(s => !known.Contains(s.Key))
            .Select(s => new UnmappedService(s.Service, s.Events, DateTimeOffset.FromUnixTimeMilliseconds(s.Last)))
            .OrderByDescending(s => s.Events).ToList();
        var parts = await cache.FactsAsync(null, "production", ct);
        var since = time.GetUtcNow().AddDays(-90);
        var unresolved = await db.Set<DoraEventRecord>().AsNoTracking().Where(e => e.CommitsState == CommitsStates.Unresolved)
            .OrderByDescending(e => e.AtUnixMs).Take(50).Select(e => new { e.Id, e.Service, e.AtUnixMs, e.Json }).ToListAsync(ct);
        var pending = await db.Set<DoraEventRecord>().CountAsync(e => e.CommitsState == CommitsStates.Pending, ct);
        var (withoutFirstCommit, withoutFirstCommitCount) = await DataQualityFindings.PullRequestsWithoutFirstCommitAsync(db, 50, ct);
        var deploying = parts.SelectMany(p => p.DeploymentsIn(since, DateTimeOffset.MaxValue)).Select(d => d.Service.ToLowerInvariant()).ToHashSet();
        return new DataQualityReport(
            unmapped,
            [.. components.Where(c => !deploying.Contains(c.ToLowerInvariant()))],
            [.. parts.SelectMany(p => p.Incidents).Where(i => i.CausedBy is null).Select(i => i.Incident).OrderByDescending(i => i.CreatedAt).Take(50)],
            withoutFirstCommitCount,
            components,
            [.. unresolved.Select(u => new UnresolvedCommits(u.Id, u.Service, DateTimeOffset.FromUnixTimeMilliseconds(u.AtUnixMs),
                System.Text.Json.Nodes.JsonNode.Parse(u.Json)?["commitsResolution"]?["reason"]?.GetValue<string>() ?? ""))],
            pending,
            withoutFirstCommit,
            DataQualityFindings.UncountedEnvironments(parts));
    }

    /// <summary>Moves every event of <paramref name="service"/> to the component, and keeps doing so for new ones.</summary>
    public async Task MapAsync(string service, string component, string actor, CancellationToken ct)
    {
        var key = service.ToLowerInvariant();
        await using var db = await factory.CreateDbContextAsync(ct);
        var mapping = await db.Set<ServiceMapping>().FindAsync([key], ct);
        if (mapping is null)
        {
            db.Add(mapping = new ServiceMapping { FromKey = key, Component = component, MappedBy = actor });
        }
        mapping.Component = component;
        mapping.MappedBy = actor;
        mapping.MappedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        var moved = await store.RenameServiceAsync(key, component, ct);
        await audit.RecordAsync(actor, "dora.service.map", $"service:{service}", $"component={component}; events={moved}", ct);
    }
}
