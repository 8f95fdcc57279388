using System.Security.Cryptography;
using Fawkes.Portal.Integrations.GitHub;
using Fawkes.Portal.Operations.Demo;

namespace Fawkes.Portal.Simulators.GitHub;

/// <summary>
/// In demo mode with no GitHub token configured, starts the simulator on a loopback port and makes it the GitHub that
/// templates publish to (labelled demo), with the organisation <c>fawkes-demo</c>; the catalog reads the new
/// repositories' <c>catalog-info.yaml</c> from it. Catalog reads of configured GitHub URLs are unchanged.
/// </summary>
internal sealed class DemoGitHub(DemoSeeder demo, GitHubClients clients, ILogger<DemoGitHub> logger) : IHostedService, IAsyncDisposable
{
    public const string Organization = "fawkes-demo";
    public const string User = "fawkes-demo-bot";

    private GitHubSimulator? _simulator;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!demo.IsEnabled || clients.TokenConfigured)
        {
            return;
        }
        // A fresh token per run: the simulator is on loopback, but still only the portal may write to it.
        var token = "ghp_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(18)).ToLowerInvariant();
        _simulator = await GitHubSimulator.StartAsync(token, User, [Organization]);
        clients.UseDemo(new GitHubEndpoint(_simulator.ApiBaseAddress, _simulator.BaseAddress, token, demo: true, defaultOwner: Organization));
        logger.LogInformation("Demo mode: simulated GitHub at {Url} with organisation {Org} (no Integrations:GitHub:Token configured)",
            _simulator.BaseAddress, Organization);
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
