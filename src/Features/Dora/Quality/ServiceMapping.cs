using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fawkes.Portal.Features.Dora.Quality;

/// <summary>An Admin's decision that events sent as <see cref="FromKey"/> belong to catalog component <see cref="Component"/>.</summary>
public sealed class ServiceMapping
{
    public required string FromKey { get; set; }
    public required string Component { get; set; }
    public required string MappedBy { get; set; }
    public DateTimeOffset MappedAt { get; set; }
}

internal sealed class ServiceMappingConfiguration : IEntityTypeConfiguration<ServiceMapping>
{
    public void Configure(EntityTypeBuilder<ServiceMapping> b)
    {
        b.ToTable("dora_service_mappings");
        b.HasKey(m => m.FromKey);
        b.Property(m => m.FromKey).HasMaxLength(200);
        b.Property(m => m.Component).HasMaxLength(200);
        b.Property(m => m.MappedBy).HasMaxLength(100);
    }
}
