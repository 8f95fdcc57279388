using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Dora.Calculation;
using Fawkes.Portal.Features.Dora.Events;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Dora.Quality;

/// <summary>
/// Deployments sent for an environment no rule counts by default (R1 counts production; the dashboard's environment
/// filter measures one other environment instead). An unexpected name here (a misspelt label) means the sender is wrong.
/// </summary>
public sealed record UncountedEnvironment(string Environment, int Deployments, IReadOnlyList<string> Services, DateTimeOffset LastDeploymentAt);

/// <summary>A merged pull request whose lead time has no coding part, why, and what would supply it.</summary>
public sealed record PullRequestWithoutFirstCommit(string Id, string Service, DateTimeOffset MergedAt, string Source, string Reason, string Fix);

/// <summary>The lists of the data-quality report that need more than a count; pure over facts, or one query.</summary>
internal static class DataQualityFindings
{
    public const string FirstCommitFix =
        "Send GitHub push webhooks for the repository to /api/webhooks/github (the branch's earliest pushed commit becomes the first commit), "
        + "or send the pull request through POST /api/dora/events with firstCommitAt.";

    public static IReadOnlyList<UncountedEnvironment> UncountedEnvironments(IEnumerable<DoraFacts> production) =>
        [.. production.SelectMany(p => p.Deployments).Where(d => !d.InMeasuredEnvironment)
            .GroupBy(d => d.Environment.ToLowerInvariant(), StringComparer.Ordinal)
            .Select(g => new UncountedEnvironment(g.Key, g.Count(),
                [.. g.Select(d => d.Service).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)], g.Max(d => d.FinishedAt)))
            .OrderByDescending(e => e.Deployments).ThenBy(e => e.Environment, StringComparer.Ordinal)];

    /// <summary>The newest <paramref name="take"/> pull requests without <c>firstCommitAt</c>, and how many there are.</summary>
    public static async Task<(IReadOnlyList<PullRequestWithoutFirstCommit> Newest, int Count)> PullRequestsWithoutFirstCommitAsync(
        PortalDbContext db, int take, CancellationToken ct)
    {
        // Stored JSON is written compactly (no spaces): a time is "firstCommitAt":"…", anything else (absent, null) is none.
        var query = db.Set<DoraEventRecord>().AsNoTracking().Where(r => r.Type == "pull_request" && !r.Json.Contains("\"firstCommitAt\":\""));
        var count = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(r => r.AtUnixMs).Take(take).Select(r => new { r.Id, r.Service, r.AtUnixMs, r.Source, r.Json }).ToListAsync(ct);
        return ([.. rows.Select(r => new PullRequestWithoutFirstCommit(r.Id, r.Service, DateTimeOffset.FromUnixTimeMilliseconds(r.AtUnixMs), r.Source,
            Reason(r.Source, JsonNode.Parse(r.Json)), FirstCommitFix))], count);
    }

    private static string Reason(string source, JsonNode? json)
    {
        var branch = DoraJson.S(json, "headRef");
        var pushes = branch is null ? "and it named no branch to match GitHub pushes against"
            : $"and no GitHub push to branch '{branch}'{(DoraJson.S(json, "repository") is { } repo ? $" of {repo}" : "")} was received";
        return source switch
        {
            _ when source.StartsWith("devlake:", StringComparison.Ordinal) => $"DevLake's pull_requests webhook carries no first-commit time, {pushes}.",
            "github" => $"GitHub's pull_request webhook carries no first-commit time, {pushes}.",
            _ => $"Sent by '{source}' without firstCommitAt.",
        };
    }
}
