using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog.Relations;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Catalog.Storage;

/// <summary>Rebuilds the search rows and relations that changed entities originate.</summary>
internal static class CatalogIndexWriter
{
    public static async Task ReindexAsync(PortalDbContext db, IReadOnlyCollection<(EntityRecord Record, JsonObject Entity)> changed, CancellationToken ct)
    {
        foreach (var chunk in changed.Chunk(500))
        {
            var ids = chunk.Select(c => c.Record.Id).ToList();
            await db.Set<SearchRecord>().Where(s => ids.Contains(s.EntityId)).ExecuteDeleteAsync(ct);
            await db.Set<RelationRecord>().Where(r => ids.Contains(r.OriginEntityId)).ExecuteDeleteAsync(ct);
            foreach (var (record, _) in chunk)
            {
                var served = JsonNode.Parse(record.Json)!.AsObject();
                foreach (var entry in SearchIndexer.Flatten(served))
                {
                    db.Add(new SearchRecord { EntityId = record.Id, Key = entry.Key, Value = entry.Value, OriginalValue = entry.OriginalValue });
                }
                foreach (var relation in RelationBuilder.Build(served))
                {
                    db.Add(new RelationRecord
                    {
                        OriginEntityId = record.Id,
                        SourceKey = relation.Source.Key,
                        Type = relation.Type,
                        TargetKey = relation.Target.Key,
                        TargetRef = relation.Target.ToString(),
                    });
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    public static async Task DeleteAsync(PortalDbContext db, IReadOnlyCollection<string> entityIds, CancellationToken ct)
    {
        foreach (var chunk in entityIds.Chunk(500))
        {
            await db.Set<SearchRecord>().Where(s => chunk.Contains(s.EntityId)).ExecuteDeleteAsync(ct);
            await db.Set<RelationRecord>().Where(r => chunk.Contains(r.OriginEntityId)).ExecuteDeleteAsync(ct);
            await db.Set<EntityRecord>().Where(e => chunk.Contains(e.Id)).ExecuteDeleteAsync(ct);
        }
    }
}
