using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Catalog.Ingestion;

/// <summary>
/// Backstage's BuiltinKindsEntityProcessor sorts these spec lists (when they hold only strings) before storing an
/// entity, with JavaScript's default sort (UTF-16 code-unit order); the portal stores them in the same order.
/// </summary>
public static class SpecListOrder
{
    private static readonly string[] SortedFields = ["providesApis", "consumesApis", "dependsOn", "dependencyOf", "memberOf", "children", "members"];

    public static void Apply(JsonObject entity)
    {
        if (entity["spec"] is not JsonObject spec)
        {
            return;
        }
        foreach (var field in SortedFields)
        {
            if (spec[field] is not JsonArray list || list.Any(v => v is not JsonValue value || !value.TryGetValue<string>(out _)))
            {
                continue;
            }
            var sorted = list.Select(v => v!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
            spec[field] = new JsonArray([.. sorted.Select(v => (JsonNode?)JsonValue.Create(v))]);
        }
    }
}
