using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Integrations.GitHub;
using Fawkes.Portal.Simulators.GitHub;
using Fawkes.Portal.Testing;
using static Fawkes.Portal.IntegrationTests.Templates.TaskApi;

namespace Fawkes.Portal.IntegrationTests.Templates.Actions;

/// <summary>
/// Every scaffolder action in a real task (task API → worker → workflow runner, on PostgreSQL) against the GitHub and
/// ArgoCD simulators: what GitHub received (repository, files, branch, pull request, webhook), the ArgoCD Application,
/// the catalog entity, and a GitHub failure in the middle of a run.
/// </summary>
public sealed class TaskActionTests(ActionsFixture fixture) : IClassFixture<ActionsFixture>
{
    [Fact]
    public async Task Every_action_runs_and_GitHub_ArgoCD_and_the_catalog_hold_the_new_service()
    {
        var id = await CreateAsync(fixture.Lucas, "every-action", new JsonObject { ["name"] = "orders-api" });

        var task = await WaitForStatusAsync(fixture.Lucas, id, "completed", "failed");

        var events = await EventsAsync(fixture.Lucas, id);
        Assert.True(task["status"]!.GetValue<string>() == "completed", Messages(events));
        string[] steps = ["fetch", "extras", "license", "rename", "delete", "write", "log", "wait", "notify", "publish", "hook", "register", "lookup", "deploy"];
        Assert.Equal(steps.Select(s => $"{s}:completed"), Statuses(events).Where(s => s.EndsWith(":completed", StringComparison.Ordinal)));
        var log = Messages(events);
        Assert.Contains("workspace ready for orders-api", log, StringComparison.Ordinal);
        Assert.Contains("Notification to everyone: orders-api is on its way (https://portal.example/x)", log, StringComparison.Ordinal);

        // GitHub: the repository with its settings, one commit of the workspace the file actions built, and the webhook.
        var repo = fixture.GitHub.Repository(ActionsFixture.Org, "orders-api")!;
        Assert.NotNull(repo);
        Assert.Equal(("Made by every-action", "public", "main"), (repo.Description, repo.Visibility, repo.DefaultBranch));
        Assert.Equal(["fawkes", "golden-path"], repo.Topics);
        var (commit, files) = Head(repo, "main");
        Assert.Equal("first commit", commit.Message);
        Assert.Empty(commit.Parents);
        Assert.Equal(["LICENSE.txt", "README.md", "catalog-info.yaml", "deploy/k8s/deployment.yaml", "docs/index.md", "extras/keep.txt"], files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("# orders-api\n\nOwned by checkout-team.\n", files["README.md"]);
        Assert.Equal("copied as is: ${{ values.name }}\n", files["extras/keep.txt"]);
        Assert.Equal("MIT, copied by fetch:plain:file\n", files["LICENSE.txt"]);
        Assert.Equal("moved by fs:rename\n", files["docs/index.md"]);
        Assert.Contains("backstage.io/source-template: template:default/every-action", files["catalog-info.yaml"], StringComparison.Ordinal);
        var hook = Assert.Single(repo.Hooks);
        Assert.Equal(("https://ci.example/github-webhook/", "json", "hook-signing-key", true), (hook.Url, hook.ContentType, hook.Secret, hook.Active));
        Assert.Equal(["push", "pull_request"], hook.Events);

        // Catalog: registered, fetched back by catalog:fetch, in the output.
        var output = Output(events);
        Assert.Equal("component:default/orders-api", output["entityRef"]!.GetValue<string>());
        Assert.Equal("group:default/checkout-team", output["fetchedOwner"]!.GetValue<string>());
        Assert.Equal(commit.Sha, output["commit"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await fixture.Lucas.GetAsync("/api/catalog/entities/by-name/component/default/orders-api")).StatusCode);

        // ArgoCD: the Application follows the new repository's manifests into the namespace asked for.
        var app = fixture.ArgoCd.CreatedApplications["orders-api"];
        var remoteUrl = output["links"]![0]!["url"]!.GetValue<string>();
        Assert.EndsWith("acme/orders-api.git", remoteUrl, StringComparison.Ordinal);
        Assert.Equal((remoteUrl, "deploy/k8s", "HEAD"), (Text(app, "spec.source.repoURL"), Text(app, "spec.source.path"), Text(app, "spec.source.targetRevision")));
        Assert.Equal(("https://kubernetes.default.svc", "shop"), (Text(app, "spec.destination.server"), Text(app, "spec.destination.namespace")));
        Assert.Equal("orders-api", Text(app, "metadata.labels.backstage.io/kubernetes-id"));
        Assert.EndsWith("/applications/orders-api", output["links"]![1]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repo_create_then_push_makes_a_private_repository_on_its_branch_with_only_the_source_path()
    {
        var id = await CreateAsync(fixture.Lucas, "create-then-push", new JsonObject { ["name"] = "infra-only" });

        var task = await WaitForStatusAsync(fixture.Lucas, id, "completed", "failed");

        Assert.True(task["status"]!.GetValue<string>() == "completed", Messages(await EventsAsync(fixture.Lucas, id)));
        var repo = fixture.GitHub.Repository(ActionsFixture.Org, "infra-only");
        Assert.NotNull(repo);
        Assert.Equal(("private", "trunk"), (repo.Visibility, repo.DefaultBranch));
        Assert.Null(repo.Head("main"));
        var (_, files) = Head(repo, "trunk");
        Assert.Equal(["k8s/deployment.yaml"], files.Keys);
        Assert.Equal("kind: Deployment\nmetadata: { name: infra-only }\n", files["k8s/deployment.yaml"]);
        Assert.EndsWith("acme/infra-only/blob/trunk", Output(await EventsAsync(fixture.Lucas, id))["contents"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pull_request_is_opened_from_a_new_branch_with_the_workspace_under_the_target_path()
    {
        fixture.GitHub.AddRepository(ActionsFixture.Org, "shop-config", new Dictionary<string, string> { ["README.md"] = "config\n" });
        var id = await CreateAsync(fixture.Lucas, "pull-request", new JsonObject { ["name"] = "shop-config" });

        var task = await WaitForStatusAsync(fixture.Lucas, id, "completed", "failed");

        Assert.True(task["status"]!.GetValue<string>() == "completed", Messages(await EventsAsync(fixture.Lucas, id)));
        var repo = fixture.GitHub.Repository(ActionsFixture.Org, "shop-config")!;
        var pull = Assert.Single(repo.Pulls);
        Assert.Equal(("Add the extras", "Opened by the scaffolder", "add-extras", "main", false), (pull.Title, pull.Body, pull.Head, pull.Base, pull.Draft));
        var (commit, files) = Head(repo, "add-extras");
        Assert.Equal("add extras", commit.Message);
        Assert.Equal([repo.Head("main")!], commit.Parents);
        Assert.Equal(["README.md", "config/keep.txt", "config/old-name.md", "config/scratch.tmp"], files.Keys.Order(StringComparer.Ordinal));
        var output = Output(await EventsAsync(fixture.Lucas, id));
        Assert.Equal(pull.Number, output["number"]!.GetValue<int>());
        Assert.EndsWith($"acme/shop-config/pull/{pull.Number}", output["pr"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, "answered 500")]
    [InlineData(401, "refused the token")]
    public async Task GitHub_failing_during_the_push_fails_the_step_with_what_was_created_skips_the_rest_and_logs_no_secret(int status, string said)
    {
        var name = $"half-made-{status}";
        var deployKey = TestSecret.New("deploykey");
        // The repository is created; then every Git Data API write of the push fails.
        fixture.GitHub.Faults.FailAfter(0, $"POST /api/v3/repos/{ActionsFixture.Org}/{name}/git/", status);
        try
        {
            using var response = await fixture.Lucas.PostAsJsonAsync($"{Base}/tasks", new JsonObject
            {
                ["templateRef"] = "push-then-more", ["values"] = new JsonObject { ["name"] = name },
                ["secrets"] = new JsonObject { ["deployKey"] = deployKey },
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

            var task = await WaitForStatusAsync(fixture.Lucas, id, "completed", "failed");

            Assert.Equal("failed", task["status"]!.GetValue<string>());
            var events = await EventsAsync(fixture.Lucas, id);
            Assert.Equal(["fetch:completed", "say:completed", "publish:failed", "register:skipped", "after:skipped"],
                Statuses(events).Where(s => !s.EndsWith(":processing", StringComparison.Ordinal)));
            var failed = events.Single(e => e!["body"]?["status"]?.GetValue<string>() == "failed" && e["body"]!["stepId"]?.GetValue<string>() == "publish")!;
            var message = failed["body"]!["message"]!.GetValue<string>();
            Assert.Contains($"acme/{name}", message, StringComparison.Ordinal);
            Assert.Contains(said, message, StringComparison.Ordinal);
            Assert.Contains("Already done on GitHub: repository", message, StringComparison.Ordinal); // Created before the push failed.
            var completion = events.Last()!;
            Assert.Equal("Run completed with status: failed", completion["body"]!["message"]!.GetValue<string>());
            Assert.Contains(said, completion["body"]!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
            // Left on GitHub: the repository with the publisher's bootstrap commit only, none of the workspace.
            var (_, files) = Head(fixture.GitHub.Repository(ActionsFixture.Org, name)!, "main");
            Assert.Equal([GitHubPublisher.BootstrapPath], files.Keys);
            var everything = events.ToJsonString() + (await GetAsync(fixture.Lucas, id)).ToJsonString();
            Assert.Contains("using ***", everything, StringComparison.Ordinal);
            Assert.DoesNotContain(deployKey, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(ActionsFixture.GitHubToken, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(deployKey, string.Join("\n", fixture.Host.Logs.Entries.Select(e => e.Message)), StringComparison.Ordinal);
        }
        finally
        {
            fixture.GitHub.Faults.Reset();
        }
    }

    private static (SimCommit Commit, Dictionary<string, string> Files) Head(SimRepo repo, string branch)
    {
        var sha = repo.Head(branch) ?? throw new Xunit.Sdk.XunitException($"{repo.FullName} has no branch {branch}");
        var commit = repo.Objects.Find<SimCommit>(sha)!;
        var files = repo.Objects.Flatten(commit.Tree).ToDictionary(f => f.Key, f => Encoding.UTF8.GetString(repo.Objects.Find<SimBlob>(f.Value.Sha)!.Content));
        return (commit, files);
    }

    /// <summary>The rendered <c>output</c> section, as Backstage sends it: on the completion event.</summary>
    private static JsonNode Output(JsonArray events) => events.Last(e => e!["type"]!.GetValue<string>() == "completion")!["body"]!["output"]!;

    private static IEnumerable<string> Statuses(JsonArray events) => events.Select(e => e!["body"]!)
        .Where(b => b["status"] is not null && b["stepId"] is not null).Select(b => $"{b["stepId"]}:{b["status"]}");

    private static string Messages(JsonArray events) =>
        string.Join("\n", events.Select(e => e!["body"]?["message"]?.GetValue<string>()).Where(m => m is not null));

    private static string? Text(JsonObject node, string path)
    {
        // Label keys hold dots and slashes: walk known containers, then take the rest as one key.
        JsonNode? current = node;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            if (current is JsonObject obj && obj.ContainsKey(parts[i]))
            {
                current = obj[parts[i]];
                continue;
            }
            return (current as JsonObject)?[string.Join('.', parts[i..])]?.GetValue<string>();
        }
        return current?.GetValue<string>();
    }
}
