using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.IntegrationTests.Catalog;
using Fawkes.Portal.Simulators.Jenkins;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Live;

/// <summary>Fifty viewers of one entity cost Jenkins one answer per cache period; Admin → Integrations shows each instance's health.</summary>
public sealed class JenkinsCacheTests
{
    [Fact]
    public async Task Fifty_concurrent_viewers_cause_one_round_of_upstream_calls_and_the_health_board_lists_each_instance()
    {
        await using var jenkins = await JenkinsSimulator.StartAsync([new("shop/ok", JenkinsScenario.FailedBuild)], "bot", "secret-token-9f8e");
        jenkins.Faults.Latency = TimeSpan.FromMilliseconds(100);
        var folder = Directory.CreateTempSubdirectory("fawkes-jenkins-cache-").FullName;
        File.WriteAllText(Path.Combine(folder, "catalog-info.yaml"),
            "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: cached\n  annotations:\n    jenkins.io/job-full-name: shop/ok\n"
            + "spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n");
        var settings = CatalogFixture.Settings(folder);
        settings["Integrations:Jenkins:CacheSeconds"] = "60";
        settings["Integrations:Jenkins:Instances:0:Name"] = "ci";
        settings["Integrations:Jenkins:Instances:0:Url"] = jenkins.BaseAddress.ToString();
        settings["Integrations:Jenkins:Instances:0:User"] = "bot";
        settings["Integrations:Jenkins:Instances:0:ApiToken"] = "secret-token-9f8e";
        settings["Integrations:Jenkins:Instances:1:Name"] = "wrong-token";
        settings["Integrations:Jenkins:Instances:1:Url"] = jenkins.BaseAddress.ToString();
        settings["Integrations:Jenkins:Instances:1:User"] = "bot";
        settings["Integrations:Jenkins:Instances:1:ApiToken"] = "not-the-token";
        await using var host = await PortalHost.StartPostgresAsync(settings);
        using var api = host.NewClient(bearer: PortalHost.BootstrapToken);
        await CatalogFixture.WaitForAsync(api, 1);
        await PollerRounds.WaitForFirstAsync(host, "jenkins");
        var before = jenkins.Requests;

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => api.GetFromJsonAsync<JsonObject>("/api/live/component/default/cached/jenkins")));

        Assert.All(answers, a => Assert.Equal("FAILURE", a!["problems"]![0]!["reason"]!.GetValue<string>()));
        // One round: the job, the newest build's stages, the failed stage's steps and the failed step's log.
        Assert.Equal(4, jenkins.Requests - before);
        // A rebuild makes the next view ask again, cache or not, so the new build shows at once.
        (await api.PostAsync("/api/live/component/default/cached/jenkins/rebuild", null)).EnsureSuccessStatusCode();
        var after = await api.GetFromJsonAsync<JsonObject>("/api/live/component/default/cached/jenkins");
        Assert.Equal("BUILDING", after!["builds"]![0]!["result"]!.GetValue<string>());
        var health = await api.GetFromJsonAsync<JsonObject>("/api/admin/integrations");
        var items = health!["items"]!.AsArray().Where(i => i!["kind"]!.GetValue<string>() == "jenkins").ToList();
        Assert.Equal("ok", items.Single(i => i!["name"]!.GetValue<string>() == "ci")!["status"]!.GetValue<string>());
        Assert.Equal("unauthorized", items.Single(i => i!["name"]!.GetValue<string>() == "wrong-token")!["status"]!.GetValue<string>());
        Assert.DoesNotContain("not-the-token", health.ToJsonString(), StringComparison.Ordinal);
    }
}
