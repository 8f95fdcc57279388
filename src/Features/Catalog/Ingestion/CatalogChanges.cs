using Fawkes.Portal.Data.Changes;

namespace Fawkes.Portal.Features.Catalog.Ingestion;

/// <summary>
/// Tells the catalog's caches, snapshot and open pages that the catalog changed: this replica's writes at once
/// (<see cref="Notify"/>), every replica's through the change feed.
/// </summary>
public sealed class CatalogChanges
{
    public CatalogChanges(ChangeFeed feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        feed.Received += notice =>
        {
            // This replica's writes already called Notify before answering; the feed's echo would rebuild the snapshot twice.
            if (notice.Concerns(ChangeNotice.Catalog) && feed.IsFromElsewhere(notice))
            {
                Notify();
            }
        };
    }

    public event Action? Changed;

    public void Notify() => Changed?.Invoke();
}
