using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Dora.Events;
using Fawkes.Portal.IntegrationTests.Catalog;
using Fawkes.Portal.Simulators.ArgoCd;
using Fawkes.Portal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Live;

/// <summary>The DORA poller reads the same Integrations:ArgoCd instances as the ArgoCD tab; Dora:ArgoCd:* still works, with a warning.</summary>
public sealed class ArgoCdDoraPollerTests
{
    private static async Task<(ArgoCdSimulator Argo, string Folder, string Token)> StartAsync()
    {
        var token = TestSecret.New("argotoken");
        var argo = await ArgoCdSimulator.StartAsync([new("shop-api", "shop", ArgoCdScenario.Healthy)], token);
        var folder = Directory.CreateTempSubdirectory("fawkes-argocd-dora-").FullName;
        File.WriteAllText(Path.Combine(folder, "catalog-info.yaml"),
            "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: api\n  annotations:\n    argocd/app-name: shop-api\n"
            + "spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n");
        return (argo, folder, token);
    }

    private static async Task<int> DeploymentsAsync(PortalHost host, int atLeast)
    {
        var db = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var count = 0;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline && count < atLeast; await Task.Delay(200))
        {
            await using var context = await db.CreateDbContextAsync();
            count = await context.Set<DoraEventRecord>().AsNoTracking().CountAsync(e => e.Type == "deployment" && e.Service == "api");
        }
        return count;
    }

    [Fact]
    public async Task History_of_a_configured_instance_becomes_deployments_after_an_instance_without_the_app()
    {
        var (argo, folder, token) = await StartAsync();
        await using var _ = argo;
        await using var empty = await ArgoCdSimulator.StartAsync([], token);
        var settings = CatalogFixture.Settings(folder);
        (settings["Integrations:ArgoCd:Instances:0:Name"], settings["Integrations:ArgoCd:Instances:0:Url"]) = ("empty", empty.BaseAddress.ToString());
        settings["Integrations:ArgoCd:Instances:0:Token"] = token;
        (settings["Integrations:ArgoCd:Instances:1:Name"], settings["Integrations:ArgoCd:Instances:1:Url"]) = ("main", argo.BaseAddress.ToString());
        settings["Integrations:ArgoCd:Instances:1:Token"] = token;
        settings["Dora:ArgoCd:PollSeconds"] = "1";
        await using var host = await PortalHost.StartPostgresAsync(settings);
        await CatalogFixture.WaitForAsync(host.NewClient(bearer: PortalHost.BootstrapToken), 1);

        Assert.True(await DeploymentsAsync(host, 3) >= 3);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Message.Contains("deprecated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Legacy_Dora_ArgoCd_keys_keep_working_and_a_warning_names_the_new_keys()
    {
        var (argo, folder, token) = await StartAsync();
        await using var _ = argo;
        var settings = CatalogFixture.Settings(folder);
        settings["Dora:ArgoCd:BaseUrl"] = argo.BaseAddress.ToString();
        settings["Dora:ArgoCd:Token"] = token;
        settings["Dora:ArgoCd:PollSeconds"] = "1";
        await using var host = await PortalHost.StartPostgresAsync(settings);
        await CatalogFixture.WaitForAsync(host.NewClient(bearer: PortalHost.BootstrapToken), 1);

        Assert.True(await DeploymentsAsync(host, 3) >= 3);
        var warning = Assert.Single(host.Logs.Entries, e => e.Message.Contains("Dora:ArgoCd:BaseUrl/Token are deprecated", StringComparison.Ordinal));
        Assert.Contains("Integrations:ArgoCd:Instances:0:Url", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, warning.Message, StringComparison.Ordinal);
    }
}
