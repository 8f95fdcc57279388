using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Storage;

namespace Fawkes.Portal.Features.Catalog.Query;

/// <summary>The entity as the API serves it: stored JSON plus relations and status, optionally projected to fields.</summary>
public static class EntityJson
{
    public static JsonObject Compose(EntityRecord record, IEnumerable<RelationRecord> relations)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Compose(record.Json, record.StatusJson, relations);
    }

    /// <summary>From the two stored columns it needs (readers of every entity need not load the rest).</summary>
    public static JsonObject Compose(string json, string? statusJson, IEnumerable<RelationRecord> relations)
    {
        var entity = JsonNode.Parse(json)!.AsObject();
        var list = new JsonArray();
        foreach (var r in relations.OrderBy(r => r.Type, StringComparer.Ordinal).ThenBy(r => r.TargetKey, StringComparer.Ordinal))
        {
            // Backstage's current shape: {type, targetRef}; the older `target` object was dropped there and is not served here.
            list.Add(new JsonObject
            {
                ["type"] = r.Type,
                ["targetRef"] = EntityRef.Parse(r.TargetRef).ToString().ToLowerInvariant(),
            });
        }
        entity["relations"] = list;
        if (statusJson is not null)
        {
            entity["status"] = new JsonObject { ["items"] = JsonNode.Parse(statusJson) };
        }
        return entity;
    }

    /// <summary>
    /// Whether a projection to these fields can show <c>relations</c> (no fields: the whole entity). Readers that
    /// project (e.g. <c>GET /entities?fields=metadata.name</c> over thousands of entities) skip loading relations
    /// otherwise: <see cref="Project"/> would drop them.
    /// </summary>
    public static bool ShowsRelations(IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return fields.Count == 0 || fields.Any(f => f.Split('.')[0] == "relations");
    }

    /// <summary>
    /// Whether these fields are all held by the entity's own columns with exactly the stored JSON's values (kind and
    /// name are copied from it on every write), so that <see cref="FromColumns"/> projects to the same answer without
    /// parsing the JSON: the common <c>fields=metadata.name</c> listing of thousands of entities.
    /// </summary>
    public static bool ColumnsSuffice(IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return fields.Count > 0 && fields.All(f => f is "kind" or "metadata.name");
    }

    /// <summary>The part of the entity its columns hold; see <see cref="ColumnsSuffice"/>.</summary>
    public static JsonObject FromColumns(EntityRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new JsonObject { ["kind"] = record.Kind, ["metadata"] = new JsonObject { ["name"] = record.Name } };
    }

    /// <summary>Backstage's <c>fields</c> parameter: keep only these dotted paths.</summary>
    public static JsonObject Project(JsonObject entity, IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (fields.Count == 0)
        {
            return entity;
        }
        var result = new JsonObject();
        foreach (var field in fields)
        {
            var parts = field.Split('.');
            JsonNode? source = entity;
            foreach (var part in parts)
            {
                source = (source as JsonObject)?[part];
            }
            if (source is null)
            {
                continue;
            }
            var target = result;
            foreach (var part in parts[..^1])
            {
                if (target[part] is not JsonObject next)
                {
                    target[part] = next = new JsonObject();
                }
                target = next;
            }
            target[parts[^1]] = source.DeepClone();
        }
        return result;
    }
}
