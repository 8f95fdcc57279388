using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Fawkes.Portal.Features.Templates.Tasks;

/// <summary>
/// In-process fan-out of new task events: the run page, the event stream and the long poll wake at once for events
/// written in this process, and poll the database every second for those written by another replica.
/// </summary>
public sealed class TaskEventHub
{
    private readonly ConcurrentDictionary<Guid, ImmutableList<Action<TaskEventView>>> _subscribers = new();

    /// <summary>Raised when a task becomes open (created, or approved), so the worker claims it without waiting for its poll.</summary>
    public event Action? TaskOpened;

    public IDisposable Subscribe(Guid taskId, Action<TaskEventView> handler)
    {
        _subscribers.AddOrUpdate(taskId, _ => [handler], (_, list) => list.Add(handler));
        return new Subscription(() => _subscribers.AddOrUpdate(taskId, _ => [], (_, list) => list.Remove(handler)));
    }

    public void Publish(TaskEventView taskEvent)
    {
        ArgumentNullException.ThrowIfNull(taskEvent);
        if (_subscribers.TryGetValue(taskEvent.TaskId, out var handlers))
        {
            foreach (var handler in handlers)
            {
                try
                {
                    handler(taskEvent);
                }
                catch (ObjectDisposedException)
                {
                    // A listener that went away between the snapshot and the call.
                }
            }
        }
    }

    public void NotifyOpened() => TaskOpened?.Invoke();

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
