using System.Net;
using System.Net.Sockets;
using Fawkes.Portal.IntegrationTests.Catalog;
using Fawkes.Portal.Simulators.Kubernetes;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Live;

/// <summary>
/// The portal on PostgreSQL with three clusters: "alpha" (a simulator with every scenario), "beta" (a simulator whose
/// faults the tests switch) and "closed" (a port nobody listens on). Entities come from a catalog file written here.
/// </summary>
public sealed class KubernetesFixture : IAsyncLifetime
{
    public static readonly string AlphaToken = TestSecret.New("alphatoken");
    public static readonly string BetaToken = TestSecret.New("betatoken");

    public static readonly (string Entity, KubernetesScenario Scenario)[] Scenarios =
    [
        ("k-healthy", KubernetesScenario.Healthy), ("k-crash", KubernetesScenario.CrashLoop), ("k-pull", KubernetesScenario.ImagePullFailure),
        ("k-oom", KubernetesScenario.OomKill), ("k-pending", KubernetesScenario.Unschedulable), ("k-stuck", KubernetesScenario.RolloutStuck),
        ("k-hpa", KubernetesScenario.HpaAtMax), ("k-job", KubernetesScenario.FailedJob), ("k-live", KubernetesScenario.LivenessFailing),
    ];

    /// <summary>Pods of k-big: more than two pages of the portal's list calls.</summary>
    public const int BigReplicas = 1_100;

    public PortalHost Host { get; private set; } = default!;
    public HttpClient Api { get; private set; } = default!;
    public KubernetesSimulator Alpha { get; private set; } = default!;
    public KubernetesSimulator Beta { get; private set; } = default!;

    /// <summary>One simulator per fault that trips the circuit breaker (500s, timeouts), so one test's open circuit cannot change another's answer.</summary>
    public KubernetesSimulator Failing { get; private set; } = default!;
    public KubernetesSimulator Malformed { get; private set; } = default!;
    public KubernetesSimulator Slow { get; private set; } = default!;
    public string Folder { get; } = Directory.CreateTempSubdirectory("fawkes-k8s-").FullName;

    /// <param name="cacheSeconds">0 here, so each test sees the faults it sets; the cache has its own test.</param>
    public static async Task<(PortalHost Host, HttpClient Api)> StartPortalAsync(string folder, IDictionary<string, string?> clusters, double cacheSeconds)
    {
        File.WriteAllText(Path.Combine(folder, "catalog-info.yaml"), Catalog());
        var settings = CatalogFixture.Settings(folder);
        settings["Integrations:Kubernetes:CacheSeconds"] = cacheSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (k, v) in clusters)
        {
            settings[k] = v;
        }
        var host = await PortalHost.StartPostgresAsync(settings);
        var api = host.NewClient(bearer: PortalHost.BootstrapToken);
        await CatalogFixture.WaitForAsync(api, Scenarios.Length + 4);
        return (host, api);
    }

    public async Task InitializeAsync()
    {
        Alpha = await KubernetesSimulator.StartAsync(
        [
            .. Scenarios.Select(s => new SimulatedWorkload(s.Entity, "shop", s.Scenario)),
            new("k-sel", "shop", KubernetesScenario.Healthy, new Dictionary<string, string> { ["team"] = "orders", ["tier"] = "api" }),
            new("k-sel-db", "shop", KubernetesScenario.CrashLoop, new Dictionary<string, string> { ["team"] = "orders", ["tier"] = "db" }),
            new("k-twin", "blue", KubernetesScenario.Healthy),
            new("k-twin", "green", KubernetesScenario.CrashLoop),
            new("k-big", "shop", KubernetesScenario.Healthy, Replicas: BigReplicas),
        ], AlphaToken);
        Beta = await KubernetesSimulator.StartAsync([new("k-healthy", "shop", KubernetesScenario.Healthy)], BetaToken);
        Failing = await KubernetesSimulator.StartAsync([new("k-healthy", "shop", KubernetesScenario.Healthy)], BetaToken);
        Malformed = await KubernetesSimulator.StartAsync([new("k-healthy", "shop", KubernetesScenario.Healthy)], BetaToken);
        Slow = await KubernetesSimulator.StartAsync([new("k-healthy", "shop", KubernetesScenario.Healthy)], BetaToken);
        (Host, Api) = await StartPortalAsync(Folder, new Dictionary<string, string?>
        {
            ["Integrations:Kubernetes:Clusters:0:Name"] = "alpha",
            ["Integrations:Kubernetes:Clusters:0:Url"] = Alpha.BaseAddress.ToString(),
            ["Integrations:Kubernetes:Clusters:0:Token"] = AlphaToken,
            ["Integrations:Kubernetes:Clusters:1:Name"] = "beta",
            ["Integrations:Kubernetes:Clusters:1:Url"] = Beta.BaseAddress.ToString(),
            ["Integrations:Kubernetes:Clusters:1:TokenFile"] = TokenFile(),
            ["Integrations:Kubernetes:Clusters:2:Name"] = "closed",
            ["Integrations:Kubernetes:Clusters:2:Url"] = $"http://127.0.0.1:{ClosedPort()}",
            ["Integrations:Kubernetes:Clusters:2:Token"] = "unused",
            ["Integrations:Kubernetes:Clusters:3:Name"] = "failing",
            ["Integrations:Kubernetes:Clusters:3:Url"] = Failing.BaseAddress.ToString(),
            ["Integrations:Kubernetes:Clusters:3:Token"] = BetaToken,
            ["Integrations:Kubernetes:Clusters:4:Name"] = "malformed",
            ["Integrations:Kubernetes:Clusters:4:Url"] = Malformed.BaseAddress.ToString(),
            ["Integrations:Kubernetes:Clusters:4:Token"] = BetaToken,
            ["Integrations:Kubernetes:Clusters:5:Name"] = "slow",
            ["Integrations:Kubernetes:Clusters:5:Url"] = Slow.BaseAddress.ToString(),
            ["Integrations:Kubernetes:Clusters:5:Token"] = BetaToken,
        }, cacheSeconds: 0);
    }

    private string TokenFile()
    {
        var path = Path.Combine(Folder, "beta-token");
        File.WriteAllText(path, BetaToken + "\n");
        return path;
    }

    /// <summary>A port that was free a moment ago: connecting to it is refused.</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Catalog()
    {
        var entities = Scenarios.Select(s => Component(s.Entity, $"backstage.io/kubernetes-id: {s.Entity}", "backstage.io/kubernetes-namespace: shop")).ToList();
        // The selector wins over the id (which would match the crash-looping k-crash).
        entities.Add(Component("k-selector", "backstage.io/kubernetes-id: k-crash", "backstage.io/kubernetes-label-selector: 'team in (orders,billing),tier=api'"));
        entities.Add(Component("k-twin", "backstage.io/kubernetes-id: k-twin", "backstage.io/kubernetes-namespace: blue"));
        entities.Add(Component("k-none"));
        entities.Add(Component("k-big", "backstage.io/kubernetes-id: k-big", "backstage.io/kubernetes-namespace: shop"));
        return string.Join("---\n", entities);
    }

    private static string Component(string name, params string[] annotations) =>
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: " + name + "\n"
        + (annotations.Length == 0 ? "" : "  annotations:\n" + string.Concat(annotations.Select(a => "    " + a + "\n")))
        + "spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n";

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Alpha.DisposeAsync();
        await Beta.DisposeAsync();
        await Failing.DisposeAsync();
        await Malformed.DisposeAsync();
        await Slow.DisposeAsync();
    }
}
