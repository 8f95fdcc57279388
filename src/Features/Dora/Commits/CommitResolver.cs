using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Features.Dora.Events;
using Fawkes.Portal.Integrations.GitHub;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Dora.Commits;

/// <summary>
/// Gives counted deployments sent without <c>commits</c> the commits they newly ship: GitHub's compare between the
/// previous counted deployment's revision (by start, then id) and theirs, in the repository of the service's catalog
/// component (<c>github.com/project-slug</c>).
/// </summary>
public sealed class CommitResolver(
    IDbContextFactory<PortalDbContext> factory, CatalogQueries catalog, GitHubCompare compare, DoraEventStore store, ILogger<CommitResolver> logger)
{
    public const string ProjectSlug = "github.com/project-slug";

    private sealed record Deployed(string Id, DateTimeOffset StartedAt, string Revision, bool Counts)
    {
        public static Deployed From(string id, string json)
        {
            var e = JsonNode.Parse(json)!.AsObject();
            var deployment = DoraEventJson.Deployment(e);
            return new Deployed(id, deployment.StartedAt, e["revision"]?.GetValue<string>() ?? "", deployment.Counts);
        }
    }

    /// <summary>Resolves up to <paramref name="limit"/> pending deployments; returns how many it settled.</summary>
    /// <exception cref="Octokit.ApiException">GitHub failed in a way worth retrying later (rate limit, outage); nothing is lost.</exception>
    public async Task<int> ResolvePendingAsync(int limit, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var pending = await db.Set<DoraEventRecord>().AsNoTracking()
            .Where(r => r.CommitsState == CommitsStates.Pending).OrderBy(r => r.AtUnixMs).Take(limit).ToListAsync(ct);
        var settled = 0;
        try
        {
            foreach (var service in pending.GroupBy(r => r.ServiceKey))
            {
                var history = await CountedDeploymentsAsync(db, service.Key, ct);
                var repository = await RepositoryAsync(service.First().Service, ct);
                foreach (var record in service)
                {
                    var (commits, resolution) = await ResolveAsync(record, history, repository, ct);
                    settled += await SaveAsync(db, record, commits, resolution, ct);
                }
            }
        }
        finally
        {
            if (settled > 0)
            {
                store.NotifyChanged();
            }
        }
        return settled;
    }

    private async Task<(IReadOnlyList<string> Commits, JsonObject Resolution)> ResolveAsync(
        DoraEventRecord record, List<Deployed> history, string? repository, CancellationToken ct)
    {
        var self = Deployed.From(record.Id, record.Json);
        var revision = self.Revision;
        // The previous counted deployment by start, then id (R4's order).
        var previous = history.Where(d => d.Revision.Length > 0 && (d.StartedAt < self.StartedAt || (d.StartedAt == self.StartedAt && string.CompareOrdinal(d.Id, self.Id) < 0)))
            .OrderBy(d => d.StartedAt).ThenBy(d => d.Id, StringComparer.Ordinal).LastOrDefault();
        if (revision.Length == 0)
        {
            return ([], Resolution(CommitsStates.Unresolved, null, "The deployment has no revision to compare."));
        }
        if (previous is null)
        {
            // The service's first deployment: everything up to its revision; R4 leaves its pull requests out anyway.
            return ([revision], Resolution(CommitsStates.Compared, null, "First deployment of the service."));
        }
        if (previous.Revision == revision)
        {
            return ([], Resolution(CommitsStates.Compared, previous.Revision, "Same revision as the previous deployment (a re-sync)."));
        }
        if (repository is null)
        {
            return ([revision], Resolution(CommitsStates.Unresolved, previous.Revision,
                $"The catalog component '{record.Service}' has no {ProjectSlug} annotation; only the deployed revision is counted."));
        }
        try
        {
            return (await compare.CommitsAsync(repository, previous.Revision, revision, ct), Resolution(CommitsStates.Compared, previous.Revision, null));
        }
        catch (Octokit.NotFoundException)
        {
            return ([revision], Resolution(CommitsStates.Unresolved, previous.Revision,
                $"GitHub does not know {previous.Revision[..Math.Min(12, previous.Revision.Length)]}...{revision[..Math.Min(12, revision.Length)]} in {repository}; only the deployed revision is counted."));
        }
    }

    private static JsonObject Resolution(string state, string? @base, string? reason) => new() { ["state"] = state, ["base"] = @base, ["reason"] = reason };

    /// <summary>Writes the commits unless the event was replaced meanwhile (then it is pending again and resolved next round).</summary>
    private static async Task<int> SaveAsync(PortalDbContext db, DoraEventRecord record, IReadOnlyList<string> commits, JsonObject resolution, CancellationToken ct)
    {
        var json = JsonNode.Parse(record.Json)!.AsObject();
        json["commits"] = new JsonArray([.. commits.Select(c => (JsonNode)JsonValue.Create(c)!)]);
        json["commitsResolution"] = resolution;
        var text = json.ToJsonString();
        var state = resolution["state"]!.GetValue<string>();
        var updated = await db.Set<DoraEventRecord>()
            .Where(r => r.Type == record.Type && r.Id == record.Id && r.ReceivedAt == record.ReceivedAt && r.CommitsState == CommitsStates.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Json, text).SetProperty(r => r.CommitsState, state), ct);
        await DoraServiceVersions.BumpAsync(db, [record.Service], ct);
        return updated;
    }

    private static async Task<List<Deployed>> CountedDeploymentsAsync(PortalDbContext db, string serviceKey, CancellationToken ct)
    {
        var rows = await db.Set<DoraEventRecord>().AsNoTracking()
            .Where(r => r.Type == "deployment" && r.ServiceKey == serviceKey).Select(r => new { r.Id, r.Json }).ToListAsync(ct);
        return [.. rows.Select(r => Deployed.From(r.Id, r.Json)).Where(d => d.Counts)];
    }

    private async Task<string?> RepositoryAsync(string service, CancellationToken ct)
    {
        try
        {
            var entity = await catalog.ByRefAsync(EntityRef.Parse(service, CatalogKinds.Component), ct);
            return entity?["metadata"]?["annotations"]?[ProjectSlug]?.GetValue<string>();
        }
        catch (FormatException ex)
        {
            logger.LogDebug(ex, "Service {Service} is not a valid entity reference", service);
            return null;
        }
    }
}
