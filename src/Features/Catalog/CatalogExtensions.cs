using Microsoft.Extensions.Options;
using Fawkes.Portal.Features.Catalog.Api;
using Fawkes.Portal.Features.Catalog.Entity;
using Fawkes.Portal.Features.Catalog.Entity.Tabs;
using Fawkes.Portal.Features.Catalog.Ingestion;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Integrations.GitHub;

namespace Fawkes.Portal.Features.Catalog;

public static class CatalogExtensions
{
    /// <summary>Where Backstage's catalog REST API is served (the same path as in a Backstage app).</summary>
    public const string ApiPath = "/api/catalog";

    public static WebApplicationBuilder AddCatalog(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.Section)
            .Validate(o => o.RefreshIntervalSeconds >= 5, "Catalog:RefreshIntervalSeconds must be at least 5.")
            .Validate(o => o.MaxFileBytes > 0, "Catalog:MaxFileBytes must be positive.")
            .ValidateOnStart();
        // Ahead of every other writer (the problem details service asks them in order): errors under /api/catalog are
        // written in Backstage's shape, whoever reports them (permissions, authentication, exceptions, status codes).
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, BackstageErrorWriter>());
        services.AddCatalogHttp();
        services.AddGitHub();
        // Catalog files may nest CatalogYamlReader.MaxDepth (64) levels; responses wrap entities in a few more
        // ({"entities": [...]}), past System.Text.Json's default of 64, which would answer 500.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.MaxDepth = Math.Max(o.SerializerOptions.MaxDepth, Yaml.CatalogYamlReader.MaxDepth + 16));
        services.AddSingleton<TemplateLocation>();
        services.AddSingleton(sp => FileRoots.From(sp.GetRequiredService<IOptions<CatalogOptions>>().Value,
            sp.GetRequiredService<Operations.Demo.DemoSeeder>() is { IsEnabled: true } demo ? Path.Combine(demo.ContentRoot, "catalog") : null,
            sp.GetRequiredService<TemplateLocation>().Folder));
        services.AddSingleton(sp => CatalogRules.From(sp.GetRequiredService<IConfiguration>().GetSection(CatalogOptions.Section),
            sp.GetRequiredService<Operations.Demo.DemoSeeder>() is { IsEnabled: true } demo
                ? [("file", Path.Combine(demo.ContentRoot, "catalog", "catalog-info.yaml"))] : [],
            sp.GetRequiredService<TemplateLocation>().Rule));
        services.AddSingleton<SourceFetcher>();
        services.AddSingleton<BackstageMirror>();
        services.AddSingleton<LocationReader>();
        services.AddSingleton<LocationPrefetch>();
        services.AddSingleton<CatalogWriter>();
        services.AddSingleton<CatalogChanges>();
        services.AddSingleton<LocationService>();
        services.AddSingleton<ConfiguredLocations>();
        // Before the snapshot and ingestion start: they must see search rows built by the current indexer.
        services.AddSingleton<Storage.SearchIndexUpgrade>();
        services.AddSingleton<Query.EntitySnapshot>();
        services.AddHostedService(sp => sp.GetRequiredService<Query.EntitySnapshot>());
        services.AddSingleton<CatalogCache>();
        services.AddSingleton<CatalogQueries>();
        services.AddSingleton<WholeEntityPages>();
        services.AddSingleton<Browse.StarService>();
        services.AddSingleton<Browse.CatalogBrowser>();
        services.AddSingleton<Permissions.CatalogOwnership>();
        services.AddSingleton<Identity.Permissions.IOwnershipDirectory>(sp => sp.GetRequiredService<Permissions.CatalogOwnership>());
        services.AddSingleton<App.Home.IHomeStatProvider, Browse.CatalogHomeStats>();
        services.AddSingleton<Entity.EntityTabRegistry>();
        services.AddSingleton<Entity.EntityBannerRegistry>();
        services.AddEntityTab<OverviewTab>("overview", "Overview", MudBlazor.Icons.Material.Outlined.Info, 0);
        services.AddEntityTab<RelationsGraphTab>("relations", "Relations", MudBlazor.Icons.Material.Outlined.Hub, 10);
        services.AddEntityTab<ApiDefinitionTab>("definition", "Definition", MudBlazor.Icons.Material.Outlined.Api, 20,
            e => string.Equals(e.Kind, Model.CatalogKinds.Api, StringComparison.OrdinalIgnoreCase));
        services.AddEntityTab<MembersTab>("members", "Members", MudBlazor.Icons.Material.Outlined.Groups, 30,
            e => string.Equals(e.Kind, Model.CatalogKinds.Group, StringComparison.OrdinalIgnoreCase));
        services.AddEntityTab<OwnershipTab>("ownership", "Ownership", MudBlazor.Icons.Material.Outlined.Inventory2, 40,
            e => e.Kind.ToLowerInvariant() is "group" or "user");
        services.AddHostedService<CatalogRefreshService>();
        return builder;
    }

    /// <summary>Starts reading the configured file locations; called right after the app is built, before migrations.</summary>
    public static WebApplication StartCatalogPrefetch(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var configured = app.Services.GetRequiredService<ConfiguredLocations>().All().Select(l => (l.Type, l.Target));
        app.Services.GetRequiredService<LocationPrefetch>().Start(configured);
        return app;
    }

    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPath).WithTags("Catalog");
        api.MapEntitiesApi();
        api.MapLocationsApi();
        api.MapCatalogChecksApi();
        return app;
    }
}
