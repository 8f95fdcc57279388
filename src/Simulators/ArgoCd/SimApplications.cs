using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Simulators.ArgoCd;

/// <summary>
/// Applications, resource trees and commit metadata as ArgoCD's API v1 sends them (field names and nesting of
/// <c>v1alpha1Application</c>, <c>v1alpha1ApplicationTree</c>, <c>v1alpha1RevisionMetadata</c>), for each scenario.
/// </summary>
internal static class SimApplications
{
    private const string Repo = "https://github.com/fawkes/deployments.git";
    private static readonly string[] Authors = ["Priya Raman <priya.raman@fawkes.example>", "Jonas Weber <jonas.weber@fawkes.example>", "Mei Chen <mei.chen@fawkes.example>"];

    /// <summary>A 40-hex commit id, stable for a name and index.</summary>
    public static string Revision(string app, int index) =>
        Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes($"{app}#{index}")));

    /// <summary>Commits 0..2 are deployed (history), 3 is Git's newest (what OutOfSync and FailedSync apps are behind).</summary>
    public static JsonObject Metadata(string app, string revision, DateTimeOffset now)
    {
        var index = Enumerable.Range(0, 4).FirstOrDefault(i => Revision(app, i) == revision, -1);
        return index < 0 ? [] : new JsonObject
        {
            ["author"] = Authors[index % Authors.Length], ["date"] = Stamp(now.AddDays(index - 4)),
            ["message"] = index switch { 0 => "Initial deployment", 1 => "Raise memory limit", 2 => "Bump image to 1.4.2", _ => "Bump image to 1.5.0" },
        };
    }

    public static bool IsKnownRevision(string app, string revision) => Enumerable.Range(0, 4).Any(i => Revision(app, i) == revision);

    /// <param name="headDeployedAt">When a sync deployed Git's newest commit (3): it is then the synced revision and the newest
    /// history entry; null while commits 0..2 are all that was deployed.</param>
    public static JsonObject Application(SimulatedApp app, DateTimeOffset now, DateTimeOffset? headDeployedAt = null)
    {
        var (deployed, head) = (Revision(app.Name, headDeployedAt is null ? 2 : 3), Revision(app.Name, 3));
        var outOfSync = app.Scenario is ArgoCdScenario.OutOfSync or ArgoCdScenario.FailedSync;
        var labels = new JsonObject { ["app.kubernetes.io/name"] = app.Name };
        foreach (var (k, v) in app.Labels ?? new Dictionary<string, string>())
        {
            labels[k] = v;
        }
        var history = new JsonArray();
        for (var i = 0; i < (headDeployedAt is null ? 3 : 4); i++)
        {
            var at = i == 3 ? headDeployedAt!.Value : now.AddDays(i - 3);
            history.Add(new JsonObject
            {
                ["revision"] = Revision(app.Name, i), ["deployedAt"] = Stamp(at), ["id"] = i, ["source"] = Source(app),
                ["deployStartedAt"] = Stamp(at.AddSeconds(-(20 + (i * 17)))), ["initiatedBy"] = new JsonObject { ["username"] = "admin" },
            });
        }
        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = app.Name, ["namespace"] = "argocd", ["uid"] = Guid.NewGuid().ToString(), ["resourceVersion"] = "2540554",
                ["generation"] = 12, ["creationTimestamp"] = Stamp(now.AddDays(-30)), ["labels"] = labels,
            },
            ["spec"] = new JsonObject
            {
                ["source"] = Source(app), ["project"] = "default",
                ["destination"] = new JsonObject { ["server"] = "https://kubernetes.default.svc", ["namespace"] = app.Destination },
                ["syncPolicy"] = new JsonObject { ["syncOptions"] = new JsonArray("CreateNamespace=true") },
            },
            ["status"] = new JsonObject
            {
                ["resources"] = new JsonArray(
                    Resource(app, "", "Service", "Synced", "Healthy"),
                    Resource(app, "apps", "Deployment", outOfSync ? "OutOfSync" : "Synced", app.Scenario == ArgoCdScenario.Degraded ? "Degraded" : "Healthy")),
                ["sync"] = new JsonObject
                {
                    ["status"] = outOfSync ? "OutOfSync" : "Synced", ["revision"] = deployed,
                    ["comparedTo"] = new JsonObject { ["source"] = Source(app),
                        ["destination"] = new JsonObject { ["server"] = "https://kubernetes.default.svc", ["namespace"] = app.Destination } },
                },
                ["health"] = app.Scenario == ArgoCdScenario.Degraded
                    ? new JsonObject { ["status"] = "Degraded", ["lastTransitionTime"] = Stamp(now.AddMinutes(-12)) }
                    : new JsonObject { ["status"] = "Healthy", ["lastTransitionTime"] = Stamp(now.AddDays(-1)) },
                ["history"] = history,
                ["reconciledAt"] = Stamp(now.AddMinutes(-1)),
                ["operationState"] = app.Scenario == ArgoCdScenario.FailedSync ? FailedOperation(app, head, now)
                    : SucceededOperation(app, deployed, headDeployedAt ?? now.AddDays(-1)),
                ["sourceType"] = "Kustomize",
                ["summary"] = new JsonObject { ["images"] = new JsonArray($"ghcr.io/fawkes/{app.Name}:1.4.2") },
            },
        };
    }

    private static JsonObject Source(SimulatedApp app) =>
        new() { ["repoURL"] = Repo, ["path"] = $"apps/{app.Name}", ["targetRevision"] = "HEAD" };

    private static JsonObject Resource(SimulatedApp app, string group, string kind, string sync, string health)
    {
        var r = new JsonObject { ["version"] = "v1", ["kind"] = kind, ["namespace"] = app.Destination, ["name"] = app.Name, ["status"] = sync,
            ["health"] = new JsonObject { ["status"] = health } };
        if (group.Length > 0)
        {
            r["group"] = group;
        }
        return r;
    }

    private static JsonObject SucceededOperation(SimulatedApp app, string revision, DateTimeOffset finishedAt) => new()
    {
        ["operation"] = new JsonObject
        {
            ["sync"] = new JsonObject { ["revision"] = revision, ["syncStrategy"] = new JsonObject { ["hook"] = new JsonObject() } },
            ["initiatedBy"] = new JsonObject { ["username"] = "admin" }, ["retry"] = new JsonObject(),
        },
        ["phase"] = "Succeeded", ["message"] = "successfully synced (all tasks run)",
        ["syncResult"] = new JsonObject
        {
            ["resources"] = new JsonArray(
                SyncResult(app, "", "Service", "Synced", $"service/{app.Name} unchanged"),
                SyncResult(app, "apps", "Deployment", "Synced", $"deployment.apps/{app.Name} configured")),
            ["revision"] = revision, ["source"] = Source(app),
        },
        ["startedAt"] = Stamp(finishedAt.AddSeconds(-54)), ["finishedAt"] = Stamp(finishedAt),
    };

    /// <summary>A sync the portal started that is still applying (ArgoCD's <c>Running</c> phase).</summary>
    public static JsonObject RunningOperation(SimulatedApp app, DateTimeOffset startedAt) => new()
    {
        ["operation"] = new JsonObject
        {
            ["sync"] = new JsonObject { ["revision"] = Revision(app.Name, 3) }, ["initiatedBy"] = new JsonObject { ["username"] = "portal" },
        },
        ["phase"] = "Running", ["message"] = "one or more tasks are running", ["startedAt"] = Stamp(startedAt),
    };

    private static JsonObject FailedOperation(SimulatedApp app, string revision, DateTimeOffset now) => new()
    {
        ["operation"] = new JsonObject
        {
            ["sync"] = new JsonObject { ["revision"] = revision, ["syncStrategy"] = new JsonObject { ["hook"] = new JsonObject() } },
            ["initiatedBy"] = new JsonObject { ["automated"] = true }, ["retry"] = new JsonObject { ["limit"] = 5 },
        },
        ["phase"] = "Failed", ["retryCount"] = 5,
        ["message"] = "one or more objects failed to apply, reason: Deployment.apps \"" + app.Name
            + "\" is invalid: spec.template.spec.containers[0].image: Required value (retried 5 times).",
        ["syncResult"] = new JsonObject
        {
            ["resources"] = new JsonArray(
                SyncResult(app, "", "Service", "Synced", $"service/{app.Name} unchanged"),
                SyncResult(app, "apps", "Deployment", "SyncFailed",
                    $"Deployment.apps \"{app.Name}\" is invalid: spec.template.spec.containers[0].image: Required value")),
            ["revision"] = revision, ["source"] = Source(app),
        },
        ["startedAt"] = Stamp(now.AddMinutes(-9)), ["finishedAt"] = Stamp(now.AddMinutes(-8)),
    };

    private static JsonObject SyncResult(SimulatedApp app, string group, string kind, string status, string message) => new()
    {
        ["group"] = group, ["version"] = "v1", ["kind"] = kind, ["namespace"] = app.Destination, ["name"] = app.Name,
        ["status"] = status, ["message"] = message, ["hookPhase"] = status == "SyncFailed" ? "Failed" : "Running", ["syncPhase"] = "Sync",
    };

    /// <summary>The resource tree: Service, Deployment → ReplicaSet → Pods, each with ArgoCD's health (and its message when not Healthy).</summary>
    public static JsonObject Tree(SimulatedApp app, DateTimeOffset now)
    {
        var degraded = app.Scenario == ArgoCdScenario.Degraded;
        var rs = $"{app.Name}-7c9f8d6b5";
        var deployment = Ref("apps", "Deployment", app.Destination, app.Name);
        var replicaSet = Ref("apps", "ReplicaSet", app.Destination, rs);
        var nodes = new JsonArray(
            Node(app, Ref("", "Service", app.Destination, app.Name), null, "Healthy", null, now),
            Node(app, deployment, null, degraded ? "Degraded" : "Healthy",
                degraded ? $"Deployment \"{app.Name}\" exceeded its progress deadline" : null, now),
            // As ArgoCD's ReplicaSet health check: pods that never become available leave it Progressing, not Degraded.
            Node(app, replicaSet, deployment, degraded ? "Progressing" : "Healthy",
                degraded ? "Waiting for rollout to finish: 0 of 1 updated replicas are available..." : null, now),
            Node(app, Ref("", "Pod", app.Destination, rs + "-x2k9p"), replicaSet, degraded ? "Degraded" : "Healthy",
                degraded ? $"back-off 5m0s restarting failed container=app pod={rs}-x2k9p_{app.Destination}" : null, now));
        return new JsonObject { ["nodes"] = nodes, ["hosts"] = new JsonArray() };
    }

    private static JsonObject Ref(string group, string kind, string ns, string name) =>
        new() { ["group"] = group, ["version"] = "v1", ["kind"] = kind, ["namespace"] = ns, ["name"] = name, ["uid"] = Guid.NewGuid().ToString() };

    private static JsonObject Node(SimulatedApp app, JsonObject self, JsonObject? parent, string health, string? message, DateTimeOffset now)
    {
        var node = (JsonObject)self.DeepClone();
        node["resourceVersion"] = "2540001";
        node["createdAt"] = Stamp(now.AddDays(-1));
        var h = new JsonObject { ["status"] = health };
        if (message is not null)
        {
            h["message"] = message;
        }
        node["health"] = h;
        if (parent is not null)
        {
            node["parentRefs"] = new JsonArray(parent.DeepClone());
        }
        if (self["kind"]!.GetValue<string>() is "Pod" or "Deployment" or "ReplicaSet")
        {
            node["images"] = new JsonArray($"ghcr.io/fawkes/{app.Name}:1.4.2");
        }
        return node;
    }

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
