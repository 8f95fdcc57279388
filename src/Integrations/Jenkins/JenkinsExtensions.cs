using Fawkes.Portal.Simulators.Jenkins;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Integrations.Jenkins;

public static class JenkinsExtensions
{
    /// <summary>Instances from <c>Integrations:Jenkins</c>, the live service any feature asks, its health check, and the demo simulator.</summary>
    public static IServiceCollection AddJenkins(this IServiceCollection services)
    {
        services.AddOptions<JenkinsIntegrationOptions>().BindConfiguration(JenkinsIntegrationOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JenkinsIntegrationOptions>, JenkinsIntegrationOptionsValidator>();
        // The same client as the DORA poller's (registered there too; whichever comes first wins).
        services.AddHttpClient(JenkinsClient.ClientName);
        services.TryAddSingleton<JenkinsClient>();
        services.AddSingleton<JenkinsInstances>();
        services.AddSingleton<JenkinsLiveService>();
        services.AddSingleton<IIntegrationHealthSource, JenkinsHealthSource>();
        services.AddHostedService<DemoJenkins>();
        services.AddHostedService<LegacyJenkinsSettingsWarning>();
        return services;
    }
}
