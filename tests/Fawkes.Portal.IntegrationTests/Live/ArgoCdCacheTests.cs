using System.Net;
using Fawkes.Portal.IntegrationTests.Catalog;
using Fawkes.Portal.Simulators.ArgoCd;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Live;

/// <summary>Many viewers of one entity: one request per call kind to ArgoCD per cache period; commit metadata once.</summary>
public sealed class ArgoCdCacheTests
{
    [Fact]
    public async Task Fifty_concurrent_viewers_cause_one_upstream_call_per_cache_period()
    {
        await using var argo = await ArgoCdSimulator.StartAsync([new("a-healthy", "shop", ArgoCdScenario.Healthy)], "cache-token");
        argo.Faults.Latency = TimeSpan.FromMilliseconds(100);
        var folder = Directory.CreateTempSubdirectory("fawkes-argocd-cache-").FullName;
        File.WriteAllText(Path.Combine(folder, "catalog-info.yaml"), ArgoCdFixture.Catalog());
        var settings = CatalogFixture.Settings(folder);
        settings["Integrations:ArgoCd:Instances:0:Name"] = "alpha"; // the entity pins instance "alpha"
        settings["Integrations:ArgoCd:Instances:0:Url"] = argo.BaseAddress.ToString();
        settings["Integrations:ArgoCd:Instances:0:Token"] = "cache-token";
        await using var host = await PortalHost.StartPostgresAsync(settings);
        using var api = host.NewClient(bearer: PortalHost.BootstrapToken);
        await CatalogFixture.WaitForAsync(api, 12);
        await PollerRounds.WaitForFirstAsync(host, "argocd");
        var before = argo.RequestLog.Count;

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => api.GetAsync("/api/live/component/default/a-healthy/argocd")));
        using var again = await api.GetAsync("/api/live/component/default/a-healthy/argocd");

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var viewers = argo.RequestLog.Skip(before).ToList();
        Assert.Single(viewers, r => r == "GET /api/v1/applications/a-healthy");
        Assert.Single(viewers, r => r == "GET /api/v1/applications/a-healthy/resource-tree?appNamespace=argocd");
        Assert.Equal(3, viewers.Count(r => r.Contains("/metadata", StringComparison.Ordinal)));
    }
}
