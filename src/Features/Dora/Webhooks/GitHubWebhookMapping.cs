using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Dora.Webhooks;

/// <summary>GitHub webhook payloads to native events: merged pull requests and finished deployment statuses (pushes: <see cref="BranchFirstCommit"/>).</summary>
internal static class GitHubWebhookMapping
{
    public static JsonObject? Map(string eventName, JsonObject payload, string service) => eventName switch
    {
        "pull_request" when S(payload, "action") == "closed" && payload["pull_request"]?["merged"]?.GetValue<bool>() == true => PullRequest(payload, service),
        "deployment_status" when S(payload["deployment_status"], "state") is "success" or "failure" or "error" => Deployment(payload, service),
        _ => null,
    };

    private static JsonObject PullRequest(JsonObject payload, string service)
    {
        var pr = payload["pull_request"]!;
        return new JsonObject
        {
            ["type"] = "pull_request",
            ["id"] = $"{S(payload["repository"], "full_name")}#{pr["number"]}",
            ["service"] = service,
            ["createdAt"] = S(pr, "created_at"),
            ["mergedAt"] = S(pr, "merged_at"),
            ["mergeCommitSha"] = S(pr, "merge_commit_sha"),
            // The branch it was merged from: push webhooks to it tell when coding started (firstCommitAt).
            ["headRef"] = S(pr["head"], "ref"),
            ["title"] = S(pr, "title"),
            ["url"] = S(pr, "html_url"),
        };
    }

    private static JsonObject Deployment(JsonObject payload, string service)
    {
        var deployment = payload["deployment"]!;
        var status = payload["deployment_status"]!;
        return new JsonObject
        {
            ["type"] = "deployment",
            ["id"] = $"github-{deployment["id"]}",
            ["service"] = service,
            ["environment"] = S(deployment, "environment"),
            ["result"] = S(status, "state") == "success" ? "success" : "failure",
            ["startedAt"] = S(deployment, "created_at"),
            ["finishedAt"] = S(status, "created_at"),
            ["revision"] = S(deployment, "sha"),
            ["url"] = S(status, "target_url"),
            ["source"] = "github",
        };
    }

    private static string? S(JsonNode? node, string field) => DoraJson.S(node, field);
}
