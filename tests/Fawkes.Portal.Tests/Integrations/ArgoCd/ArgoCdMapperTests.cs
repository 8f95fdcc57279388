using System.Text.Json.Nodes;
using Fawkes.Portal.Integrations.ArgoCd;

namespace Fawkes.Portal.Tests.Integrations.ArgoCd;

public sealed class ArgoCdMapperTests
{
    private const string Rev1 = "1111111111111111111111111111111111111111";
    private const string Rev2 = "2222222222222222222222222222222222222222";

    private static JsonObject App(string sync = "Synced", string health = "Healthy", string? phase = "Succeeded") => JsonNode.Parse($$"""
        {
          "metadata": { "name": "shop", "namespace": "argocd" },
          "spec": { "project": "team", "source": { "repoURL": "https://git.example/shop.git", "targetRevision": "main" } },
          "status": {
            "sync": { "status": "{{sync}}", "revision": "{{Rev2}}" },
            "health": { "status": "{{health}}" },
            "summary": { "images": ["registry/shop:2", "registry/sidecar:1"] },
            "resources": [ { "kind": "Deployment", "namespace": "web", "name": "shop", "health": { "status": "{{health}}" } } ],
            "history": [
              { "id": 0, "revision": "{{Rev1}}", "deployStartedAt": "2026-01-01T10:00:00Z", "deployedAt": "2026-01-01T10:01:30Z" },
              { "id": 1, "revision": "{{Rev2}}", "deployedAt": "2026-01-02T10:00:00Z" }
            ],
            "operationState": {{(phase is null ? "null" : $$"""
              { "phase": "{{phase}}", "message": "it went {{phase}}", "startedAt": "2026-01-02T09:59:00Z",
                "operation": { "sync": { "revision": "{{Rev2}}" }, "initiatedBy": { "automated": true } },
                "syncResult": { "resources": [
                  { "kind": "Service", "name": "shop", "namespace": "web", "status": "Synced", "message": "unchanged" },
                  { "kind": "Deployment", "name": "shop", "namespace": "web", "status": "SyncFailed", "message": "image: Required value" } ] } }
              """)}}
          }
        }
        """)!.AsObject();

    [Fact]
    public void Map_reads_status_source_images_and_history_newest_first_with_durations_and_authors()
    {
        var commits = new Dictionary<string, JsonObject> { [Rev1] = new() { ["author"] = "Ana <ana@example.com>", ["message"] = "first" } };

        var view = ArgoCdMapper.Map("prod", App(), tree: null, commits);

        Assert.Equal(("prod", "shop", "argocd", "team"), (view.Instance, view.Name, view.Namespace, view.Project));
        Assert.Equal(("Synced", "Healthy", Rev2, "main"), (view.SyncStatus, view.Health, view.Revision, view.TargetRevision));
        Assert.Equal(["registry/shop:2", "registry/sidecar:1"], view.Images);
        Assert.Equal([1L, 0L], view.History.Select(h => h.Id));
        Assert.Null(view.History[0].DurationSeconds); // no deployStartedAt: no duration rather than a made-up one
        Assert.Equal(90, view.History[1].DurationSeconds);
        Assert.Equal(("Ana <ana@example.com>", "first"), (view.History[1].Author, view.History[1].CommitMessage));
        Assert.Null(view.History[0].Author);
        Assert.False(view.ResourceTreeRead);
    }

    [Fact]
    public void Map_keeps_only_unhealthy_tree_nodes_with_their_message()
    {
        var tree = JsonNode.Parse("""
            { "nodes": [
              { "kind": "Service", "namespace": "web", "name": "shop", "health": { "status": "Healthy" } },
              { "kind": "ConfigMap", "namespace": "web", "name": "cfg" },
              { "kind": "Pod", "namespace": "web", "name": "shop-1", "health": { "status": "Degraded", "message": "back-off restarting" } }
            ] }
            """)!.AsObject();

        var view = ArgoCdMapper.Map("prod", App(health: "Degraded"), tree, new Dictionary<string, JsonObject>());

        var pod = Assert.Single(view.Resources);
        Assert.Equal(("Pod", "web", "shop-1", "Degraded", "back-off restarting"), (pod.Kind, pod.Namespace, pod.Name, pod.Status, pod.Message));
        Assert.True(view.ResourceTreeRead);
    }

    [Fact]
    public void Map_without_a_tree_falls_back_to_the_applications_own_resource_list()
    {
        var view = ArgoCdMapper.Map("prod", App(health: "Degraded"), tree: null, new Dictionary<string, JsonObject>());

        Assert.Equal("Deployment", Assert.Single(view.Resources).Kind);
    }

    [Fact]
    public void Map_reads_the_operation_and_its_failed_resources()
    {
        var op = ArgoCdMapper.Map("prod", App(phase: "Failed"), null, new Dictionary<string, JsonObject>()).Operation!;

        Assert.Equal(("Failed", "it went Failed", Rev2, "automated"), (op.Phase, op.Message, op.Revision, op.InitiatedBy));
        var failed = Assert.Single(op.FailedResources);
        Assert.Equal(("Deployment", "image: Required value"), (failed.Kind, failed.Message));
    }

    [Fact]
    public void Map_tolerates_an_application_with_almost_nothing_in_it()
    {
        var view = ArgoCdMapper.Map("prod", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "bare" } }, null, new Dictionary<string, JsonObject>());

        Assert.Equal(("bare", "Unknown", "Unknown"), (view.Name, view.SyncStatus, view.Health));
        Assert.Empty(view.History);
        Assert.Null(view.Operation);
        Assert.Empty(ArgoCdProblems.Detect(view));
    }

    [Fact]
    public void HistoryRevisions_lists_each_revision_once_newest_first()
    {
        Assert.Equal([Rev2, Rev1], ArgoCdMapper.HistoryRevisions(App()));
    }

    internal static ArgoCdAppView View(string sync = "Synced", string health = "Healthy", string? phase = "Succeeded", JsonObject? tree = null) =>
        ArgoCdMapper.Map("prod", App(sync, health, phase), tree, new Dictionary<string, JsonObject>());
}
