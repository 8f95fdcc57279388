using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Integrations.Jenkins;

/// <summary>
/// <c>Dora:Jenkins:*</c> keeps working for one release; at start-up it names the keys that replace it, so the move is
/// made before the old ones go.
/// </summary>
internal sealed class LegacyJenkinsSettingsWarning(IOptions<JenkinsOptions> legacy, ILogger<LegacyJenkinsSettingsWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (legacy.Value.Enabled)
        {
            logger.LogWarning(
                "{Legacy}:BaseUrl/User/ApiToken are deprecated and will be removed in the next release: set {Section}:Instances:0:Name, "
                + "{Section}:Instances:0:Url, {Section}:Instances:0:User and {Section}:Instances:0:ApiToken instead (the DORA poller and the "
                + "Jenkins tab then share them). Until then the DORA poller keeps reading {Legacy}.",
                JenkinsOptions.Section, JenkinsIntegrationOptions.Section, JenkinsIntegrationOptions.Section, JenkinsIntegrationOptions.Section,
                JenkinsIntegrationOptions.Section, JenkinsOptions.Section);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
