using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Relations;
using Fawkes.Portal.Features.Catalog.Validation;

namespace Fawkes.Portal.Features.Catalog.Storage;

/// <summary>Fills an <see cref="EntityRecord"/> (denormalized columns, uid, etag) from a validated entity.</summary>
public static class EntityRecordFactory
{
    /// <summary>SHA-256 of the entity's compact JSON: the same bytes as <c>ToJsonString()</c> in UTF-8, without the string.</summary>
    public static string SourceHash(JsonObject entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            entity.WriteTo(writer);
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    public static string NewEtag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <returns>
    /// The entity to index (search rows and relations, with <c>metadata.uid</c> = the record's id): the given entity
    /// itself, untouched, or for an orphan a copy with the orphan annotation.
    /// </returns>
    public static JsonObject Fill(EntityRecord record, JsonObject entity, bool orphan)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(entity);
        var served = entity;
        if (orphan)
        {
            served = (JsonObject)entity.DeepClone();
            var orphanMetadata = (JsonObject)served["metadata"]!;
            var annotations = orphanMetadata["annotations"] as JsonObject ?? new JsonObject();
            annotations[CatalogAnnotations.Orphan] = "true";
            orphanMetadata["annotations"] = annotations;
        }
        var metadata = (JsonObject)served["metadata"]!;
        var spec = served["spec"] as JsonObject;
        var entityRef = RelationBuilder.RefOf(served);
        record.RefKey = entityRef.Key;
        record.Kind = entityRef.Kind;
        record.Namespace = entityRef.Namespace;
        record.Name = entityRef.Name;
        record.Title = EntityValidator.AsString(metadata["title"]);
        record.Type = EntityValidator.AsString(spec?["type"]);
        record.Lifecycle = EntityValidator.AsString(spec?["lifecycle"]);
        record.Owner = NormalizedRef(EntityValidator.AsString(spec?["owner"]), CatalogKinds.Group, entityRef.Namespace);
        record.System = NormalizedRef(EntityValidator.AsString(spec?["system"]), CatalogKinds.System, entityRef.Namespace);
        record.KindKey = entityRef.Kind.ToLowerInvariant();
        record.NameKey = entityRef.Name.ToLowerInvariant();
        record.TypeKey = record.Type?.ToLowerInvariant();
        record.LifecycleKey = record.Lifecycle?.ToLowerInvariant();
        record.Orphan = orphan;
        var tags = (metadata["tags"] as JsonArray)?.Select(EntityValidator.AsString) ?? [];
        record.SearchText = string.Join(' ', new[] { entityRef.Name, record.Title, EntityValidator.AsString(metadata["description"]), record.Kind, record.Type }
            .Concat(tags).Where(s => !string.IsNullOrEmpty(s))).ToLowerInvariant();
        // Written with uid and etag in place instead of cloning the entity to set them: a bulk registration fills
        // thousands of records, and the clone was most of this method's allocations.
        record.Json = ServedJson.Write(served, record.Id, record.Etag);
        return served;
    }

    private static string? NormalizedRef(string? value, string defaultKind, string ns) =>
        value is not null && EntityRef.TryParse(value, defaultKind, ns, out var r, out _) ? r.Key : null;
}
