using System.Security.Cryptography;
using Fawkes.Portal.Integrations.SonarQube;
using Fawkes.Portal.Operations.Demo;

namespace Fawkes.Portal.Simulators.SonarQube;

/// <summary>
/// In demo mode with no SonarQube instance configured, starts the simulator on a loopback port and adds it as the
/// instance "demo (simulated)", so the demo catalog's <c>sonarqube.org/project-key</c> annotations show a quality gate
/// (payments-api passes, fraud-check fails). Configured instances are never replaced or joined by it.
/// </summary>
internal sealed class DemoSonarQube(DemoSeeder demo, SonarQubeInstances instances, ILogger<DemoSonarQube> logger) : IHostedService, IAsyncDisposable
{
    public const string InstanceName = "demo (simulated)";

    /// <summary>The demo catalog's project keys and what their last analysis says.</summary>
    internal static readonly SimulatedProject[] Projects =
    [
        new("fawkes_payments-api", "Payments API", SonarQubeScenario.PassingGate),
        new("fawkes_fraud-check", "Fraud Check", SonarQubeScenario.FailingGate),
        new("fawkes_payment-events-publisher", "Payment Events Publisher", SonarQubeScenario.PassingGate),
        new("fawkes_checkout-web", "Checkout Web", SonarQubeScenario.PassingGate),
        new("fawkes_cart-service", "Cart Service", SonarQubeScenario.NotAnalysed),
        new("fawkes_identity-service", "Identity Service", SonarQubeScenario.FailingGate),
        new("fawkes_backstage", "Backstage", SonarQubeScenario.PassingGate),
        new("fawkes_fawkes-portal", "Fawkes Portal", SonarQubeScenario.PassingGate),
        new("fawkes_jenkins-shared-library", "Jenkins Shared Library", SonarQubeScenario.PassingGate),
        new("fawkes_dora-metrics-collector", "DORA Metrics Collector", SonarQubeScenario.PassingGate),
    ];

    private SonarQubeSimulator? _simulator;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!demo.IsEnabled || instances.AnyConfigured)
        {
            return;
        }
        // A fresh token per run: the simulator is on loopback, but still only the portal may read it.
        var token = "squ_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();
        _simulator = await SonarQubeSimulator.StartAsync(Projects, token);
        instances.AddDemo(InstanceName, _simulator.BaseAddress, token);
        logger.LogInformation("Demo mode: simulated SonarQube at {Url} (no Integrations:SonarQube:Instances configured)", _simulator.BaseAddress);
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
