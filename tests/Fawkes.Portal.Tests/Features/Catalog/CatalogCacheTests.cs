using Fawkes.Portal.Features.Catalog.Ingestion;
using Fawkes.Portal.Features.Catalog.Query;

namespace Fawkes.Portal.Tests.Features.Catalog;

public sealed class CatalogCacheTests
{
    [Fact]
    public async Task A_value_computed_while_the_catalog_changed_is_not_kept()
    {
        var changes = new CatalogChanges(new Fawkes.Portal.Data.Changes.ChangeFeed(Microsoft.Extensions.Logging.Abstractions.NullLogger<Fawkes.Portal.Data.Changes.ChangeFeed>.Instance));
        var cache = new CatalogCache(changes, TimeProvider.System);
        var count = 0;

        // The count is read (0), then ingestion commits and notifies before the read is stored.
        var stale = await cache.GetOrAddAsync("count", () =>
        {
            var read = count;
            count = 60;
            changes.Notify();
            return Task.FromResult(read);
        });
        var next = await cache.GetOrAddAsync("count", () => Task.FromResult(count));

        Assert.Equal(0, stale);
        Assert.Equal(60, next);
    }

    [Fact]
    public async Task Values_are_kept_until_the_catalog_changes()
    {
        var changes = new CatalogChanges(new Fawkes.Portal.Data.Changes.ChangeFeed(Microsoft.Extensions.Logging.Abstractions.NullLogger<Fawkes.Portal.Data.Changes.ChangeFeed>.Instance));
        var cache = new CatalogCache(changes, TimeProvider.System);
        var computed = 0;

        await cache.GetOrAddAsync("k", () => Task.FromResult(++computed));
        await cache.GetOrAddAsync("k", () => Task.FromResult(++computed));
        changes.Notify();
        var after = await cache.GetOrAddAsync("k", () => Task.FromResult(++computed));

        Assert.Equal(2, after);
    }
}
