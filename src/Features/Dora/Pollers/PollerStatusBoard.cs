using System.Collections.Concurrent;

namespace Fawkes.Portal.Features.Dora.Pollers;

/// <summary>How a poller's last round on this replica went. <see cref="Error"/> names each failing app or job.</summary>
public sealed record PollerStatus(string Name, DateTimeOffset LastRunAt, bool Ok, string? Error, int EventsAdded, int Rounds);

/// <summary>
/// The last round of each poller, in memory: enough for an Admin to see why events are missing. Each replica shows
/// what it ran itself (only the replica holding the lock polls).
/// </summary>
public sealed class PollerStatusBoard
{
    private readonly ConcurrentDictionary<string, PollerStatus> _last = new(StringComparer.Ordinal);

    public void Record(string name, DateTimeOffset at, int added, IReadOnlyList<string> errors) =>
        _last.AddOrUpdate(name,
            _ => new PollerStatus(name, at, errors.Count == 0, Join(errors), added, 1),
            (_, previous) => new PollerStatus(name, at, errors.Count == 0, Join(errors), added, previous.Rounds + 1));

    public IReadOnlyList<PollerStatus> All() => [.. _last.Values.OrderBy(s => s.Name, StringComparer.Ordinal)];

    private static string? Join(IReadOnlyList<string> errors) => errors.Count == 0 ? null : string.Join("; ", errors);
}
