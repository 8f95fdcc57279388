using System.Security.Cryptography;
using Fawkes.Portal.Integrations.ArgoCd;
using Fawkes.Portal.Operations.Demo;

namespace Fawkes.Portal.Simulators.ArgoCd;

/// <summary>
/// In demo mode with no ArgoCD instance configured, starts the simulator on a loopback port and adds it as the instance
/// "demo (simulated)", so the demo catalog's <c>argocd/app-name</c> annotations show live panels. Configured instances
/// are never replaced or joined by it.
/// </summary>
internal sealed class DemoArgoCd(DemoSeeder demo, ArgoCdInstances instances, ILogger<DemoArgoCd> logger) : IHostedService, IAsyncDisposable
{
    public const string InstanceName = "demo (simulated)";

    /// <summary>The demo catalog's argocd/app-name values, the destination namespace, and what each goes through.</summary>
    internal static readonly SimulatedApp[] Apps =
    [
        new("payments-api", "payments", ArgoCdScenario.Healthy),
        new("payments-worker", "payments", ArgoCdScenario.Healthy),
        new("fraud-check", "payments", ArgoCdScenario.Degraded),
        new("payment-events-publisher", "payments", ArgoCdScenario.Healthy),
        new("checkout-web", "checkout", ArgoCdScenario.Healthy),
        new("cart-service", "checkout", ArgoCdScenario.OutOfSync),
        new("identity-service", "identity", ArgoCdScenario.FailedSync),
        new("fawkes-portal", "fawkes-portal", ArgoCdScenario.Healthy),
        new("backstage", "fawkes-portal", ArgoCdScenario.Healthy),
        new("grafana", "monitoring", ArgoCdScenario.Healthy),
        new("dora-metrics-collector", "monitoring", ArgoCdScenario.Healthy),
    ];

    /// <summary>How long a demo sync runs before the app is Synced and Healthy.</summary>
    internal static readonly TimeSpan SyncDuration = TimeSpan.FromSeconds(3);

    private ArgoCdSimulator? _simulator;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!demo.IsEnabled || instances.AnyConfigured)
        {
            return;
        }
        // A fresh token per run: the simulator is on loopback, but still only the portal may read it.
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        _simulator = await ArgoCdSimulator.StartAsync(Apps, token);
        // A Sync from the ArgoCD tab repairs a demo app after a few seconds: how a newcomer fixes a service and passes a Dojo lab.
        _simulator.SyncDuration = SyncDuration;
        instances.AddDemo(InstanceName, _simulator.BaseAddress, token);
        logger.LogInformation("Demo mode: simulated ArgoCD at {Url} (no Integrations:ArgoCd:Instances configured)", _simulator.BaseAddress);
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
