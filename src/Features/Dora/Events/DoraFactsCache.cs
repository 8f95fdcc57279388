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
    public async Task<IReadOnlyList<DoraFacts>> FactsAsync(IReadOnlyCollection<string>? services, CancellationToken ct)
    {
        // Versions are read before the events: a change committed in between bumps the version again and is picked up next time.
        var versions = await VersionsAsync(ct);
        var wanted = services is null ? [.. versions.Keys] : services.Select(s => s.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Any(k => IsStale(k, versions)))
        {
            await _rebuilding.WaitAsync(ct);
            try
            {
                await RebuildAsync([.. wanted.Where(k => IsStale(k, versions))], versions, ct);
            }
            finally
            {
                _rebuilding.Release();
            }
        }
        return [.. wanted.Where(versions.ContainsKey).Select(k => _byService.TryGetValue(k, out var hit) ? hit.Facts : DoraFacts.Empty)];
    }

    private bool IsStale(string key, Dictionary<string, long> versions) =>
        versions.TryGetValue(key, out var version) && (!_byService.TryGetValue(key, out var cached) || cached.Version != version);

    private async Task<Dictionary<string, long>> VersionsAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<DoraServiceVersion>().AsNoTracking().ToDictionaryAsync(v => v.ServiceKey, v => v.Version, StringComparer.Ordinal, ct);
    }

    private async Task RebuildAsync(List<string> stale, Dictionary<string, long> versions, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var chunk in stale.Chunk(ServicesPerQuery))
        {
            var inputs = await store.LoadByServiceAsync(chunk, ct);
            foreach (var key in chunk)
            {
                _byService[key] = (versions[key], inputs.TryGetValue(key, out var input) ? DoraFacts.Build(input) : DoraFacts.Empty);
            }
        }
        logger.LogDebug("Rebuilt DORA facts of {Services} services in {Elapsed}", stale.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }
}
