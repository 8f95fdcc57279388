using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Simulators.Kubernetes;

namespace Fawkes.Portal.IntegrationTests.Live;

/// <summary>The real KubernetesClient, through the portal's API, against simulated API servers on loopback ports.</summary>
public sealed class KubernetesLiveTests(KubernetesFixture fixture) : IClassFixture<KubernetesFixture>, IAsyncLifetime
{
    public Task InitializeAsync()
    {
        fixture.Beta.Faults.RejectToken = false;
        fixture.Slow.Faults.Latency = TimeSpan.Zero;
        fixture.Failing.Faults.ServerError = false;
        fixture.Malformed.Faults.MalformedJson = false;
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => InitializeAsync();

    private async Task<JsonObject> GetAsync(string entity)
    {
        using var response = await fixture.Api.GetAsync($"/api/live/component/default/{entity}/kubernetes");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static JsonObject Cluster(JsonObject answer, string name) =>
        answer["clusters"]!.AsArray().OfType<JsonObject>().Single(c => c["name"]!.GetValue<string>() == name);

    private static List<JsonObject> Problems(JsonObject answer, string cluster = "alpha") =>
        [.. answer["problems"]!.AsArray().OfType<JsonObject>().Where(p => p["cluster"]!.GetValue<string>() == cluster)];

    private static string S(JsonNode? node) => node!.GetValue<string>();

    [Theory]
    [InlineData("k-crash", "Pod", "CrashLoopBackOff")]
    [InlineData("k-pull", "Pod", "ImagePullBackOff")]
    [InlineData("k-oom", "Pod", "OOMKilled")]
    [InlineData("k-pending", "Pod", "Unschedulable")]
    [InlineData("k-stuck", "Deployment", "ProgressDeadlineExceeded")]
    [InlineData("k-hpa", "HorizontalPodAutoscaler", "MaxReplicasReached")]
    [InlineData("k-job", "Job", "BackoffLimitExceeded")]
    [InlineData("k-live", "Pod", "Unhealthy")]
    public async Task Each_scenario_shows_its_problem_with_every_field_filled(string entity, string kind, string reason)
    {
        var answer = await GetAsync(entity);

        var problem = Problems(answer).First(p => S(p["reason"]) == reason);
        Assert.Equal(kind, S(problem["kind"]));
        foreach (var field in new[] { "cluster", "kind", "resource", "namespace", "severity", "reason", "message", "suggestion" })
        {
            Assert.False(string.IsNullOrWhiteSpace(S(problem[field])), $"{field} is empty");
        }
        Assert.StartsWith(entity, S(problem["resource"]), StringComparison.Ordinal);
        Assert.Equal("shop", S(problem["namespace"]));
    }

    [Fact]
    public async Task A_healthy_entity_beside_crashing_ones_shows_its_own_objects_and_no_problems()
    {
        var answer = await GetAsync("k-healthy");

        Assert.Empty(answer["problems"]!.AsArray());
        var alpha = Cluster(answer, "alpha");
        Assert.Equal("ok", S(alpha["status"]));
        Assert.Equal(2, alpha["pods"]!.AsArray().Count);
        Assert.All(alpha["pods"]!.AsArray(), p => Assert.StartsWith("k-healthy-", S(p!["name"]), StringComparison.Ordinal));
        Assert.Equal("k-healthy", S(alpha["deployments"]![0]!["name"]));
        Assert.Single(alpha["services"]!.AsArray());
        Assert.Single(alpha["ingresses"]!.AsArray());
        Assert.Empty(alpha["events"]!.AsArray()); // the Normal event is not listed, the neighbours' warnings are not its own
    }

    [Fact]
    public async Task The_label_selector_annotation_wins_and_reaches_the_API_server_as_written()
    {
        var answer = await GetAsync("k-selector");

        Assert.Equal("team in (orders,billing),tier=api", S(answer["labelSelector"]));
        Assert.Empty(answer["problems"]!.AsArray());
        Assert.All(Cluster(answer, "alpha")["pods"]!.AsArray(), p => Assert.StartsWith("k-sel-", S(p!["name"]), StringComparison.Ordinal));
        Assert.Contains(fixture.Alpha.RequestLog, r => r.StartsWith("/api/v1/pods?", StringComparison.Ordinal)
            && Uri.UnescapeDataString(r).Contains("labelSelector=team in (orders,billing),tier=api", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_namespace_annotation_restricts_every_query()
    {
        var answer = await GetAsync("k-twin");

        Assert.Empty(answer["problems"]!.AsArray()); // the crash-looping twin lives in namespace green
        Assert.All(Cluster(answer, "alpha")["pods"]!.AsArray(), p => Assert.Equal("blue", S(p!["namespace"])));
        Assert.Contains(fixture.Alpha.RequestLog, r => r.StartsWith("/api/v1/namespaces/blue/pods?", StringComparison.Ordinal));
        Assert.Contains(fixture.Alpha.RequestLog, r => r.StartsWith("/apis/autoscaling/v2/namespaces/blue/horizontalpodautoscalers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_closed_port_is_unreachable_and_the_other_clusters_answer()
    {
        var answer = await GetAsync("k-healthy");

        Assert.Contains(S(Cluster(answer, "closed")["status"]), new[] { "unreachable", "timeout" });
        Assert.False(string.IsNullOrWhiteSpace(S(Cluster(answer, "closed")["error"])));
        Assert.Equal("ok", S(Cluster(answer, "alpha")["status"]));
        Assert.Equal("ok", S(Cluster(answer, "beta")["status"])); // its token came from TokenFile
        Assert.Equal(2, Cluster(answer, "beta")["pods"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_refused_token_is_unauthorized_and_never_shown_or_logged()
    {
        fixture.Beta.Faults.RejectToken = true;

        var answer = await GetAsync("k-healthy");

        var beta = Cluster(answer, "beta");
        Assert.Equal("unauthorized", S(beta["status"]));
        Assert.Equal("ok", S(Cluster(answer, "alpha")["status"]));
        Assert.DoesNotContain(KubernetesFixture.BetaToken, answer.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Host.Logs.Entries, e => e.Message.Contains(KubernetesFixture.BetaToken, StringComparison.Ordinal)
            || e.Message.Contains(KubernetesFixture.AlphaToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_slow_cluster_times_out_within_six_seconds_with_the_others_data_present()
    {
        fixture.Slow.Faults.Latency = TimeSpan.FromSeconds(20);
        var clock = Stopwatch.StartNew();

        var answer = await GetAsync("k-healthy");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"took {clock.Elapsed}");
        var slow = Cluster(answer, "slow");
        Assert.True(S(slow["status"]) == "timeout", $"{slow["status"]}: {slow["error"]}");
        Assert.Equal(2, Cluster(answer, "alpha")["pods"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("500")]
    [InlineData("malformed")]
    public async Task A_failing_API_server_is_unreachable_with_the_reason(string fault)
    {
        fixture.Failing.Faults.ServerError = fault == "500";
        fixture.Malformed.Faults.MalformedJson = fault == "malformed";

        var beta = Cluster(await GetAsync("k-healthy"), fault == "500" ? "failing" : "malformed");

        Assert.Equal("unreachable", S(beta["status"]));
        Assert.Contains(fault == "500" ? "500" : "malformed JSON", S(beta["error"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entity_without_annotations_asks_no_cluster_and_says_why()
    {
        var answer = await GetAsync("k-none");

        Assert.Empty(answer["clusters"]!.AsArray());
        Assert.Contains("backstage.io/kubernetes-id", S(answer["message"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_entities_are_404_and_anonymous_callers_401()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Api.GetAsync("/api/live/component/default/nope/kubernetes")).StatusCode);
        using var anonymous = fixture.Host.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/live/component/default/k-crash/kubernetes")).StatusCode);
    }

    [Fact]
    public async Task Admin_integrations_lists_each_cluster_with_its_status_and_latency()
    {
        var items = (await fixture.Api.GetFromJsonAsync<JsonObject>("/api/admin/integrations"))!["items"]!.AsArray().OfType<JsonObject>().ToList();

        var alpha = items.Single(i => S(i["name"]) == "alpha");
        Assert.Equal(("kubernetes", "ok"), (S(alpha["kind"]), S(alpha["status"])));
        Assert.NotNull(alpha["latencyMs"]);
        Assert.Contains(S(items.Single(i => S(i["name"]) == "closed")["status"]), new[] { "unreachable", "timeout" });
    }
}
