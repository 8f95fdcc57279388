using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Catalog.Storage;

public sealed record SearchEntry(string Key, string? Value, string? OriginalValue);

/// <summary>
/// Flattens an entity into lowercase key/value pairs the way Backstage's search table does: dotted paths,
/// one row per array item. Long values keep only their key. (Relation filters read the relations table.)
/// </summary>
public static class SearchIndexer
{
    public const int MaxValueLength = 200;

    /// <summary>
    /// Fields that are bulky and never filtered on, and fields with their own indexed column on the entity
    /// (filters, sorting and facets on those read the column; a quarter fewer rows to write).
    /// </summary>
    private static readonly HashSet<string> Skipped =
    [
        "spec.definition", "spec.steps", "spec.parameters", "spec.output", "metadata.etag",
        "kind", "metadata.name", "metadata.namespace", "spec.type", "spec.lifecycle",
    ];

    /// <summary>Keys answered from entity columns instead of the search table.</summary>
    public static bool IsColumnKey(string key) => key is "kind" or "metadata.name" or "metadata.namespace" or "spec.type" or "spec.lifecycle";

    public static IReadOnlyList<SearchEntry> Flatten(JsonObject entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var entries = new List<SearchEntry>();
        Walk(entity, "", entries);
        return entries;
    }

    private static void Walk(JsonNode? node, string path, List<SearchEntry> entries)
    {
        if (Skipped.Contains(path))
        {
            return;
        }
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    Walk(child, path.Length == 0 ? key.ToLowerInvariant() : $"{path}.{key.ToLowerInvariant()}", entries);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is JsonValue)
                    {
                        Walk(item, path, entries);
                    }
                }
                break;
            case JsonValue value:
                entries.Add(Entry(path, Text(value)));
                break;
        }
    }

    private static SearchEntry Entry(string key, string? original) =>
        original is null || original.Length > MaxValueLength
            ? new SearchEntry(key, null, null)
            : new SearchEntry(key, original.ToLowerInvariant(), original);

    private static string? Text(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetValue<double>().ToString(CultureInfo.InvariantCulture),
        _ => null,
    };
}
