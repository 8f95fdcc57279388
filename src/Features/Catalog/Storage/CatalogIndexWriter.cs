using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog.Relations;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Fawkes.Portal.Features.Catalog.Storage;

/// <summary>
/// Rebuilds the search rows and relations that changed entities originate. These are ~90% of the rows an ingestion
/// writes, so PostgreSQL gets them through COPY (inside the caller's transaction): text format for these short-string
/// rows (see <see cref="CopyText"/>), binary for entity rows; SQLite through EF batches.
/// </summary>
internal static class CatalogIndexWriter
{
    private const int Chunk = 2_000;

    /// <param name="changed">Each changed record with the entity to index (as <see cref="EntityRecordFactory.Fill"/> returned it; its uid is the record's id).</param>
    /// <param name="newIds">Records inserted in this run: they have no old rows to delete.</param>
    public static async Task ReindexAsync(PortalDbContext db, IReadOnlyCollection<(EntityRecord Record, JsonObject Served)> changed, IReadOnlySet<string> newIds, CancellationToken ct)
    {
        // Pipelined: the next chunk's rows are computed (on every core) while the database takes this chunk's COPY,
        // so the app's CPU work and PostgreSQL's index maintenance overlap instead of taking turns.
        var chunks = changed.Chunk(Chunk).ToList();
        var next = chunks.Count > 0 ? Task.Run(() => RowsOf(chunks[0]), ct) : null;
        for (var i = 0; i < chunks.Count; i++)
        {
            var (search, relations) = await next!;
            next = i + 1 < chunks.Count ? Task.Run(() => RowsOf(chunks[i + 1]), ct) : null;
            var ids = chunks[i].Select(c => c.Record.Id).Where(id => !newIds.Contains(id)).ToList();
            if (ids.Count > 0)
            {
                await db.Set<SearchRecord>().Where(s => ids.Contains(s.EntityId)).ExecuteDeleteAsync(ct);
                await db.Set<RelationRecord>().Where(r => ids.Contains(r.OriginEntityId)).ExecuteDeleteAsync(ct);
            }
            if (db.Database.GetDbConnection() is NpgsqlConnection connection)
            {
                await CopySearchAsync(connection, search, ct);
                await CopyRelationsAsync(connection, relations, ct);
            }
            else
            {
                db.AddRange(search);
                db.AddRange(relations);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The search rows and relations of a chunk of entities, computed in parallel, in entity order.</summary>
    private static (List<SearchRecord> Search, List<RelationRecord> Relations) RowsOf((EntityRecord Record, JsonObject Served)[] chunk)
    {
        var perEntity = new (IReadOnlyList<SearchEntry> Search, IReadOnlyList<EntityRelation> Relations)[chunk.Length];
        Parallel.For(0, chunk.Length, i => perEntity[i] = (SearchIndexer.Flatten(chunk[i].Served, chunk[i].Record.Id), RelationBuilder.Build(chunk[i].Served)));
        var search = new List<SearchRecord>(perEntity.Sum(p => p.Search.Count));
        var relations = new List<RelationRecord>(perEntity.Sum(p => p.Relations.Count));
        for (var i = 0; i < chunk.Length; i++)
        {
            var id = chunk[i].Record.Id;
            search.AddRange(perEntity[i].Search.Select(entry => new SearchRecord { EntityId = id, Key = entry.Key, Value = entry.Value, OriginalValue = entry.OriginalValue }));
            relations.AddRange(perEntity[i].Relations.Select(relation => new RelationRecord
            {
                OriginEntityId = id,
                SourceKey = relation.SourceKey,
                Type = relation.Type,
                TargetKey = relation.TargetKey,
                TargetRef = relation.Target.ToString(),
            }));
        }
        return (search, relations);
    }

    /// <summary>New entities: binary COPY on PostgreSQL (a bulk registration is mostly inserts), EF elsewhere.</summary>
    public static async Task InsertEntitiesAsync(PortalDbContext db, IReadOnlyCollection<EntityRecord> records, CancellationToken ct)
    {
        if (records.Count == 0)
        {
            return;
        }
        if (db.Database.GetDbConnection() is not NpgsqlConnection connection)
        {
            db.AddRange(records);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            return;
        }
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY catalog_entities (\"Id\", \"RefKey\", \"Kind\", \"Namespace\", \"Name\", \"KindKey\", \"NameKey\", \"TypeKey\", \"LifecycleKey\", " +
            "\"Title\", \"Type\", \"Lifecycle\", \"Owner\", \"System\", \"SearchText\", \"Json\", \"Etag\", \"SourceHash\", \"LocationId\", " +
            "\"ParentRef\", \"Orphan\", \"StatusJson\", \"CreatedAt\", \"UpdatedAt\") FROM STDIN (FORMAT BINARY)", ct);
        foreach (var e in records)
        {
            copy.StartRow();
            foreach (var text in new[] { e.Id, e.RefKey, e.Kind, e.Namespace, e.Name, e.KindKey, e.NameKey, e.TypeKey, e.LifecycleKey, e.Title, e.Type, e.Lifecycle, e.Owner, e.System, e.SearchText, e.Json, e.Etag, e.SourceHash })
            {
                WriteNullable(copy, text);
            }
            copy.Write(e.LocationId, NpgsqlDbType.Uuid);
            WriteNullable(copy, e.ParentRef);
            copy.Write(e.Orphan, NpgsqlDbType.Boolean);
            WriteNullable(copy, e.StatusJson);
            copy.Write(e.CreatedAt, NpgsqlDbType.TimestampTz);
            copy.Write(e.UpdatedAt, NpgsqlDbType.TimestampTz);
        }
        await copy.CompleteAsync(ct);
    }

    private static async Task CopySearchAsync(NpgsqlConnection connection, List<SearchRecord> rows, CancellationToken ct)
    {
        await using var copy = await connection.BeginTextImportAsync("COPY catalog_search (\"EntityId\", \"Key\", \"Value\", \"OriginalValue\") FROM STDIN", ct);
        foreach (var row in rows)
        {
            CopyText.Row(copy, row.EntityId, row.Key, row.Value, row.OriginalValue);
        }
    }

    private static async Task CopyRelationsAsync(NpgsqlConnection connection, List<RelationRecord> rows, CancellationToken ct)
    {
        await using var copy = await connection.BeginTextImportAsync(
            "COPY catalog_relations (\"OriginEntityId\", \"SourceKey\", \"Type\", \"TargetKey\", \"TargetRef\") FROM STDIN", ct);
        foreach (var row in rows)
        {
            CopyText.Row(copy, row.OriginEntityId, row.SourceKey, row.Type, row.TargetKey, row.TargetRef);
        }
    }

    // Synchronous writes into the importer's buffer: the async overloads cost a task per value, which dominated bulk loads.
    private static void WriteNullable(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, NpgsqlDbType.Text);
        }
    }

    /// <summary>
    /// After a bulk write the planner's statistics are stale (it would sort thousands of rows instead of walking an index).
    /// The writer runs it right after its commit.
    /// </summary>
    public static Task AnalyzeAsync(PortalDbContext db, CancellationToken ct) =>
        db.Database.GetDbConnection() is NpgsqlConnection
            ? db.Database.ExecuteSqlRawAsync("ANALYZE catalog_entities, catalog_search, catalog_relations", ct)
            : db.Database.ExecuteSqlRawAsync("ANALYZE", ct);

    public static async Task DeleteAsync(PortalDbContext db, IReadOnlyCollection<string> entityIds, CancellationToken ct)
    {
        foreach (var chunk in entityIds.Chunk(Chunk))
        {
            await db.Set<SearchRecord>().Where(s => chunk.Contains(s.EntityId)).ExecuteDeleteAsync(ct);
            await db.Set<RelationRecord>().Where(r => chunk.Contains(r.OriginEntityId)).ExecuteDeleteAsync(ct);
            await db.Set<EntityRecord>().Where(e => chunk.Contains(e.Id)).ExecuteDeleteAsync(ct);
        }
        await CatalogVersion.BumpAsync(db, ct);
    }
}
