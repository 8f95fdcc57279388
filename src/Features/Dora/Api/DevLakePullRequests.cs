using System.Globalization;
using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Dora.Events;
using Fawkes.Portal.Features.Dora.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Dora.Api;

/// <summary>
/// The first-commit time of DevLake pull requests, which DevLake's webhook does not carry: GitHub <c>push</c> webhooks
/// to the pull request's branch supply it, whichever arrives first (as for GitHub's own pull request webhook).
/// </summary>
internal static class DevLakePullRequests
{
    /// <summary>A push to the branch came first: the pull request takes the branch's earliest pushed commit.</summary>
    public static async Task TakeBranchFirstCommitAsync(PortalDbContext db, ParsedEvent e, CancellationToken ct)
    {
        if (e.Type == "pull_request" && e.Json["firstCommitAt"] is null
            && DoraJson.S(e.Json, "repository") is { } repository && DoraJson.S(e.Json, "headRef") is { } branch
            && await BranchFirstCommit.TakeAsync(db, repository, branch, ct) is { } firstCommit)
        {
            e.Json["firstCommitAt"] = firstCommit.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// A push came after the pull request: DevLake pull requests of that repository merged from the branch, whose first
    /// commit is unknown or later, take it. Returns how many changed; each keeps its own source (its connection).
    /// </summary>
    public static async Task<int> ApplyPushAsync(DoraEventTransaction unit, string repository, string branch, DateTimeOffset firstCommit, CancellationToken ct)
    {
        // As the stored JSON writes it (the mapping stores the lowercase slug), so the text search finds the candidates.
        var marker = "\"repository\":" + JsonValue.Create(repository.ToLowerInvariant()).ToJsonString();
        var candidates = await unit.Db.Set<DoraEventRecord>().AsNoTracking()
            .Where(r => r.Type == "pull_request" && r.Source.StartsWith("devlake:") && r.Json.Contains(marker))
            .Select(r => new { r.Source, r.Json }).ToListAsync(ct);
        var changed = 0;
        foreach (var bySource in candidates.GroupBy(c => c.Source))
        {
            var updated = new List<ParsedEvent>();
            foreach (var json in bySource.Select(c => JsonNode.Parse(c.Json)!.AsObject()).Where(j => DoraJson.S(j, "headRef") == branch))
            {
                if (DoraJson.S(json, "firstCommitAt") is { } known && DateTimeOffset.Parse(known, CultureInfo.InvariantCulture) <= firstCommit)
                {
                    continue;
                }
                json["firstCommitAt"] = firstCommit.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
                if (DoraEventParser.Parse(json, firstCommitRequired: false).Event is { } parsed)
                {
                    updated.Add(parsed);
                }
            }
            changed += updated.Count == 0 ? 0 : await unit.UpsertAsync(updated, bySource.Key, ct);
        }
        return changed;
    }
}
