using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog.Relations;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Fawkes.Portal.Features.Catalog.Storage;

/// <summary>
/// Rebuilds the search rows and relations that changed entities originate. These are ~90% of the rows an ingestion
/// writes, so PostgreSQL gets them through binary COPY (inside the caller's transaction); SQLite through EF batches.
/// </summary>
internal static class CatalogIndexWriter
{
    private const int Chunk = 2_000;

    /// <param name="changed">Each changed record with its served JSON (as <see cref="EntityRecordFactory.Fill"/> returned it).</param>
    /// <param name="newIds">Records inserted in this run: they have no old rows to delete.</param>
    public static async Task ReindexAsync(PortalDbContext db, IReadOnlyCollection<(EntityRecord Record, JsonObject Served)> changed, IReadOnlySet<string> newIds, CancellationToken ct)
    {
        foreach (var chunk in changed.Chunk(Chunk))
        {
            var ids = chunk.Select(c => c.Record.Id).Where(id => !newIds.Contains(id)).ToList();
            if (ids.Count > 0)
            {
                await db.Set<SearchRecord>().Where(s => ids.Contains(s.EntityId)).ExecuteDeleteAsync(ct);
                await db.Set<RelationRecord>().Where(r => ids.Contains(r.OriginEntityId)).ExecuteDeleteAsync(ct);
            }
            var search = new List<SearchRecord>();
            var relations = new List<RelationRecord>();
            foreach (var (record, served) in chunk)
            {
                search.AddRange(SearchIndexer.Flatten(served).Select(entry =>
                    new SearchRecord { EntityId = record.Id, Key = entry.Key, Value = entry.Value, OriginalValue = entry.OriginalValue }));
                relations.AddRange(RelationBuilder.Build(served).Select(relation => new RelationRecord
                {
                    OriginEntityId = record.Id,
                    SourceKey = relation.Source.Key,
                    Type = relation.Type,
                    TargetKey = relation.Target.Key,
                    TargetRef = relation.Target.ToString(),
                }));
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
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY catalog_search (\"EntityId\", \"Key\", \"Value\", \"OriginalValue\") FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            copy.StartRow();
            copy.Write(row.EntityId, NpgsqlDbType.Text);
            copy.Write(row.Key, NpgsqlDbType.Text);
            WriteNullable(copy, row.Value);
            WriteNullable(copy, row.OriginalValue);
        }
        await copy.CompleteAsync(ct);
    }

    private static async Task CopyRelationsAsync(NpgsqlConnection connection, List<RelationRecord> rows, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY catalog_relations (\"OriginEntityId\", \"SourceKey\", \"Type\", \"TargetKey\", \"TargetRef\") FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            copy.StartRow();
            copy.Write(row.OriginEntityId, NpgsqlDbType.Text);
            copy.Write(row.SourceKey, NpgsqlDbType.Text);
            copy.Write(row.Type, NpgsqlDbType.Text);
            copy.Write(row.TargetKey, NpgsqlDbType.Text);
            copy.Write(row.TargetRef, NpgsqlDbType.Text);
        }
        await copy.CompleteAsync(ct);
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
    /// ANALYZE runs inside the transaction, so the statistics are fresh the moment the entities become visible.
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
