using Fawkes.Portal.Features.Dojo.Labs.Checks;

namespace Fawkes.Portal.Features.Dojo.Labs;

public static class LabsExtensions
{
    /// <summary>The lab runner and one check per type of <see cref="Content.LabCheckTypes"/>.</summary>
    public static IServiceCollection AddDojoLabs(this IServiceCollection services)
    {
        services.AddOptions<LabOptions>().BindConfiguration(LabOptions.Section);
        services.AddLabHttp();
        services.AddSingleton<ILabCheck, EntityCheck>();
        services.AddSingleton<ILabCheck, KubernetesCheck>();
        services.AddSingleton<ILabCheck, ArgoCdCheck>();
        services.AddSingleton<ILabCheck, JenkinsCheck>();
        services.AddSingleton<ILabCheck, SonarQubeCheck>();
        services.AddSingleton<ILabCheck, DoraEventsCheck>();
        services.AddSingleton<ILabCheck, TemplateRunCheck>();
        services.AddSingleton<ILabCheck, HttpCheck>();
        services.AddSingleton<LabRunner>();
        services.AddSingleton<LabService>();
        return services;
    }
}
