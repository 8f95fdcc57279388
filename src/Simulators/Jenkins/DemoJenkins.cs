using System.Security.Cryptography;
using Fawkes.Portal.Integrations.Jenkins;
using Fawkes.Portal.Operations.Demo;

namespace Fawkes.Portal.Simulators.Jenkins;

/// <summary>
/// In demo mode with no Jenkins instance configured, starts the simulator on a loopback port and adds it as the instance
/// "demo (simulated)", so the demo catalog's <c>jenkins.io/job-full-name</c> jobs show builds (fraud-check's last build
/// failed, cart-service is building, the others pass). Configured instances are never replaced or joined by it.
/// </summary>
internal sealed class DemoJenkins(DemoSeeder demo, JenkinsInstances instances, ILogger<DemoJenkins> logger) : IHostedService, IAsyncDisposable
{
    public const string InstanceName = "demo (simulated)";

    /// <summary>The demo catalog's jobs: multibranch projects whose annotations name the main branch.</summary>
    internal static readonly SimulatedJob[] Jobs =
    [
        new("payments/payments-api", JenkinsScenario.Success, ["main", "feature/faster-refunds"]),
        new("payments/fraud-check", JenkinsScenario.FailedBuild, ["main"]),
        new("payments/payment-events-publisher", JenkinsScenario.Success, ["main"]),
        new("checkout/checkout-web", JenkinsScenario.Success, ["main"]),
        new("checkout/cart-service", JenkinsScenario.BuildInProgress, ["main"]),
        new("platform/backstage", JenkinsScenario.Success, ["main"]),
        new("platform/fawkes-portal", JenkinsScenario.Success, ["main"]),
        new("platform/jenkins-shared-library", JenkinsScenario.Success, ["main"]),
        new("platform/dora-metrics-collector", JenkinsScenario.FailedBuild, ["main"]),
    ];

    private JenkinsSimulator? _simulator;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!demo.IsEnabled || instances.AnyConfigured)
        {
            return;
        }
        // A fresh token per run: the simulator is on loopback, but still only the portal may read it.
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        _simulator = await JenkinsSimulator.StartAsync(Jobs, "fawkes-portal", token);
        instances.AddDemo(InstanceName, _simulator.BaseAddress, "fawkes-portal", token);
        logger.LogInformation("Demo mode: simulated Jenkins at {Url} (no Integrations:Jenkins:Instances configured)", _simulator.BaseAddress);
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
