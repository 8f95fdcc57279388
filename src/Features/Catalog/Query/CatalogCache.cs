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

    public CatalogCache(CatalogChanges changes, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(changes);
        _time = time;
        changes.Changed += _entries.Clear;
    }

    public async Task<T> GetOrAddAsync<T>(string key, Func<Task<T>> compute) where T : notnull
    {
        ArgumentNullException.ThrowIfNull(compute);
        var now = _time.GetUtcNow();
        if (_entries.TryGetValue(key, out var hit) && now - hit.At < TimeToLive && hit.Value is T value)
        {
            return value;
        }
        var computed = await compute();
        if (_entries.Count > 10_000)
        {
            _entries.Clear(); // Bounded: arbitrary API filters must not grow this without limit.
        }
        _entries[key] = (now, computed);
        return computed;
    }

    public static string Key(string kind, EntityFilter filter, params string?[] parts) =>
        string.Join("\n", [kind, .. filter.ToParameters(), .. parts.Select(p => p ?? "")]);
}
