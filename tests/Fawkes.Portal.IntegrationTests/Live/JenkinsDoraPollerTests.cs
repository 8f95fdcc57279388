using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Dora.Events;
using Fawkes.Portal.IntegrationTests.Catalog;
using Fawkes.Portal.Simulators.Jenkins;
using Fawkes.Portal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Live;

/// <summary>The DORA poller reads the same Integrations:Jenkins instances as the Jenkins tab when Dora:Jenkins is not set.</summary>
public sealed class JenkinsDoraPollerTests
{
    [Fact]
    public async Task Finished_builds_of_a_configured_instance_become_build_events()
    {
        await using var jenkins = await JenkinsSimulator.StartAsync([new("shop/api", JenkinsScenario.BuildInProgress)], "bot", "token-31d7");
        var folder = Directory.CreateTempSubdirectory("fawkes-jenkins-dora-").FullName;
        File.WriteAllText(Path.Combine(folder, "catalog-info.yaml"),
            "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: api\n  annotations:\n    jenkins.io/job-full-name: ci:shop/api\n"
            + "spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n");
        var settings = CatalogFixture.Settings(folder);
        settings["Integrations:Jenkins:Instances:0:Name"] = "ci";
        settings["Integrations:Jenkins:Instances:0:Url"] = jenkins.BaseAddress.ToString();
        settings["Integrations:Jenkins:Instances:0:User"] = "bot";
        settings["Integrations:Jenkins:Instances:0:ApiToken"] = "token-31d7";
        settings["Dora:Jenkins:PollSeconds"] = "1";
        await using var host = await PortalHost.StartPostgresAsync(settings);
        using var api = host.NewClient(bearer: PortalHost.BootstrapToken);
        await CatalogFixture.WaitForAsync(api, 1);
        var db = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

        var ids = new List<string>();
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline && ids.Count < 3; await Task.Delay(200))
        {
            await using var context = await db.CreateDbContextAsync();
            ids = await context.Set<DoraEventRecord>().AsNoTracking().Where(e => e.Type == "build").Select(e => e.Id).OrderBy(i => i).ToListAsync();
        }

        // #13 is still running: not an event yet.
        Assert.Equal(["jenkins-shop/api-10", "jenkins-shop/api-11", "jenkins-shop/api-12"], ids);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Message.Contains("deprecated", StringComparison.Ordinal));
    }
}
