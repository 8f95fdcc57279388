using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Integrations.ArgoCd;

/// <summary>
/// <c>Dora:ArgoCd:*</c> keeps working for one release; at start-up it names the keys that replace it, so the move is made
/// before the old ones go.
/// </summary>
internal sealed class LegacyArgoCdSettingsWarning(IOptions<ArgoCdOptions> legacy, ILogger<LegacyArgoCdSettingsWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (legacy.Value.Enabled)
        {
            logger.LogWarning(
                "{Legacy}:BaseUrl/Token are deprecated and will be removed in the next release: set {Section}:Instances:0:Name, "
                + "{Section}:Instances:0:Url and {Section}:Instances:0:Token instead (the DORA poller and the ArgoCD tab then share them). "
                + "Until then the DORA poller keeps reading {Legacy}.",
                ArgoCdOptions.Section, ArgoCdInstancesOptions.Section, ArgoCdInstancesOptions.Section, ArgoCdInstancesOptions.Section, ArgoCdOptions.Section);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
