using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.IntegrationTests.Live;

/// <summary>The real ArgoCD client, through the portal's API, against simulated ArgoCD servers on loopback ports.</summary>
public sealed class ArgoCdLiveTests(ArgoCdFixture fixture) : IClassFixture<ArgoCdFixture>
{
    private async Task<JsonObject> GetAsync(string entity)
    {
        using var response = await fixture.Api.GetAsync($"/api/live/component/default/{entity}/argocd");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static JsonObject Instance(JsonObject answer, string name) =>
        answer["instances"]!.AsArray().OfType<JsonObject>().Single(c => S(c["name"]) == name);

    private static JsonObject App(JsonObject answer, string name) =>
        answer["applications"]!.AsArray().OfType<JsonObject>().Single(a => S(a["name"]) == name);

    private static List<JsonObject> Problems(JsonObject answer) => [.. answer["problems"]!.AsArray().OfType<JsonObject>()];

    private static string S(JsonNode? node) => node!.GetValue<string>();

    [Fact]
    public async Task A_healthy_synced_app_shows_status_images_history_with_authors_and_no_problems()
    {
        var answer = await GetAsync("a-healthy");

        Assert.Empty(Problems(answer));
        Assert.Equal("ok", S(Instance(answer, "alpha")["status"]));
        var app = App(answer, "a-healthy");
        Assert.Equal(("Synced", "Healthy", "Succeeded"), (S(app["syncStatus"]), S(app["health"]), S(app["operation"]!["phase"])));
        Assert.Matches("^[0-9a-f]{40}$", S(app["revision"]));
        Assert.Equal("ghcr.io/fawkes/a-healthy:1.4.2", S(app["images"]![0]));
        var history = app["history"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.Equal(3, history.Count);
        Assert.Equal(2, history[0]["id"]!.GetValue<long>()); // newest first
        Assert.All(history, h => Assert.Contains("@fawkes.example", S(h["author"]), StringComparison.Ordinal));
        Assert.Equal(54, history[0]["durationSeconds"]!.GetValue<double>());
        Assert.Empty(app["resources"]!.AsArray());
        Assert.Contains(fixture.Alpha.RequestLog, r => r == "GET /api/v1/applications/a-healthy/resource-tree?appNamespace=argocd");
    }

    [Theory]
    [InlineData("a-outofsync", "Application", "a-outofsync", "OutOfSync", "warning")]
    [InlineData("a-degraded", "Deployment", "a-degraded", "Degraded", "error")]
    [InlineData("a-degraded", "Pod", "a-degraded-7c9f8d6b5-x2k9p", "Degraded", "error")]
    [InlineData("a-failed", "Application", "a-failed", "SyncFailed", "error")]
    [InlineData("a-failed", "Application", "a-failed", "OutOfSync", "warning")]
    public async Task Each_scenario_shows_its_problem_with_every_field_filled(string entity, string kind, string resource, string reason, string severity)
    {
        var problem = Problems(await GetAsync(entity)).Single(p => S(p["reason"]) == reason && S(p["kind"]) == kind);

        Assert.Equal((resource, severity, "alpha"), (S(problem["resource"]), S(problem["severity"]), S(problem["instance"])));
        foreach (var field in new[] { "instance", "kind", "resource", "namespace", "severity", "reason", "message", "suggestion" })
        {
            Assert.False(string.IsNullOrWhiteSpace(S(problem[field])), $"{field} is empty");
        }
    }

    [Fact]
    public async Task A_degraded_app_says_which_resource_is_degraded_and_why()
    {
        var app = App(await GetAsync("a-degraded"), "a-degraded");

        var deployment = app["resources"]!.AsArray().OfType<JsonObject>().Single(r => S(r["kind"]) == "Deployment");
        Assert.Equal("Degraded", S(deployment["status"]));
        Assert.Contains("exceeded its progress deadline", S(deployment["message"]), StringComparison.Ordinal);
        Assert.Contains(app["resources"]!.AsArray(), r => S(r!["kind"]) == "Pod" && S(r["message"]).Contains("back-off", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_sync_carries_the_operation_message_and_the_failed_resource()
    {
        var answer = await GetAsync("a-failed");

        var op = App(answer, "a-failed")["operation"]!;
        Assert.Equal(("Failed", "automated"), (S(op["phase"]), S(op["initiatedBy"])));
        Assert.Equal("Deployment", S(op["failedResources"]![0]!["kind"]));
        var problem = Problems(answer).Single(p => S(p["reason"]) == "SyncFailed");
        Assert.Contains("spec.template.spec.containers[0].image: Required value", S(problem["message"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_selector_reaches_ArgoCD_as_written_and_lists_every_matching_app()
    {
        var answer = await GetAsync("a-selector");

        Assert.Equal(["orders-api", "orders-db"], answer["applications"]!.AsArray().Select(a => S(a!["name"])).Order(StringComparer.Ordinal));
        Assert.Single(Problems(answer), p => S(p["resource"]) == "orders-db" && S(p["kind"]) == "Deployment");
        Assert.Contains(fixture.Alpha.RequestLog, r => r.StartsWith("GET /api/v1/applications?selector=team%3Dorders", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_username_and_password_are_exchanged_for_a_session_renewed_once_after_a_401()
    {
        var first = await GetAsync("a-session");
        var logins = fixture.Session.Logins;
        fixture.Session.ExpireSessions();

        var second = await GetAsync("a-session");

        Assert.Equal(("ok", "ok"), (S(Instance(first, "session")["status"]), S(Instance(second, "session")["status"])));
        Assert.Equal(logins + 1, fixture.Session.Logins);
        Assert.Equal("Synced", S(App(second, "a-healthy")["syncStatus"]));
    }

    [Fact]
    public async Task Every_fault_marks_only_its_own_instance_and_the_answer_comes_within_six_seconds()
    {
        var clock = Stopwatch.StartNew();

        var answer = await GetAsync("a-all");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"took {clock.Elapsed}");
        string Status(string name) => $"{S(Instance(answer, name)["status"])}: {Instance(answer, name)["error"]}";
        Assert.StartsWith("ok", Status("alpha"), StringComparison.Ordinal);
        Assert.StartsWith("ok", Status("session"), StringComparison.Ordinal);
        Assert.Equal(2, answer["applications"]!.AsArray().Count);
        Assert.Matches("^(unreachable|timeout): .*refused", Status("closed"));
        Assert.Matches("^unreachable: .*(500|circuit open)", Status("failing"));
        Assert.Matches("^unreachable: .*malformed JSON", Status("malformed"));
        Assert.StartsWith("timeout", Status("slow"), StringComparison.Ordinal);
        Assert.Matches("^unauthorized: .*401", Status("badtoken"));
        Assert.Matches("^unauthorized: .*Username and Password", Status("badlogin"));
        var text = answer.ToJsonString();
        foreach (var secret in new[] { ArgoCdFixture.AlphaToken, ArgoCdFixture.SessionPassword, "wrong-token", "wrong-password" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(fixture.Host.Logs.Entries, e => e.Message.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_missing_app_is_notFound_and_an_entity_without_annotations_asks_nothing()
    {
        var missing = Instance(await GetAsync("a-missing"), "alpha");
        var none = await GetAsync("a-none");

        Assert.Equal("notFound", S(missing["status"]));
        Assert.Contains("\"nope\" not found", S(missing["error"]), StringComparison.Ordinal);
        Assert.Empty(none["instances"]!.AsArray());
        Assert.Contains("argocd/app-name", S(none["message"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_integrations_lists_each_ArgoCD_instance_with_its_status()
    {
        var items = (await fixture.Api.GetFromJsonAsync<JsonObject>("/api/admin/integrations"))!["items"]!.AsArray().OfType<JsonObject>()
            .Where(i => S(i["kind"]) == "argocd").ToDictionary(i => S(i["name"]), i => S(i["status"]));

        Assert.Equal(("ok", "ok", "unauthorized", "unauthorized"), (items["alpha"], items["session"], items["badtoken"], items["badlogin"]));
        Assert.Contains(items["closed"], new[] { "unreachable", "timeout" });
    }
}
