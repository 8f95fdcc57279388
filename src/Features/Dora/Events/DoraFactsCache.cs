using System.Collections.Concurrent;
using Fawkes.Portal.Data;
using Fawkes.Portal.Data.Changes;
using Fawkes.Portal.Features.Dora.Calculation;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Dora.Events;

/// <summary>
/// <see cref="DoraFacts"/> per service, rebuilt only when that service's version (bumped with every change, by any
/// replica) moved. An organisation dashboard then costs one small version query plus in-memory window arithmetic,
/// instead of reading and attributing every event on each request.
/// </summary>
public sealed class DoraFactsCache
{
    private const int ServicesPerQuery = 25;
    private readonly IDbContextFactory<PortalDbContext> factory;
    private readonly DoraEventStore store;
    private readonly ChangeFeed feed;
    private readonly ILogger<DoraFactsCache> logger;
    /// <summary>The version rows as last read; kept while the change feed is connected and no DORA change arrived since.</summary>
    private Dictionary<string, long>? _versions;
    private long _generation;

    public DoraFactsCache(IDbContextFactory<PortalDbContext> factory, DoraEventStore store, ChangeFeed feed, ILogger<DoraFactsCache> logger)
    {
        (this.factory, this.store, this.feed, this.logger) = (factory, store, feed, logger);
        feed.Received += notice =>
        {
            if (notice.Concerns(ChangeNotice.Dora))
            {
                Forget();
            }
        };
        // This replica's own writes: before the 202 goes out, so a read right after a write never sees old versions.
        store.Changed += Forget;
    }

    private void Forget()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _versions, null);
    }
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

    /// <summary>
    /// Read from the database only after a change notice (or while the feed is down, when the version rows are the only
    /// signal). A notice that arrives during the read leaves the result unkept, so it is read again next time.
    /// </summary>
    private async Task<Dictionary<string, long>> VersionsAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _versions) is { } known && feed.Connected)
        {
            return known;
        }
        var generation = Interlocked.Read(ref _generation);
        await using var db = await factory.CreateDbContextAsync(ct);
        var versions = await db.Set<DoraServiceVersion>().AsNoTracking().ToDictionaryAsync(v => v.ServiceKey, v => v.Version, StringComparer.Ordinal, ct);
        if (Interlocked.Read(ref _generation) == generation && feed.Connected)
        {
            Interlocked.CompareExchange(ref _versions, versions, null);
            if (Interlocked.Read(ref _generation) != generation)
            {
                Volatile.Write(ref _versions, null);
            }
        }
        return versions;
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
