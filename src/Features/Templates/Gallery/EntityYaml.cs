using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace Fawkes.Portal.Features.Templates.Gallery;

/// <summary>An entity as YAML, the way its author wrote it: the catalog's additions (relations, status) left out.</summary>
public static class EntityYaml
{
    private static readonly ISerializer Serializer = new SerializerBuilder().Build();

    public static string From(JsonObject entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var authored = entity.Where(p => p.Key is not ("relations" or "status"))
            .ToDictionary(p => p.Key, p => Plain(p.Value), StringComparer.Ordinal);
        return Serializer.Serialize(authored);
    }

    private static object? Plain(JsonNode? node) => node switch
    {
        JsonObject o => o.ToDictionary(p => p.Key, p => Plain(p.Value), StringComparer.Ordinal),
        JsonArray a => a.Select(Plain).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => decimal.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        },
        _ => null,
    };
}
