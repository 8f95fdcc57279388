using Fawkes.Portal.Simulators.GitHub;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Integrations.GitHub;

public static class GitHubExtensions
{
    /// <summary>
    /// GitHub for every feature that needs it (catalog reads, DORA commit compares, the scaffolder's publisher): options
    /// under <c>Integrations:GitHub</c>, Octokit over a resilient client, and the demo simulator when demo mode runs
    /// without a token. Safe to call from each feature: registers once.
    /// </summary>
    public static IServiceCollection AddGitHub(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(GitHubClients)))
        {
            return services;
        }
        services.AddOptions<GitHubOptions>().BindConfiguration(GitHubOptions.Section)
            .Validate(o => Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out _), "Integrations:GitHub:ApiBaseUrl must be an absolute URL.")
            .Validate(o => o.TimeoutSeconds >= 1, "Integrations:GitHub:TimeoutSeconds must be at least 1.")
            .ValidateOnStart();
        services.AddHttpClient(GitHubClients.ClientName)
            .AddPortalResilience(sp => TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<GitHubOptions>>().Value.TimeoutSeconds));
        services.AddSingleton<GitHubClients>();
        services.AddSingleton<GitHubCatalogSource>();
        services.AddSingleton<GitHubCompare>();
        services.AddSingleton<GitHubPublisher>();
        services.AddHostedService<DemoGitHub>();
        return services;
    }
}
