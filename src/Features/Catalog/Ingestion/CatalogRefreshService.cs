using Fawkes.Portal.Data;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Catalog.Ingestion;

/// <summary>
/// Registers configured (and demo) locations, then refreshes every location on an interval,
/// skipping sources whose content did not change.
/// </summary>
internal sealed class CatalogRefreshService(
    LocationService locations, ConfiguredLocations configured, Storage.SearchIndexUpgrade searchIndex, IOptions<CatalogOptions> options,
    ReplicaLock replicaLock, ILogger<CatalogRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await searchIndex.RunAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not migrated yet, or the database is away: filters keep the old rows until the next start retries.
            logger.LogError(ex, "Rebuilding the catalog search index failed; it is retried at the next start");
        }
        try
        {
            await configured.RegisterAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only the replica lock itself can fail here (each location's failure is caught and logged on its own).
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
