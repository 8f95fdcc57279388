using Fawkes.Portal.Data;
using Fawkes.Portal.Operations.Demo;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Catalog.Ingestion;

/// <summary>
/// Registers configured (and demo) locations, then refreshes every location on an interval,
/// skipping sources whose content did not change.
/// </summary>
internal sealed class CatalogRefreshService(
    LocationService locations, IOptions<CatalogOptions> options, DemoSeeder demo, ReplicaLock replicaLock, ILogger<CatalogRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var configured in options.Value.Locations)
            {
                await locations.EnsureAsync(configured.Type, configured.Target, "config", null, stoppingToken);
            }
            foreach (var organization in options.Value.GitHubDiscovery.Organizations)
            {
                await locations.EnsureAsync(SourceFetcher.GitHubDiscovery, organization, "config", null, stoppingToken);
            }
            if (demo.IsEnabled)
            {
                var demoCatalog = Path.Combine(demo.ContentRoot, "catalog", "catalog-info.yaml");
                await locations.EnsureAsync("file", Path.GetFullPath(demoCatalog), "demo", null, stoppingToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Registering configured catalog locations failed");
        }

        var interval = TimeSpan.FromSeconds(Math.Max(5, options.Value.RefreshIntervalSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // With several replicas on one PostgreSQL, one of them refreshes; the others skip this round.
                await using var held = await replicaLock.TryAcquireAsync("catalog-refresh", stoppingToken);
                if (held is not null)
                {
                    await locations.RefreshAllAsync(force: false, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One bad run must not stop the loop; each location's own problems are stored on it.
                logger.LogError(ex, "Catalog refresh failed");
            }
            await Task.Delay(interval, stoppingToken);
        }
    }
}
