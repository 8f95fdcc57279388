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
        var entity = JsonNode.Parse(record.Json)!.AsObject();
        var list = new JsonArray();
        foreach (var r in relations.OrderBy(r => r.Type, StringComparer.Ordinal).ThenBy(r => r.TargetKey, StringComparer.Ordinal))
        {
            var target = EntityRef.Parse(r.TargetRef);
            list.Add(new JsonObject
            {
                ["type"] = r.Type,
                ["targetRef"] = target.ToString().ToLowerInvariant(),
                ["target"] = new JsonObject { ["kind"] = target.Kind.ToLowerInvariant(), ["namespace"] = target.Namespace, ["name"] = target.Name },
            });
        }
        entity["relations"] = list;
        if (record.StatusJson is not null)
        {
            entity["status"] = new JsonObject { ["items"] = JsonNode.Parse(record.StatusJson) };
        }
        return entity;
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
