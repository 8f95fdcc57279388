using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fawkes.Portal.Features.Dora.Events;

/// <summary>
/// Bumped in the same transaction as every change to a service's events, so each replica can tell, with one small
/// query, which services' cached facts are out of date (also after changes other replicas made).
/// </summary>
/// <remarks>A row exists exactly while the service has events: it also lists the services cheaply, with their names as sent.</remarks>
public sealed class DoraServiceVersion
{
    public required string ServiceKey { get; set; }
    public required string Service { get; set; }
    public long Version { get; set; }
}

internal sealed class DoraServiceVersionConfiguration : IEntityTypeConfiguration<DoraServiceVersion>
{
    public void Configure(EntityTypeBuilder<DoraServiceVersion> b)
    {
        b.ToTable("dora_service_versions");
        b.HasKey(e => e.ServiceKey);
        b.Property(e => e.ServiceKey).HasMaxLength(200);
        b.Property(e => e.Service).HasMaxLength(200);
    }
}

internal static class DoraServiceVersions
{
    /// <summary>Marks the services' events as changed (name as sent, by key); part of the caller's transaction.</summary>
    public static async Task BumpAsync(Data.PortalDbContext db, IEnumerable<string> services, CancellationToken ct)
    {
        var byKey = services.GroupBy(s => s.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        // Sorted keys keep concurrent batches from deadlocking on each other's rows.
        foreach (var chunk in byKey.OrderBy(p => p.Key, StringComparer.Ordinal).Chunk(500))
        {
            // One statement per chunk; the same SQL on PostgreSQL and SQLite.
            var values = string.Join(", ", chunk.Select((_, i) => $"({{{2 * i}}}, {{{2 * i + 1}}}, 1)"));
#pragma warning disable EF1003 // Only {0}, {1}… placeholders are concatenated; every key and name is a parameter.
            await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO dora_service_versions (\"ServiceKey\", \"Service\", \"Version\") VALUES {values} " +
                "ON CONFLICT (\"ServiceKey\") DO UPDATE SET \"Version\" = dora_service_versions.\"Version\" + 1, \"Service\" = excluded.\"Service\"",
                chunk.SelectMany(p => new object[] { p.Key, p.Value }), ct);
#pragma warning restore EF1003
        }
        // Few services: a notice each (open pages of one service can tell); a bulk load: one notice for all.
        foreach (var key in byKey.Count <= 20 ? byKey.Keys.Select(k => (string?)k) : [null])
        {
            await Data.Changes.ChangeFeed.PublishAsync(db, Data.Changes.ChangeNotice.Dora, key, ct);
        }
    }

    /// <summary>A service whose events all moved elsewhere has none left: its row goes, so caches drop it.</summary>
    public static async Task RemoveIfEmptyAsync(Data.PortalDbContext db, string serviceKey, CancellationToken ct)
    {
        if (!await db.Set<DoraEventRecord>().AnyAsync(e => e.ServiceKey == serviceKey, ct))
        {
            await db.Set<DoraServiceVersion>().Where(v => v.ServiceKey == serviceKey).ExecuteDeleteAsync(ct);
        }
    }
}
