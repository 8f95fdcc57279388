using System.Net;
using Fawkes.Portal.Simulators.Kubernetes;

namespace Fawkes.Portal.IntegrationTests.Live;

/// <summary>Many viewers of one entity: one request per kind to the cluster per cache period.</summary>
public sealed class KubernetesCacheTests
{
    [Fact]
    public async Task Fifty_concurrent_viewers_cause_one_upstream_call_per_cache_period()
    {
        await using var cluster = await KubernetesSimulator.StartAsync([new("k-crash", "shop", KubernetesScenario.CrashLoop)], "cache-token");
        cluster.Faults.Latency = TimeSpan.FromMilliseconds(100);
        var folder = Directory.CreateTempSubdirectory("fawkes-k8s-cache-").FullName;
        var (host, api) = await KubernetesFixture.StartPortalAsync(folder, new Dictionary<string, string?>
        {
            ["Integrations:Kubernetes:Clusters:0:Name"] = "only",
            ["Integrations:Kubernetes:Clusters:0:Url"] = cluster.BaseAddress.ToString(),
            ["Integrations:Kubernetes:Clusters:0:Token"] = "cache-token",
        }, cacheSeconds: 10);
        await using (host)
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => api.GetAsync("/api/live/component/default/k-crash/kubernetes")));
            await api.GetAsync("/api/live/component/default/k-crash/kubernetes");

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            Assert.Single(cluster.RequestLog, r => r.StartsWith("/api/v1/namespaces/shop/pods?", StringComparison.Ordinal));
            Assert.Single(cluster.RequestLog, r => r.StartsWith("/api/v1/namespaces/shop/events?", StringComparison.Ordinal));
        }
    }
}
