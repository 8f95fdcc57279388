using System.Collections.Concurrent;
using Fawkes.Portal.Features.Catalog.Ingestion;

namespace Fawkes.Portal.Features.Catalog.Query;

/// <summary>
/// Facet counts and result totals only change when the catalog does. Cleared on every change this replica makes;
/// a short time-to-live bounds staleness for changes made by other replicas.
/// </summary>
public sealed class CatalogCache
{
    private static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, object Value)> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _generation;

    public CatalogCache(CatalogChanges changes, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(changes);
        _time = time;
        changes.Changed += Invalidate;
    }

    public async Task<T> GetOrAddAsync<T>(string key, Func<Task<T>> compute) where T : notnull
    {
        ArgumentNullException.ThrowIfNull(compute);
        var now = _time.GetUtcNow();
        if (_entries.TryGetValue(key, out var hit) && now - hit.At < TimeToLive && hit.Value is T value)
        {
            return value;
        }
        // A value computed while the catalog changed may predate the change; it is returned but not kept,
        // otherwise a count read just before ingestion committed would stay stale for the whole time-to-live.
        var generation = Interlocked.Read(ref _generation);
        var computed = await compute();
        if (Interlocked.Read(ref _generation) != generation)
        {
            return computed;
        }
        if (_entries.Count > 10_000)
        {
            _entries.Clear(); // Bounded: arbitrary API filters must not grow this without limit.
        }
        _entries[key] = (now, computed);
        return computed;
    }

    private void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    public static string Key(string kind, EntityFilter filter, params string?[] parts) =>
        string.Join("\n", [kind, .. filter.ToParameters(), .. parts.Select(p => p ?? "")]);
}
