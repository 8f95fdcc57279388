namespace Fawkes.Portal.Integrations;

/// <summary>
/// A short cache shared by every user, with one load in flight per key: fifty people opening the same service while
/// its answer is being fetched wait for that one fetch, and for <c>ttl</c> after it finished they get its answer.
/// The load runs on its own (never on a caller's cancellation), so one viewer leaving does not cancel it for the rest.
/// </summary>
public sealed class SingleFlightCache<T>(TimeProvider time, TimeSpan ttl)
{
    private const int PruneAbove = 512;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<T> GetAsync(string key, Func<Task<T>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        Task<T> task;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (!_entries.TryGetValue(key, out var entry) || entry.ExpiresAt <= now)
            {
                if (_entries.Count >= PruneAbove)
                {
                    foreach (var stale in _entries.Where(e => e.Value.ExpiresAt <= now).Select(e => e.Key).ToList())
                    {
                        _entries.Remove(stale);
                    }
                }
                entry = new Entry();
                entry.Task = RunAsync(entry, load);
                _entries[key] = entry;
            }
            task = entry.Task;
        }
        return task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Forgets every answer whose key matches, so the next caller loads afresh: after an action changed the upstream state
    /// (a sync), this replica's viewers see it at once instead of after <c>ttl</c>. Callers already waiting keep their load.
    /// </summary>
    public void Invalidate(Func<string, bool> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        lock (_gate)
        {
            foreach (var key in _entries.Keys.Where(matches).ToList())
            {
                _entries.Remove(key);
            }
        }
    }

    private async Task<T> RunAsync(Entry entry, Func<Task<T>> load)
    {
        await Task.Yield();
        try
        {
            var value = await load();
            entry.ExpiresAt = time.GetUtcNow() + ttl;
            return value;
        }
        catch
        {
            // A load that threw is not kept: the next caller tries again.
            entry.ExpiresAt = DateTimeOffset.MinValue;
            throw;
        }
    }

    private sealed class Entry
    {
        public Task<T> Task { get; set; } = default!;

        private long _expiresTicks = DateTimeOffset.MaxValue.UtcTicks;

        /// <summary>Max while the load runs, so callers join it instead of starting another. Written after the load, outside the lock: hence ticks, read and written atomically.</summary>
        public DateTimeOffset ExpiresAt
        {
            get => new(Interlocked.Read(ref _expiresTicks), TimeSpan.Zero);
            set => Interlocked.Exchange(ref _expiresTicks, value.UtcTicks);
        }
    }
}
