using Fawkes.Portal.Simulators.ArgoCd;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Integrations.ArgoCd;

public static class ArgoCdExtensions
{
    /// <summary>Instances from <c>Integrations:ArgoCd</c>, the client and live service any feature asks, its health check, and the demo simulator.</summary>
    public static IServiceCollection AddArgoCd(this IServiceCollection services)
    {
        services.AddOptions<ArgoCdInstancesOptions>().BindConfiguration(ArgoCdInstancesOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ArgoCdInstancesOptions>, ArgoCdInstancesOptionsValidator>();
        // Per attempt the whole budget: the live service's own deadline bounds the answer, the pipeline adds a circuit per instance.
        services.AddHttpClient(ArgoCdClient.LiveClientName).AddPortalResilience(sp =>
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<ArgoCdInstancesOptions>>().Value.TimeoutSeconds));
        services.TryAddSingleton<ArgoCdClient>();
        services.AddSingleton<ArgoCdInstances>();
        services.AddSingleton<ArgoCdLiveService>();
        services.AddSingleton<IIntegrationHealthSource, ArgoCdHealthSource>();
        services.AddHostedService<DemoArgoCd>();
        services.AddHostedService<LegacyArgoCdSettingsWarning>();
        return services;
    }
}
