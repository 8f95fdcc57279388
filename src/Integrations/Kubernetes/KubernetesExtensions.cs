using Fawkes.Portal.Simulators.Kubernetes;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Integrations.Kubernetes;

public static class KubernetesExtensions
{
    /// <summary>Clusters from <c>Integrations:Kubernetes</c>, the live service any feature asks, its health check, and the demo simulator.</summary>
    public static IServiceCollection AddKubernetes(this IServiceCollection services)
    {
        services.AddOptions<KubernetesOptions>().BindConfiguration(KubernetesOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KubernetesOptions>, KubernetesOptionsValidator>();
        services.AddSingleton<KubernetesClusters>();
        services.AddSingleton<KubernetesLiveService>();
        services.AddSingleton<KubernetesLogs>();
        services.AddSingleton<IIntegrationHealthSource, KubernetesHealthSource>();
        services.AddHostedService<DemoKubernetesCluster>();
        return services;
    }
}
