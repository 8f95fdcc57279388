using Fawkes.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Catalog.Query;

/// <summary>A by-query page of whole entities as served UTF-8 JSON, straight from the <see cref="EntitySnapshot"/>.</summary>
public sealed record Utf8EntityPage(IReadOnlyList<byte[]> Items, int TotalItems, QueryCursor? Next, QueryCursor? Prev);

/// <summary>
/// by-query without a projection, the catalog client's most common call. The page query reads only identities; each
/// entity's served bytes are copied into the answer as they are, as by-name does, instead of being parsed into a
/// document and written out again (a 20-entity page's p50 about 10 % lower; bench/README.md, session 8).
/// </summary>
public sealed class WholeEntityPages(IDbContextFactory<PortalDbContext> factory, CatalogCache cache, EntitySnapshot snapshot)
{
    /// <returns>Null when the snapshot is not current or lacks an entity: the caller then composes from the database.</returns>
    public async Task<Utf8EntityPage?> QueryAsync(ByQuery query, QueryCursor? cursor, int? limit, int? offset, bool countTotal, CancellationToken ct)
    {
        // Pages that need no SQL (uid order, column filters) are cut from the snapshot itself.
        if (await snapshot.TryPageAsync(cursor?.Query ?? query, cursor, limit, offset, countTotal, ct) is { } inMemory)
        {
            return inMemory;
        }
        // While the snapshot is stale (a rebuild after a change), do not run the page query only to run it again.
        if (!await snapshot.IsServingAsync(ct))
        {
            return null;
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var page = await KeysetQuery.RunAsync(db, cache, cursor?.Query ?? query, cursor, limit, offset, countTotal, ct, identityOnly: true);
        if (await snapshot.TryGetManyAsync(page.Records.Select(r => r.RefKey), ct) is not { } found || found.Any(json => json is null))
        {
            return null;
        }
        var items = found.OfType<byte[]>().ToList();
        return new Utf8EntityPage(items, page.TotalItems, page.Next, page.Prev);
    }
}
