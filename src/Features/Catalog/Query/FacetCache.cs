using System.Collections.Concurrent;
using Fawkes.Portal.Features.Catalog.Ingestion;

namespace Fawkes.Portal.Features.Catalog.Query;

/// <summary>
/// Facet counts only change when the catalog does. Cleared on every change this replica makes; a short time-to-live
/// bounds staleness for changes made by other replicas.
/// </summary>
public sealed class FacetCache
{
    private static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, IReadOnlyList<FacetValue> Values)> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public FacetCache(CatalogChanges changes, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(changes);
        _time = time;
        changes.Changed += _entries.Clear;
    }

    public async Task<IReadOnlyList<FacetValue>> GetOrAddAsync(string facet, EntityFilter filter, Func<Task<IReadOnlyList<FacetValue>>> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var key = facet + "\n" + string.Join("\n", filter.ToParameters());
        var now = _time.GetUtcNow();
        if (_entries.TryGetValue(key, out var hit) && now - hit.At < TimeToLive)
        {
            return hit.Values;
        }
        var values = await compute();
        _entries[key] = (now, values);
        return values;
    }
}
