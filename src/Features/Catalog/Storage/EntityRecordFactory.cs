using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Relations;
using Fawkes.Portal.Features.Catalog.Validation;

namespace Fawkes.Portal.Features.Catalog.Storage;

/// <summary>Fills an <see cref="EntityRecord"/> (denormalized columns, uid, etag) from a validated entity.</summary>
public static class EntityRecordFactory
{
    public static string SourceHash(JsonObject entity) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(entity.ToJsonString())));

    public static string NewEtag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <returns>The entity as served (with uid and etag), for indexing without parsing the JSON again.</returns>
    public static JsonObject Fill(EntityRecord record, JsonObject entity, bool orphan)
    {
        ArgumentNullException.ThrowIfNull(record);
        var served = (JsonObject)entity.DeepClone();
        var metadata = (JsonObject)served["metadata"]!;
        metadata["uid"] = record.Id;
        metadata["etag"] = record.Etag;
        if (orphan)
        {
            var annotations = metadata["annotations"] as JsonObject ?? new JsonObject();
            annotations[CatalogAnnotations.Orphan] = "true";
            metadata["annotations"] = annotations;
        }
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
        record.Json = served.ToJsonString();
        return served;
    }

    private static string? NormalizedRef(string? value, string defaultKind, string ns) =>
        value is not null && EntityRef.TryParse(value, defaultKind, ns, out var r, out _) ? r.Key : null;
}
