using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Fawkes.Portal.Identity.Users;
using Fawkes.Portal.IntegrationTests.Catalog;
using Fawkes.Portal.Simulators.Kubernetes;
using Fawkes.Portal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Live;

/// <summary>
/// Container logs through the API and the real KubernetesClient: "alpha" holds the scenarios, "refusing" and "failing"
/// inject 401 and 500. Entities are owned by team-a, whose member is <see cref="Owner"/>.
/// </summary>
public sealed class KubernetesLogsFixture : IAsyncLifetime
{
    public const string Owner = "priya.raman";
    public static readonly string Token = TestSecret.New("k8stoken");

    public PortalHost Host { get; private set; } = default!;
    public HttpClient Api { get; private set; } = default!;
    public KubernetesSimulator Alpha { get; private set; } = default!;
    public KubernetesSimulator Refusing { get; private set; } = default!;
    public KubernetesSimulator Failing { get; private set; } = default!;
    public string Folder { get; } = Directory.CreateTempSubdirectory("fawkes-k8s-logs-").FullName;

    public async Task InitializeAsync()
    {
        Alpha = await KubernetesSimulator.StartAsync(
            [new("l-healthy", "shop", KubernetesScenario.Healthy), new("l-crash", "shop", KubernetesScenario.CrashLoop), new("l-oom", "shop", KubernetesScenario.OomKill)],
            Token);
        Refusing = await KubernetesSimulator.StartAsync([new("l-healthy", "shop", KubernetesScenario.Healthy)], Token);
        Failing = await KubernetesSimulator.StartAsync([new("l-healthy", "shop", KubernetesScenario.Healthy)], Token);
        File.WriteAllText(Path.Combine(Folder, "catalog-info.yaml"), string.Join("---\n",
            Component("l-healthy"), Component("l-crash"), Component("l-oom"),
            "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n",
            $"apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: {Owner}\nspec:\n  memberOf: [team-a]\n"));
        var settings = CatalogFixture.Settings(Folder);
        var i = 0;
        foreach (var (name, sim) in new[] { ("alpha", Alpha), ("refusing", Refusing), ("failing", Failing) })
        {
            settings[$"Integrations:Kubernetes:Clusters:{i}:Name"] = name;
            settings[$"Integrations:Kubernetes:Clusters:{i}:Url"] = sim.BaseAddress.ToString();
            settings[$"Integrations:Kubernetes:Clusters:{i}:Token"] = Token;
            i++;
        }
        Host = await PortalHost.StartPostgresAsync(settings);
        Api = Host.NewClient(bearer: PortalHost.BootstrapToken);
        await CatalogFixture.WaitForAsync(Api, 5);
        var factory = Host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        foreach (var (login, role) in new[] { (Owner, "Developer"), ("mei.chen", "Learner"), ("jonas.weber", "Developer"), ("ana.lead", "PlatformLead") })
        {
            db.Add(new PortalUser { Login = login, DisplayName = login, DemoRole = role, IsDemo = true });
        }
        await db.SaveChangesAsync();
    }

    private static string Component(string name) =>
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: " + name + "\n  annotations:\n"
        + $"    backstage.io/kubernetes-id: {name}\n    backstage.io/kubernetes-namespace: shop\n"
        + "spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n";

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        foreach (var sim in new[] { Alpha, Refusing, Failing })
        {
            await sim.DisposeAsync();
        }
    }
}

public sealed class KubernetesLogsTests(KubernetesLogsFixture fixture) : IClassFixture<KubernetesLogsFixture>
{
    private static string S(JsonNode? node) => node!.GetValue<string>();

    /// <summary>The entity's pod with the most restarts on a cluster (the one a developer would read), as the Kubernetes answer lists it.</summary>
    private async Task<string> PodOfAsync(string entity, string cluster = "alpha")
    {
        var answer = await fixture.Api.GetFromJsonAsync<JsonObject>($"/api/live/component/default/{entity}/kubernetes");
        var pods = answer!["clusters"]!.AsArray().Single(c => S(c!["name"]) == cluster)!["pods"]!.AsArray();
        return S(pods.MaxBy(p => p!["restarts"]!.GetValue<int>())!["name"]);
    }

    private static string LogsUrl(string entity, string pod, string container = "app", string cluster = "alpha", string extra = "") =>
        $"/api/live/component/default/{entity}/kubernetes/logs?cluster={cluster}&namespace=shop&pod={pod}&container={container}{extra}";

    private async Task<HttpClient> SignedInAsync(string login, string role)
    {
        var client = fixture.Host.NewClient(cookies: new CookieContainer());
        (await HttpSignIn.SignInAsync(client, login, role)).Dispose();
        return client;
    }

