using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fawkes.Portal.Features.Catalog.Storage;

internal sealed class EntityRecordConfiguration : IEntityTypeConfiguration<EntityRecord>
{
    public void Configure(EntityTypeBuilder<EntityRecord> b)
    {
        b.ToTable("catalog_entities");
        b.Property(e => e.Id).HasMaxLength(36);
        b.Property(e => e.RefKey).HasMaxLength(400);
        b.HasIndex(e => e.RefKey).IsUnique();
        b.Property(e => e.Kind).HasMaxLength(63);
        b.Property(e => e.Namespace).HasMaxLength(63);
        b.Property(e => e.Name).HasMaxLength(63);
        b.Property(e => e.Etag).HasMaxLength(40);
        b.Property(e => e.SourceHash).HasMaxLength(64);
        b.HasIndex(e => e.LocationId);
        b.Property(e => e.KindKey).HasMaxLength(63);
        b.Property(e => e.NameKey).HasMaxLength(63);
        b.HasIndex(e => new { e.KindKey, e.NameKey, e.Id });
        b.HasIndex(e => new { e.NameKey, e.Id });
        b.HasIndex(e => e.TypeKey);
        b.HasIndex(e => e.LifecycleKey);
    }
}

internal sealed class SearchRecordConfiguration : IEntityTypeConfiguration<SearchRecord>
{
    public void Configure(EntityTypeBuilder<SearchRecord> b)
    {
        b.ToTable("catalog_search");
        b.Property(e => e.EntityId).HasMaxLength(36);
        b.HasIndex(e => e.EntityId);
        b.HasIndex(e => new { e.Key, e.Value });
    }
}

internal sealed class RelationRecordConfiguration : IEntityTypeConfiguration<RelationRecord>
{
    public void Configure(EntityTypeBuilder<RelationRecord> b)
    {
        b.ToTable("catalog_relations");
        b.Property(e => e.OriginEntityId).HasMaxLength(36);
        b.Property(e => e.Type).HasMaxLength(40);
        b.HasIndex(e => e.OriginEntityId);
        b.HasIndex(e => e.SourceKey);
        b.HasIndex(e => e.TargetKey);
    }
}

internal sealed class LocationRecordConfiguration : IEntityTypeConfiguration<LocationRecord>
{
    public void Configure(EntityTypeBuilder<LocationRecord> b)
    {
        b.ToTable("catalog_locations");
        b.Property(e => e.Type).HasMaxLength(40);
        b.Property(e => e.Target).HasMaxLength(2000);
        b.Property(e => e.Origin).HasMaxLength(20);
        b.HasIndex(e => new { e.Type, e.Target }).IsUnique();
    }
}

internal sealed class StarRecordConfiguration : IEntityTypeConfiguration<StarRecord>
{
    public void Configure(EntityTypeBuilder<StarRecord> b)
    {
        b.ToTable("catalog_stars");
        b.HasKey(e => new { e.UserLogin, e.RefKey });
    }
}
