using Fawkes.Portal.Identity;
using Fawkes.Portal.Integrations;
using Fawkes.Portal.Integrations.ArgoCd;
using Fawkes.Portal.Integrations.Jenkins;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fawkes.Portal.Features.Dora.Pollers;

public static class PollerExtensions
{
    /// <summary>The ArgoCD and Jenkins pollers; each stays idle while its <c>BaseUrl</c> is empty.</summary>
    public static IServiceCollection AddDoraPollers(this IServiceCollection services)
    {
        services.AddOptions<ArgoCdOptions>().BindConfiguration(ArgoCdOptions.Section)
            .Validate(o => !o.Enabled || Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _), "Dora:ArgoCd:BaseUrl must be an absolute URL (or empty to turn the poller off).")
            .Validate(o => o.PollSeconds >= 1, "Dora:ArgoCd:PollSeconds must be at least 1.")
            .Validate(o => o.TimeoutSeconds >= 1, "Dora:ArgoCd:TimeoutSeconds must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<JenkinsOptions>().BindConfiguration(JenkinsOptions.Section)
            .Validate(o => !o.Enabled || Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _), "Dora:Jenkins:BaseUrl must be an absolute URL (or empty to turn the poller off).")
            .Validate(o => o.PollSeconds >= 1, "Dora:Jenkins:PollSeconds must be at least 1.")
            .Validate(o => o.TimeoutSeconds >= 1, "Dora:Jenkins:TimeoutSeconds must be at least 1.")
            .ValidateOnStart();
        services.AddHttpClient(ArgoCdClient.ClientName).AddPortalResilience(sp =>
            TimeSpan.FromSeconds(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ArgoCdOptions>>().Value.TimeoutSeconds));
        services.AddHttpClient(JenkinsClient.ClientName).AddPortalResilience(sp =>
            TimeSpan.FromSeconds(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<JenkinsOptions>>().Value.TimeoutSeconds));
        // Shared with the live ArgoCD panels (Integrations:ArgoCd), which register it too.
        services.TryAddSingleton<ArgoCdClient>();
        services.AddSingleton<JenkinsClient>();
        services.AddSingleton<PollerStatusBoard>();
        services.AddHostedService<ArgoCdPoller>();
        services.AddHostedService<JenkinsPoller>();
        return services;
    }

    /// <summary><c>GET /api/dora/pollers</c>: each poller's last round (Admin: errors name upstream apps and jobs).</summary>
    public static IEndpointRouteBuilder MapDoraPollers(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dora/pollers", (PollerStatusBoard board) => Results.Ok(new { items = board.All() }))
            .WithTags("DORA").RequireAuthorization(Policies.Admin);
        return app;
    }
}
