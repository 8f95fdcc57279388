using Fawkes.Portal.Simulators.SonarQube;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Integrations.SonarQube;

public static class SonarQubeExtensions
{
    /// <summary>Instances from <c>Integrations:SonarQube</c>, the live service any feature asks, its health check, and the demo simulator.</summary>
    public static IServiceCollection AddSonarQube(this IServiceCollection services)
    {
        services.AddOptions<SonarQubeOptions>().BindConfiguration(SonarQubeOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SonarQubeOptions>, SonarQubeOptionsValidator>();
        services.AddSingleton<SonarQubeClient>();
        services.AddSingleton<SonarQubeInstances>();
        services.AddSingleton<SonarQubeLiveService>();
        services.AddSingleton<IIntegrationHealthSource, SonarQubeHealthSource>();
        services.AddHostedService<DemoSonarQube>();
        return services;
    }
}
