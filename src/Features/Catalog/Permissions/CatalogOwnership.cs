using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog.Browse;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Relations;
using Fawkes.Portal.Features.Catalog.Storage;
using Fawkes.Portal.Identity.Permissions;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Catalog.Permissions;

/// <summary>What the permission rules need from the catalog: who a person is (their User and groups) and who owns a record.</summary>
public sealed class CatalogOwnership(CatalogBrowser browser, IDbContextFactory<PortalDbContext> factory) : IOwnershipDirectory
{
    public async Task<IReadOnlyCollection<string>> OwnerRefsAsync(string login, CancellationToken ct) => await browser.OwnerRefsAsync(login, ct);

    /// <summary>One entity: its <c>ownedBy</c> relation (or none).</summary>
    public static RecordOwners OfEntity(JsonObject entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var owner = entity["relations"]?.AsArray()
            .FirstOrDefault(r => r?["type"]?.GetValue<string>() == RelationTypes.OwnedBy)?["targetRef"]?.GetValue<string>();
        return new RecordOwners(RelationBuilder.RefOf(entity).ToString(), [owner]);
    }

    /// <summary>A location: the owner of every entity it provides (unregistering removes them all).</summary>
    public async Task<RecordOwners> OfLocationAsync(Guid locationId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var location = await db.Set<LocationRecord>().AsNoTracking().Where(l => l.Id == locationId)
            .Select(l => new { Name = l.Type + ":" + l.Target, l.RegisteredBy }).FirstOrDefaultAsync(ct);
        var owners = await db.Set<EntityRecord>().AsNoTracking().Where(e => e.LocationId == locationId).Select(e => e.Owner).ToListAsync(ct);
        return new RecordOwners($"location {location?.Name ?? locationId.ToString()}", owners, location?.RegisteredBy);
    }
}
