using System.Security.Cryptography;
using Fawkes.Portal.Integrations.Kubernetes;
using Fawkes.Portal.Operations.Demo;

namespace Fawkes.Portal.Simulators.Kubernetes;

/// <summary>
/// In demo mode with no cluster configured, starts the simulator on a loopback port and adds it as the cluster
/// "demo (simulated)", so the demo catalog's services show live panels (one crash-looping, the others in various states).
/// Configured clusters are never replaced or joined by it.
/// </summary>
internal sealed class DemoKubernetesCluster(DemoSeeder demo, KubernetesClusters clusters, ILogger<DemoKubernetesCluster> logger) : IHostedService, IAsyncDisposable
{
    public const string ClusterName = "demo (simulated)";

    /// <summary>kubernetes-id and namespace of the demo catalog's entities, and what each goes through.</summary>
    internal static readonly SimulatedWorkload[] Workloads =
    [
        new("payments-api", "payments", KubernetesScenario.Healthy),
        new("fraud-check", "payments", KubernetesScenario.CrashLoop),
        new("payments-worker", "payments", KubernetesScenario.HpaAtMax),
        new("payment-events-publisher", "payments", KubernetesScenario.OomKill),
        new("checkout-web", "checkout", KubernetesScenario.Healthy),
        new("cart-service", "checkout", KubernetesScenario.ImagePullFailure),
        new("identity-service", "identity", KubernetesScenario.RolloutStuck),
        new("fawkes-portal", "fawkes-portal", KubernetesScenario.Healthy),
        new("backstage", "fawkes-portal", KubernetesScenario.LivenessFailing),
        new("dora-metrics-collector", "monitoring", KubernetesScenario.FailedJob),
        new("grafana", "monitoring", KubernetesScenario.Healthy),
        new("prometheus", "monitoring", KubernetesScenario.Unschedulable),
    ];

    private KubernetesSimulator? _simulator;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!demo.IsEnabled || clusters.AnyConfigured)
        {
            return;
        }
        // A fresh token per run: the simulator is on loopback, but still only the portal may read it.
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        _simulator = await KubernetesSimulator.StartAsync(Workloads, token);
        clusters.AddDemo(ClusterName, _simulator.BaseAddress, token);
        logger.LogInformation("Demo mode: simulated Kubernetes cluster at {Url} (no Integrations:Kubernetes:Clusters configured)", _simulator.BaseAddress);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }
}
