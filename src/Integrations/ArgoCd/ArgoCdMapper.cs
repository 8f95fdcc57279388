using System.Globalization;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Integrations.ArgoCd;

/// <summary>ArgoCD's Application, resource tree and revision metadata JSON → the tab's views. Pure, and tolerant of missing fields.</summary>
public static class ArgoCdMapper
{
    /// <summary>History entries shown (ArgoCD keeps 10 by default, <c>spec.revisionHistoryLimit</c>).</summary>
    public const int HistoryShown = 10;

    /// <summary>The revisions whose commit metadata the history shows, newest first.</summary>
    public static IReadOnlyList<string> HistoryRevisions(JsonObject app) =>
        [.. History(app).Select(h => S(h["revision"])).OfType<string>().Distinct(StringComparer.Ordinal)];

    /// <param name="tree">The resource tree, or null when it could not be read (then the Application's own resource list is used).</param>
    /// <param name="commits">Revision metadata by revision (missing ones show no author).</param>
    public static ArgoCdAppView Map(string instance, JsonObject app, JsonObject? tree, IReadOnlyDictionary<string, JsonObject> commits)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(commits);
        var metadata = app["metadata"];
        var status = app["status"];
        var source = app["spec"]?["source"] ?? app["spec"]?["sources"]?[0];
        return new ArgoCdAppView(
            instance, S(metadata?["name"]) ?? "(unnamed)", S(metadata?["namespace"]) ?? "argocd", S(app["spec"]?["project"]),
            S(status?["sync"]?["status"]) ?? "Unknown", S(status?["health"]?["status"]) ?? "Unknown", S(status?["health"]?["message"]),
            S(status?["sync"]?["revision"]) ?? S(status?["sync"]?["revisions"]?[0]), S(source?["targetRevision"]), S(source?["repoURL"]),
            [.. Strings(status?["summary"]?["images"])], Operation(status?["operationState"]),
            tree is null ? ManagedResources(status) : TreeResources(tree),
            [.. History(app).Select(h => Deployment(h, commits))], ResourceTreeRead: tree is not null);
    }

    private static IEnumerable<JsonObject> History(JsonObject app) =>
        (app["status"]?["history"] as JsonArray ?? []).OfType<JsonObject>().Reverse().Take(HistoryShown);

    /// <summary>Nodes of the tree whose health is known and not Healthy: which resource is degraded, and ArgoCD's reason why.</summary>
    internal static IReadOnlyList<ArgoCdResourceView> TreeResources(JsonObject tree) =>
        [.. (tree["nodes"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(n => S(n["health"]?["status"]) is { } h && h != "Healthy")
            .Select(n => new ArgoCdResourceView(S(n["kind"]) ?? "?", S(n["namespace"]) ?? "", S(n["name"]) ?? "?",
                S(n["health"]?["status"])!, S(n["health"]?["message"])))];

    /// <summary>Without the tree: the Application's top-level resources that are not Healthy (no child pods, no messages beyond ArgoCD's).</summary>
    private static IReadOnlyList<ArgoCdResourceView> ManagedResources(JsonNode? status) =>
        [.. (status?["resources"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(r => S(r["health"]?["status"]) is { } h && h != "Healthy")
            .Select(r => new ArgoCdResourceView(S(r["kind"]) ?? "?", S(r["namespace"]) ?? "", S(r["name"]) ?? "?",
                S(r["health"]?["status"])!, S(r["health"]?["message"])))];

    private static ArgoCdOperationView? Operation(JsonNode? state)
    {
        if (state is not JsonObject o || S(o["phase"]) is not { } phase)
        {
            return null;
        }
        var failed = (o["syncResult"]?["resources"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(r => S(r["status"]) is "SyncFailed" or "PruneSkipped" || S(r["hookPhase"]) is "Failed" or "Error")
            .Select(r => new ArgoCdResourceView(S(r["kind"]) ?? "?", S(r["namespace"]) ?? "", S(r["name"]) ?? "?", S(r["status"]) ?? "SyncFailed",
                S(r["message"])));
        return new ArgoCdOperationView(phase, S(o["message"]), S(o["operation"]?["sync"]?["revision"]) ?? S(o["syncResult"]?["revision"]),
            S(o["operation"]?["initiatedBy"]?["username"])
                ?? (o["operation"]?["initiatedBy"]?["automated"] is JsonValue a && a.TryGetValue<bool>(out var auto) && auto ? "automated" : null),
            Time(o["startedAt"]), Time(o["finishedAt"]), [.. failed]);
    }

    private static ArgoCdDeploymentView Deployment(JsonObject h, IReadOnlyDictionary<string, JsonObject> commits)
    {
        var revision = S(h["revision"]) ?? S(h["revisions"]?[0]);
        var (deployed, started) = (Time(h["deployedAt"]), Time(h["deployStartedAt"]));
        var commit = revision is not null && commits.TryGetValue(revision, out var c) ? c : null;
        return new ArgoCdDeploymentView(
            h["id"] is JsonValue id && id.TryGetValue<long>(out var n) ? n : 0, revision, deployed, started,
            deployed is { } d && started is { } s && d >= s ? (d - s).TotalSeconds : null,
            S(commit?["author"]), S(commit?["message"]), S(h["initiatedBy"]?["username"]));
    }

    internal static string? S(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;

    private static IEnumerable<string> Strings(JsonNode? node) => (node as JsonArray ?? []).Select(S).OfType<string>();

    private static DateTimeOffset? Time(JsonNode? node) =>
        S(node) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
