using Fawkes.Portal.Data.Changes;

namespace Fawkes.Portal.Features.Dora.Events;

/// <summary>
/// Other replicas' DORA changes raise this replica's <see cref="DoraEventStore.Changed"/> too, so its gauges and commit
/// resolver react to every write, wherever it landed.
/// </summary>
internal sealed class DoraChangeRelay(ChangeFeed feed, DoraEventStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        feed.Received += OnNotice;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        feed.Received -= OnNotice;
        return Task.CompletedTask;
    }

    private void OnNotice(ChangeNotice notice)
    {
        // The store raised Changed itself for this replica's writes.
        if (notice.Concerns(ChangeNotice.Dora) && feed.IsFromElsewhere(notice))
        {
            store.NotifyChanged();
        }
    }
}
