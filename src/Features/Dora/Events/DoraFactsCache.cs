using System.Collections.Concurrent;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Dora.Calculation;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Dora.Events;

/// <summary>
/// <see cref="DoraFacts"/> per service, rebuilt only when that service's version (bumped with every change, by any
/// replica) moved. An organisation dashboard then costs one small version query plus in-memory window arithmetic,
/// instead of reading and attributing every event on each request.
/// </summary>
public sealed class DoraFactsCache(IDbContextFactory<PortalDbContext> factory, DoraEventStore store, ILogger<DoraFactsCache> logger)
{
    private const int ServicesPerQuery = 25;
    private readonly ConcurrentDictionary<string, (long Version, DoraFacts Facts)> _byService = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _rebuilding = new(1, 1);

    /// <summary>The facts of these services (null: every service with events), one part per service.</summary>
    /// <param name="environment">The environment measured (lowercase): production, or another one a dashboard filter asks for.</param>
    public async Task<IReadOnlyList<DoraFacts>> FactsAsync(IReadOnlyCollection<string>? services, string environment, CancellationToken ct)
    {
        // Versions are read before the events: a change committed in between bumps the version again and is picked up next time.
        var versions = await VersionsAsync(ct);
        var wanted = services is null ? [.. versions.Keys] : services.Select(s => s.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Any(k => IsStale(k, environment, versions)))
        {
            await _rebuilding.WaitAsync(ct);
            try
            {
                await RebuildAsync([.. wanted.Where(k => IsStale(k, environment, versions))], environment, versions, ct);
            }
            finally
            {
                _rebuilding.Release();
            }
        }
        return [.. wanted.Where(versions.ContainsKey).Select(k => _byService.TryGetValue(CacheKey(k, environment), out var hit) ? hit.Facts : DoraFacts.Empty)];
    }

    private static string CacheKey(string serviceKey, string environment) => environment == "production" ? serviceKey : $"{serviceKey}\n{environment}";

    private bool IsStale(string key, string environment, Dictionary<string, long> versions) =>
        versions.TryGetValue(key, out var version) && (!_byService.TryGetValue(CacheKey(key, environment), out var cached) || cached.Version != version);

    private async Task<Dictionary<string, long>> VersionsAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<DoraServiceVersion>().AsNoTracking().ToDictionaryAsync(v => v.ServiceKey, v => v.Version, StringComparer.Ordinal, ct);
    }

    private async Task RebuildAsync(List<string> stale, string environment, Dictionary<string, long> versions, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var chunk in stale.Chunk(ServicesPerQuery))
        {
            var inputs = await store.LoadByServiceAsync(chunk, ct);
            foreach (var key in chunk)
            {
                _byService[CacheKey(key, environment)] = (versions[key], inputs.TryGetValue(key, out var input) ? DoraFacts.Build(input, environment) : DoraFacts.Empty);
            }
        }
        logger.LogDebug("Rebuilt DORA facts of {Services} services in {Elapsed}", stale.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }
}
