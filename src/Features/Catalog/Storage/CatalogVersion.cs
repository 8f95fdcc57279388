using Fawkes.Portal.Data;
using Fawkes.Portal.Data.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fawkes.Portal.Features.Catalog.Storage;

/// <summary>
/// One row whose version moves in the same transaction as every change to entities or relations, on any replica:
/// in-memory views of the whole catalog (<see cref="Query.EntitySnapshot"/>) compare it to know they are current.
/// </summary>
public sealed class CatalogVersion
{
    public const int SingletonId = 1;
    public int Id { get; set; }
    public long Version { get; set; }
    /// <summary>The <see cref="SearchIndexer.Version"/> the search rows were last built with (see <see cref="SearchIndexUpgrade"/>).</summary>
    public int SearchIndexVersion { get; set; }

    /// <summary>Moves the version and tells every replica through the change feed, both in the caller's transaction.</summary>
    public static async Task BumpAsync(PortalDbContext db, CancellationToken ct)
    {
        await db.Set<CatalogVersion>().Where(v => v.Id == SingletonId).ExecuteUpdateAsync(u => u.SetProperty(v => v.Version, v => v.Version + 1), ct);
        await ChangeFeed.PublishAsync(db, ChangeNotice.Catalog, null, ct);
    }

    public static Task<long> ReadAsync(PortalDbContext db, CancellationToken ct) =>
        db.Set<CatalogVersion>().AsNoTracking().Where(v => v.Id == SingletonId).Select(v => v.Version).FirstOrDefaultAsync(ct);
}

internal sealed class CatalogVersionConfiguration : IEntityTypeConfiguration<CatalogVersion>
{
    public void Configure(EntityTypeBuilder<CatalogVersion> b)
    {
        b.ToTable("catalog_version");
        b.HasKey(v => v.Id);
        b.Property(v => v.Id).ValueGeneratedNever();
        b.HasData(new CatalogVersion { Id = CatalogVersion.SingletonId, Version = 0 });
    }
}
