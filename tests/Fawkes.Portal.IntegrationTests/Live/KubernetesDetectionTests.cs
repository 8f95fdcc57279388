using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.IntegrationTests.Live;

/// <summary>
/// What Backstage's detectErrors reports, through the real client and the portal's API (compat/kubernetes compares the
/// two in full), and list paging against a namespace larger than one page.
/// </summary>
public sealed class KubernetesDetectionTests(KubernetesFixture fixture) : IClassFixture<KubernetesFixture>
{
    private async Task<JsonObject> GetAsync(string entity)
    {
        using var response = await fixture.Api.GetAsync($"/api/live/component/default/{entity}/kubernetes");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static List<(string Kind, string Resource, string Reason, string Severity)> Problems(JsonObject answer) =>
        [.. answer["problems"]!.AsArray().OfType<JsonObject>().Where(p => S(p["cluster"]) == "alpha")
            .Select(p => (S(p["kind"]), S(p["resource"]), S(p["reason"]), S(p["severity"])))];

    private static string S(JsonNode? node) => node!.GetValue<string>();

    [Fact]
    public async Task A_deployment_without_minimum_availability_is_reported_with_the_conditions_reason()
    {
        var problems = Problems(await GetAsync("k-crash"));

        Assert.Contains(("Deployment", "k-crash", "MinimumReplicasUnavailable", "warning"), problems);
        // The crash loop says why the pods restart: no separate restart line for them.
        Assert.DoesNotContain(problems, p => p.Reason == "ContainerRestarting");
        Assert.Equal(2, problems.Count(p => p is { Kind: "Pod", Reason: "CrashLoopBackOff" }));
    }

    [Fact]
    public async Task A_liveness_restart_is_reported_by_its_cause_not_twice()
    {
        var problems = Problems(await GetAsync("k-live"));

        var pod = Assert.Single(problems);
        Assert.Equal(("Pod", "Unhealthy"), (pod.Kind, pod.Reason));
    }

    [Fact]
    public async Task An_OOM_killed_container_is_reported_as_OOMKilled_on_its_pod()
    {
        var problem = Assert.Single(Problems(await GetAsync("k-oom")));

        Assert.Equal(("Pod", "OOMKilled"), (problem.Kind, problem.Reason));
    }

    [Fact]
    public async Task Lists_larger_than_one_page_are_read_to_the_end()
    {
        var answer = await GetAsync("k-big");

        var alpha = answer["clusters"]!.AsArray().OfType<JsonObject>().Single(c => S(c["name"]) == "alpha");
        Assert.Equal("ok", S(alpha["status"]));
        Assert.Equal(KubernetesFixture.BigReplicas, alpha["pods"]!.AsArray().Count);
        Assert.Equal(KubernetesFixture.BigReplicas, alpha["pods"]!.AsArray().Select(p => S(p!["name"])).Distinct().Count());
        Assert.Empty(Problems(answer));
        var podCalls = fixture.Alpha.RequestLog.Where(r => r.StartsWith("/api/v1/namespaces/shop/pods?", StringComparison.Ordinal)
            && Uri.UnescapeDataString(r).Contains("kubernetes-id=k-big", StringComparison.Ordinal)).ToList();
        Assert.All(podCalls, r => Assert.Contains("limit=500", r, StringComparison.Ordinal));
        Assert.Equal(2, podCalls.Count(r => r.Contains("continue=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Kinds_the_role_may_not_list_are_named_and_the_rest_still_shows()
    {
        fixture.Alpha.Faults.ForbiddenResources = ["horizontalpodautoscalers", "events"];
        try
        {
            var answer = await GetAsync("k-hpa");

            var alpha = answer["clusters"]!.AsArray().OfType<JsonObject>().Single(c => S(c["name"]) == "alpha");
            Assert.Equal("ok", S(alpha["status"]));
            Assert.NotEmpty(alpha["pods"]!.AsArray());
            Assert.Contains("not allowed to list events, horizontalpodautoscalers (403)", S(alpha["error"]), StringComparison.Ordinal);
            // The HPA could not be read, so its problem cannot be told; nothing is invented.
            Assert.DoesNotContain(Problems(answer), p => p.Reason == "MaxReplicasReached");
        }
        finally
        {
            fixture.Alpha.Faults.ForbiddenResources = [];
        }
    }
}
