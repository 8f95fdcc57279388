using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Catalog.Storage;

public sealed record SearchEntry(string Key, string? Value, string? OriginalValue);

/// <summary>
/// Flattens an entity into search rows exactly as Backstage's <c>buildEntitySearch</c> (plugin-catalog-backend 4.0.5):
/// dotted paths; arrays are walked item by item under the array's own path (objects inside too), and each string item
/// also yields the existence row <c>path.item = true</c> (so <c>metadata.tags.java</c> works for every string array);
/// keys and values lowercase; a key over 200 characters is dropped; a value over 200 characters (or null) keeps only its
/// key; duplicate key/value pairs once. Relations are read from the relations table instead of search rows.
/// </summary>
public static class SearchIndexer
{
    public const int MaxKeyLength = 200;
    public const int MaxValueLength = 200;

    /// <summary>Bumped whenever the rows written here change, so existing catalogs are re-indexed on start.</summary>
    public const int Version = 2;

    /// <summary>
    /// Backstage's special keys (never flattened; name, namespace and uid are added on their own) and the keys with
    /// their own indexed column on the entity, which filters, sorting, full text and facets read instead.
    /// </summary>
    private static readonly HashSet<string> Skipped =
    [
        "attachments", "relations", "status", "metadata.name", "metadata.namespace", "metadata.uid", "metadata.etag",
        "kind", "spec.type", "spec.lifecycle",
    ];

    /// <summary>Keys answered from entity columns instead of the search table.</summary>
    public static bool IsColumnKey(string key) => key is "kind" or "metadata.name" or "metadata.namespace" or "spec.type" or "spec.lifecycle";

    public static IReadOnlyList<SearchEntry> Flatten(JsonObject entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return Flatten(entity, entity["metadata"] is JsonObject metadata && metadata["uid"] is JsonValue uid ? Text(uid) : null);
    }

    /// <param name="uid">The stored entity's uid (the entity's own <c>metadata.uid</c>, if any, is not indexed).</param>
    public static IReadOnlyList<SearchEntry> Flatten(JsonObject entity, string? uid)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var raw = new List<(string Key, string? Value)>();
        var seenItemKeys = new HashSet<string>(StringComparer.Ordinal);
        Visit(entity, "", raw, seenItemKeys);
        if (uid is not null)
        {
            raw.Add(("metadata.uid", uid));
        }
        var seen = new HashSet<(string, string?)>();
        var rows = new List<SearchEntry>(raw.Count);
        foreach (var (rawKey, original) in raw)
        {
            var key = rawKey.ToLowerInvariant();
            if (key.Length > MaxKeyLength)
            {
                continue;
            }
            var value = original?.ToLowerInvariant();
            var row = value is null || value.Length > MaxValueLength ? new SearchEntry(key, null, null) : new SearchEntry(key, value, original);
            if (seen.Add((row.Key, row.Value)))
            {
                rows.Add(row);
            }
        }
        return rows;
    }

    private static void Visit(JsonNode? node, string path, List<(string, string?)> raw, HashSet<string> seenItemKeys)
    {
        if (Skipped.Contains(path))
        {
            return;
        }
        switch (node)
        {
            case null:
                raw.Add((path, null));
                break;
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    Visit(child, path.Length == 0 ? key : $"{path}.{key}", raw, seenItemKeys);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Visit(item, path, raw, seenItemKeys);
                    if (item is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                    {
                        var itemKey = $"{path}.{v.GetValue<string>()}";
                        if (seenItemKeys.Add(itemKey.ToLowerInvariant()))
                        {
                            raw.Add((itemKey, "true"));
                        }
                    }
                }
                break;
            case JsonValue value:
                raw.Add((path, Text(value)));
                break;
        }
    }

    /// <summary>The value as JavaScript's <c>String(value)</c> writes it.</summary>
    private static string? Text(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        // The YAML reader creates long or double values; parsed JSON converts to either.
        JsonValueKind.Number => value.TryGetValue<long>(out var integer) ? integer.ToString(CultureInfo.InvariantCulture)
            : value.TryGetValue<double>(out var number) ? NumberText(number)
            : value.ToJsonString(),
        _ => null,
    };

    private static string NumberText(double number) =>
        Math.Abs(number) < 1e21 && Math.Floor(number) == number
            ? number.ToString("F0", CultureInfo.InvariantCulture)
            : number.ToString("R", CultureInfo.InvariantCulture).Replace("E+", "e+", StringComparison.Ordinal).Replace("E-0", "e-", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal);
}
