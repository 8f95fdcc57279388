using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.IntegrationTests.Catalog;
using Fawkes.Portal.Simulators.SonarQube;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Live;

/// <summary>Fifty viewers of one entity cost SonarQube one answer per cache period; Admin → Integrations shows each instance's health.</summary>
public sealed class SonarQubeCacheTests
{
    [Fact]
    public async Task Fifty_concurrent_viewers_cause_one_round_of_upstream_calls_and_the_health_board_lists_each_instance()
    {
        var token = TestSecret.New("squ");
        await using var sonar = await SonarQubeSimulator.StartAsync([new("k", "K", SonarQubeScenario.FailingGate)], token);
        sonar.Faults.Latency = TimeSpan.FromMilliseconds(100);
        var folder = Directory.CreateTempSubdirectory("fawkes-sonarqube-cache-").FullName;
        File.WriteAllText(Path.Combine(folder, "catalog-info.yaml"),
            "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: cached\n  annotations:\n    sonarqube.org/project-key: k\n"
            + "spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n");
        var settings = CatalogFixture.Settings(folder);
        settings["Integrations:SonarQube:CacheSeconds"] = "60";
        settings["Integrations:SonarQube:Instances:0:Name"] = "sq";
        settings["Integrations:SonarQube:Instances:0:Url"] = sonar.BaseAddress.ToString();
        settings["Integrations:SonarQube:Instances:0:Token"] = token;
        settings["Integrations:SonarQube:Instances:1:Name"] = "wrong-token";
        settings["Integrations:SonarQube:Instances:1:Url"] = sonar.BaseAddress.ToString();
        settings["Integrations:SonarQube:Instances:1:Token"] = "not-the-token";
        await using var host = await PortalHost.StartPostgresAsync(settings);
        using var api = host.NewClient(bearer: PortalHost.BootstrapToken);
        await CatalogFixture.WaitForAsync(api, 1);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => api.GetFromJsonAsync<JsonObject>("/api/live/component/default/cached/sonarqube")));

        Assert.All(answers, a => Assert.Equal("QualityGateFailed", a!["problems"]![0]!["reason"]!.GetValue<string>()));
        // One round: the gate and the measures.
        Assert.Equal(2, sonar.Requests);
        var health = await api.GetFromJsonAsync<JsonObject>("/api/admin/integrations");
        var items = health!["items"]!.AsArray().Where(i => i!["kind"]!.GetValue<string>() == "sonarqube").ToList();
        Assert.Equal("ok", items.Single(i => i!["name"]!.GetValue<string>() == "sq")!["status"]!.GetValue<string>());
        Assert.Equal("unauthorized", items.Single(i => i!["name"]!.GetValue<string>() == "wrong-token")!["status"]!.GetValue<string>());
        Assert.DoesNotContain("not-the-token", health.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, health.ToJsonString(), StringComparison.Ordinal);
    }
}
