using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Dora.Api;

/// <summary>
/// Apache DevLake webhook bodies (and the Fawkes Jenkins library's <c>cicd</c> posts) turned into native events, so the
/// native validator and store handle them. Only the mapping lives here.
/// </summary>
internal static class DevLakeMapping
{
    public static JsonObject Deployment(JsonObject body, string service)
    {
        var commits = (body["deploymentCommits"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        // Legacy Fawkes shape: {project, commit_sha, deployment_id, status, environment, timestamp, duration_seconds}.
        var finished = S(body, "finishedDate") ?? S(commits.FirstOrDefault(), "finishedDate") ?? S(body, "timestamp");
        var started = S(body, "startedDate") ?? S(commits.FirstOrDefault(), "startedDate") ?? Earlier(finished, body["duration_seconds"]);
        var shas = commits.Select(c => S(c, "commitSha")).OfType<string>().Concat(S(body, "commit_sha") is { } legacy ? [legacy] : []).ToList();
        return new JsonObject
        {
            ["type"] = "deployment",
            ["id"] = S(body, "id") ?? S(body, "deployment_id"),
            ["service"] = service,
            ["environment"] = Events.EnvironmentLabel.OrProduction(S(body, "environment")),
            ["result"] = Result(S(body, "result") ?? S(body, "status")),
            ["startedAt"] = started,
            ["finishedAt"] = finished,
            ["revision"] = shas.FirstOrDefault() ?? S(body, "id") ?? "unknown",
            // DevLake sends the deployed head, not what it newly ships: like DevLake's own commit diff, the shipped
            // commits are resolved against the previous deployment (GitHub compare). Without a SHA nothing is known.
            ["commits"] = shas.Count == 0 ? new JsonArray() : null,
            ["url"] = S(body, "url"),
            ["source"] = "devlake-webhook",
        };
    }

    /// <summary>
    /// DevLake's own domain id, <c>webhook:{connectionId}:{issueKey}</c>: issue keys are per repository (GitHub numbers),
    /// so two services on two connections may both send issue 12 and must not share one incident.
    /// </summary>
    public static string? IncidentId(JsonObject body, string connectionId) => Scoped(connectionId, S(body, "issueKey") ?? S(body, "id"));

    /// <summary>The bare key releases before connection scoping stored (still found by close and replaced when re-sent).</summary>
    public static string? LegacyIncidentId(JsonObject body) => S(body, "issueKey") ?? S(body, "id");

    /// <summary>DevLake's own domain id, <c>webhook:{connectionId}:{pullRequestKey}</c> (the key is a number in its API).</summary>
    public static string? PullRequestId(JsonObject body, string connectionId) => Scoped(connectionId, Key(body["pullRequestKey"]) ?? S(body, "id"));

    public static string? LegacyPullRequestId(JsonObject body) => S(body, "id") ?? Key(body["pullRequestKey"]);

    public static JsonObject Incident(JsonObject body, string service, string connectionId) => new()
    {
        ["type"] = "incident",
        ["id"] = IncidentId(body, connectionId),
        ["service"] = service,
        ["createdAt"] = S(body, "createdDate"),
        ["resolvedAt"] = S(body, "resolutionDate") ?? S(body, "resolvedDate"),
        ["severity"] = S(body, "severity") ?? S(body, "priority"),
        ["title"] = S(body, "title"),
        ["url"] = S(body, "url"),
    };

    /// <summary>
    /// DevLake's pull request webhook carries no first-commit time: <c>firstCommitAt</c> stays unset (never the creation
    /// time, which would report a coding time of 0) unless a GitHub <c>push</c> to <c>headRef</c> supplies it.
    /// </summary>
    public static JsonObject PullRequest(JsonObject body, string service, string connectionId) => new()
    {
        ["type"] = "pull_request",
        ["id"] = PullRequestId(body, connectionId),
        ["service"] = service,
        ["createdAt"] = S(body, "createdDate"),
        ["mergedAt"] = S(body, "mergedDate"),
        ["mergeCommitSha"] = S(body, "mergeCommitSha"),
        ["firstCommitAt"] = S(body, "firstCommitDate"),
        // Branch and repository, to match GitHub push webhooks (BranchFirstCommit); DevLake may write "fork:branch".
        ["headRef"] = S(body, "headRef")?.Split(':')[^1] is { Length: > 0 } branch ? branch : null,
        ["repository"] = RepositorySlug.FromUrl(S(body, "baseRepoUrl") ?? S(body, "headRepoUrl")),
        ["title"] = S(body, "title") ?? S(body, "displayTitle"),
        ["url"] = S(body, "url"),
    };

    public static JsonObject Build(JsonObject body, string service) => new()
    {
        ["type"] = "build",
        ["id"] = S(body, "id") ?? S(body, "build_id") ?? S(body, "buildId"),
        ["service"] = service,
        ["result"] = (S(body, "result") ?? S(body, "status") ?? "unknown").ToLowerInvariant(),
        ["startedAt"] = S(body, "startedDate") ?? S(body, "started_at") ?? S(body, "timestamp"),
        ["finishedAt"] = S(body, "finishedDate") ?? S(body, "finished_at") ?? S(body, "timestamp"),
        ["commitSha"] = S(body, "commitSha") ?? S(body, "commit_sha"),
        ["branch"] = S(body, "branch"),
    };

    /// <summary>DevLake results are SUCCESS / FAILURE / ABORT …; the native API knows success and failure.</summary>
    private static string? Result(string? result) => result?.ToUpperInvariant() switch
    {
        null => null,
        "SUCCESS" or "SUCCEEDED" or "SYNCED" or "HEALTHY" => "success",
        _ => "failure",
    };

    private static string? Earlier(string? finished, JsonNode? seconds) =>
        finished is not null && seconds is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && DateTimeOffset.TryParse(finished, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at.AddSeconds(-v.GetValue<double>()).ToString("O", CultureInfo.InvariantCulture)
            : finished;

    private static string? Scoped(string connectionId, string? key) => string.IsNullOrEmpty(key) ? null : $"webhook:{connectionId}:{key}";

    /// <summary>A key sent as a string or a number.</summary>
    private static string? Key(JsonNode? node) => node is JsonValue v
        ? v.GetValueKind() switch { JsonValueKind.String => v.GetValue<string>(), JsonValueKind.Number => v.ToJsonString(), _ => null }
        : null;

    private static string? S(JsonNode? node, string field) => DoraJson.S(node, field);
}