    [Fact]
    public async Task The_owner_reads_the_last_lines_of_a_healthy_container()
    {
        var pod = await PodOfAsync("l-healthy");
        using var owner = await SignedInAsync(KubernetesLogsFixture.Owner, "Developer");

        var answer = await owner.GetFromJsonAsync<JsonObject>(LogsUrl("l-healthy", pod, extra: "&tailLines=5"));

        var lines = S(answer!["log"]).TrimEnd('\n').Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.All(lines, l => Assert.Contains("GET /api/v1/payments/", l, StringComparison.Ordinal));
        Assert.Equal(("ok", 5, pod), (S(answer["status"]), answer["tailLines"]!.GetValue<int>(), S(answer["pod"])));
        Assert.Contains(fixture.Alpha.RequestLog, r => r.StartsWith($"/api/v1/namespaces/shop/pods/{pod}/log?", StringComparison.Ordinal) && r.Contains("tailLines=5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_log_read_is_audited_with_who_which_entity_and_which_container_and_a_refused_one_is_not()
    {
        var pod = await PodOfAsync("l-healthy");
        using var owner = await SignedInAsync(KubernetesLogsFixture.Owner, "Developer");
        using var learner = await SignedInAsync("mei.chen", "Learner");
        var audit = fixture.Host.Services.GetRequiredService<Fawkes.Portal.Operations.Audit.AuditLog>();
        var before = (await audit.QueryAsync("live.kubernetes.logs", 0, 1000)).Items.Select(e => e.Id).ToHashSet();

        using var read = await owner.GetAsync(LogsUrl("l-healthy", pod, extra: "&tailLines=7"));
        using var refused = await learner.GetAsync(LogsUrl("l-healthy", pod));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (read.StatusCode, refused.StatusCode));
        var entry = Assert.Single((await audit.QueryAsync("live.kubernetes.logs", 0, 1000)).Items, e => !before.Contains(e.Id));
        Assert.Equal((KubernetesLogsFixture.Owner, "entity:component:default/l-healthy"), (entry.Actor, entry.Target));
        Assert.Equal($"alpha: shop/{pod} container app, last 7 lines", entry.Detail);
    }

    [Theory]
    [InlineData("l-crash", "password authentication failed")]
    [InlineData("l-oom", "of 256 MiB limit")]
    public async Task A_failing_container_shows_why_in_its_log(string entity, string says)
    {
        var pod = await PodOfAsync(entity);

        var answer = await fixture.Api.GetFromJsonAsync<JsonObject>(LogsUrl(entity, pod));

        Assert.Contains(says, S(answer!["log"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_entitys_pod_or_an_unknown_container_is_404_and_its_log_is_never_read()
    {
        var crashPod = await PodOfAsync("l-crash");
        var healthyPod = await PodOfAsync("l-healthy");

        int LogReads() => fixture.Alpha.RequestLog.Count(r => r.Contains($"/pods/{crashPod}/log", StringComparison.Ordinal));
        var before = LogReads();
        using var foreign = await fixture.Api.GetAsync(LogsUrl("l-healthy", crashPod));
        using var container = await fixture.Api.GetAsync(LogsUrl("l-healthy", healthyPod, container: "sidecar"));
        using var cluster = await fixture.Api.GetAsync(LogsUrl("l-healthy", healthyPod, cluster: "nowhere"));
        using var missing = await fixture.Api.GetAsync($"/api/live/component/default/l-healthy/kubernetes/logs?cluster=alpha&pod={healthyPod}");

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Contains("is not one of this entity's pods", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, LogReads());
        Assert.Equal(HttpStatusCode.NotFound, container.StatusCode);
        Assert.Contains("has no container 'sidecar' (it has: app)", await container.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, cluster.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("namespace, container", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("refusing", "unauthorized")]
    [InlineData("failing", "unreachable")]
    public async Task A_cluster_fault_is_a_502_with_its_status_and_no_secret(string cluster, string status)
    {
        var pod = await PodOfAsync("l-healthy", cluster);
        fixture.Refusing.Faults.RejectToken = true;
        fixture.Failing.Faults.ServerError = true;

        using var response = await fixture.Api.GetAsync(LogsUrl("l-healthy", pod, cluster: cluster));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains($"\"status\":\"{status}\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain(KubernetesLogsFixture.Token, body, StringComparison.Ordinal);
        fixture.Refusing.Faults.RejectToken = false;
        fixture.Failing.Faults.ServerError = false;
    }

    [Theory]
    [InlineData(KubernetesLogsFixture.Owner, "Developer", HttpStatusCode.OK)]
    [InlineData("ana.lead", "PlatformLead", HttpStatusCode.OK)]
    [InlineData("mei.chen", "Learner", HttpStatusCode.Forbidden)]
    [InlineData("jonas.weber", "Developer", HttpStatusCode.Forbidden)]
    public async Task Owners_and_platform_leads_may_read_logs_and_others_get_403(string login, string role, HttpStatusCode expected)
    {
        var pod = await PodOfAsync("l-healthy");
        using var client = await SignedInAsync(login, role);
        var before = fixture.Alpha.RequestLog.Count(r => r.Contains("/log?", StringComparison.Ordinal));

        using var response = await client.GetAsync(LogsUrl("l-healthy", pod));

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal(before, fixture.Alpha.RequestLog.Count(r => r.Contains("/log?", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Anonymous_callers_get_401()
    {
        using var anonymous = fixture.Host.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(LogsUrl("l-healthy", "x"))).StatusCode);
    }
}
