using Fawkes.Portal.Data.Changes;

namespace Fawkes.Portal.App.Shared;

/// <summary>
/// Lets an open page follow the change feed: on a notice of its topic it calls back once, after a short quiet time, so a
/// burst of writes (an ingestion, a bulk send) reloads the page once instead of a hundred times.
/// </summary>
public sealed class ChangeSubscription : IDisposable
{
    private readonly ChangeFeed _feed;
    private readonly string _topic;
    private readonly Func<Task> _onChange;
    private readonly TimeSpan _quiet;
    private int _pending;
    private volatile bool _disposed;

    public ChangeSubscription(ChangeFeed feed, string topic, Func<Task> onChange, TimeSpan? quiet = null)
    {
        (_feed, _topic, _onChange, _quiet) = (feed, topic, onChange, quiet ?? TimeSpan.FromMilliseconds(300));
        _feed.Received += OnNotice;
    }

    private void OnNotice(ChangeNotice notice)
    {
        if (!notice.Concerns(_topic) || Interlocked.Exchange(ref _pending, 1) == 1)
        {
            return;
        }
        _ = Task.Run(async () =>
        {
            await Task.Delay(_quiet);
            Interlocked.Exchange(ref _pending, 0);
            if (_disposed)
            {
                return;
            }
            try
            {
                await _onChange();
            }
            catch (ObjectDisposedException)
            {
                // The page closed between the check and the reload: nothing to update.
            }
            catch (Exception ex)
            {
                // A failed background reload leaves the page as it was; the next notice tries again.
                System.Diagnostics.Trace.TraceWarning($"Reload after a {_topic} change failed: {ex.Message}");
            }
        });
    }

    public void Dispose()
    {
        _disposed = true;
        _feed.Received -= OnNotice;
    }
}
