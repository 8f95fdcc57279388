using System.Net.Sockets;
using Fawkes.Portal.Features.Catalog.Api;
using Fawkes.Portal.Features.Catalog.Entity;
using Fawkes.Portal.Features.Catalog.Entity.Tabs;
using Fawkes.Portal.Features.Catalog.Ingestion;
using Fawkes.Portal.Features.Catalog.Query;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Catalog;

public static class CatalogExtensions
{
    public static WebApplicationBuilder AddCatalog(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.Section)
            .Validate(o => o.RefreshIntervalSeconds >= 5, "Catalog:RefreshIntervalSeconds must be at least 5.")
            .Validate(o => o.MaxFileBytes > 0, "Catalog:MaxFileBytes must be positive.")
            .ValidateOnStart();
        // Catalog files may nest CatalogYamlReader.MaxDepth (64) levels; responses wrap entities in a few more
        // ({"entities": [...]}), past System.Text.Json's default of 64, which would answer 500.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.MaxDepth = Math.Max(o.SerializerOptions.MaxDepth, Yaml.CatalogYamlReader.MaxDepth + 16));
        services.AddHttpClient(UrlFetcher.ClientName, c => c.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(sp => GuardedHandler(sp.GetRequiredService<IOptions<CatalogOptions>>()));
        services.AddOptions<Integrations.GitHub.GitHubOptions>().BindConfiguration(Integrations.GitHub.GitHubOptions.Section)
            .Validate(o => Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out _), "Integrations:GitHub:ApiBaseUrl must be an absolute URL.")
            .ValidateOnStart();
        services.AddSingleton<Integrations.GitHub.GitHubCatalogSource>();
        services.AddSingleton<UrlFetcher>();
        services.AddSingleton(sp => FileRoots.From(sp.GetRequiredService<IOptions<CatalogOptions>>().Value,
            sp.GetRequiredService<Operations.Demo.DemoSeeder>() is { IsEnabled: true } demo ? Path.Combine(demo.ContentRoot, "catalog") : null));
        services.AddSingleton<SourceFetcher>();
        services.AddSingleton<BackstageMirror>();
        services.AddSingleton<LocationReader>();
        services.AddSingleton<CatalogWriter>();
        services.AddSingleton<CatalogChanges>();
        services.AddSingleton<LocationService>();
        services.AddSingleton<ConfiguredLocations>();
        services.AddSingleton<Query.EntitySnapshot>();
        services.AddHostedService(sp => sp.GetRequiredService<Query.EntitySnapshot>());
        services.AddSingleton<CatalogCache>();
        services.AddSingleton<CatalogQueries>();
        services.AddSingleton<Browse.StarService>();
        services.AddSingleton<Browse.CatalogBrowser>();
        services.AddSingleton<App.Home.IHomeStatProvider, Browse.CatalogHomeStats>();
        services.AddSingleton<Entity.EntityTabRegistry>();
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

    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/catalog").WithTags("Catalog");
        api.MapEntitiesApi();
        api.MapLocationsApi();
        return app;
    }

    /// <summary>
    /// Checks the address actually connected to (after DNS and redirects), so DNS rebinding cannot
    /// slip a private address past <see cref="UrlFetcher.CheckAsync"/>.
    /// </summary>
    private static SocketsHttpHandler GuardedHandler(IOptions<CatalogOptions> options) => new()
    {
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 3,
        ConnectCallback = async (context, ct) =>
        {
            var addresses = await System.Net.Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
            if (!options.Value.AllowPrivateNetworks && addresses.Any(UrlFetcher.IsPrivate))
            {
                throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves to a loopback or private address; refused.");
            }
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
