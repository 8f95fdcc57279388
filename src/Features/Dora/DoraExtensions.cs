using Fawkes.Portal.Features.Catalog.Entity;
using Fawkes.Portal.Features.Dora.Api;
using Fawkes.Portal.Features.Dora.Events;
using Fawkes.Portal.Features.Dora.Pollers;
using Fawkes.Portal.Features.Dora.Webhooks;
using Fawkes.Portal.Integrations.GitHub;

namespace Fawkes.Portal.Features.Dora;

public static class DoraExtensions
{
    public static WebApplicationBuilder AddDora(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<DoraEventStore>();
        builder.Services.AddSingleton<DoraFactsCache>();
        builder.Services.AddSingleton<DoraService>();
        builder.Services.AddSingleton<Quality.DataQualityService>();
        builder.Services.AddOptions<DoraConnectionOptions>().BindConfiguration(DoraConnectionOptions.Section);
        builder.Services.AddSingleton<DevLakeWebhookApi.Handler>();
        builder.Services.AddOptions<Webhooks.GitHubWebhookOptions>().BindConfiguration(Webhooks.GitHubWebhookOptions.Section);
        builder.Services.AddGitHub();
        builder.Services.AddSingleton<Commits.CommitResolver>();
        builder.Services.AddHostedService<Commits.CommitResolverService>();
        builder.Services.AddHostedService<Demo.DoraDemoSeeder>();
        builder.Services.AddHostedService<DoraGauges>();
        builder.Services.AddHostedService<Events.DoraChangeRelay>();
        builder.Services.AddDoraPollers();
        builder.Services.AddEntityTab<Pages.DoraEntityTab>("dora", "DORA", MudBlazor.Icons.Material.Outlined.Insights, 50,
            e => string.Equals(e.Kind, Catalog.Model.CatalogKinds.Component, StringComparison.OrdinalIgnoreCase)
                || string.Equals(e.Kind, Catalog.Model.CatalogKinds.Group, StringComparison.OrdinalIgnoreCase));
        return builder;
    }

    public static IEndpointRouteBuilder MapDora(this IEndpointRouteBuilder app) => app.MapDoraApi().MapDevLakeWebhooks().MapGitHubWebhook().MapOpsReceivers().MapDoraPollers();
}
