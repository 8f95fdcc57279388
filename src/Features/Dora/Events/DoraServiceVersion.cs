using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fawkes.Portal.Features.Dora.Events;

/// <summary>
/// Bumped in the same transaction as every change to a service's events, so each replica can tell, with one small
/// query, which services' cached facts are out of date (also after changes other replicas made).
/// </summary>
public sealed class DoraServiceVersion
{
    public required string ServiceKey { get; set; }
    public long Version { get; set; }
}

internal sealed class DoraServiceVersionConfiguration : IEntityTypeConfiguration<DoraServiceVersion>
{
    public void Configure(EntityTypeBuilder<DoraServiceVersion> b)
    {
        b.ToTable("dora_service_versions");
        b.HasKey(e => e.ServiceKey);
        b.Property(e => e.ServiceKey).HasMaxLength(200);
    }
}

internal static class DoraServiceVersions
{
    /// <summary>Marks the services' events as changed; part of the caller's transaction.</summary>
    public static async Task BumpAsync(Data.PortalDbContext db, IEnumerable<string> serviceKeys, CancellationToken ct)
    {
        // Sorted keys keep concurrent batches from deadlocking on each other's rows.
        foreach (var chunk in serviceKeys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Chunk(500))
        {
            // One statement per chunk; the same SQL on PostgreSQL and SQLite.
            var values = string.Join(", ", chunk.Select((_, i) => $"({{{i}}}, 1)"));
#pragma warning disable EF1003 // Only {0}, {1}… placeholders are concatenated; every key is a parameter.
            await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO dora_service_versions (\"ServiceKey\", \"Version\") VALUES {values} " +
                "ON CONFLICT (\"ServiceKey\") DO UPDATE SET \"Version\" = dora_service_versions.\"Version\" + 1",
                chunk.Cast<object>(), ct);
#pragma warning restore EF1003
        }
    }
}
