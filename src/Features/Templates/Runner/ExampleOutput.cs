using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Runner;

/// <summary>
/// What a dry run gives as the outputs of a step it skipped (an action that cannot run dry): Backstage's
/// <c>generateExampleOutput</c> over the action's output schema — the first of <c>examples</c>, else a placeholder by
/// type (<c>&lt;example&gt;</c>, 0, false), objects and arrays built from their parts.
/// </summary>
public static class ExampleOutput
{
    public static JsonNode? From(JsonObject schema)
    {
        if (schema["examples"] is JsonArray examples)
        {
            return examples.Count > 0 ? examples[0]?.DeepClone() : null;
        }
        return (schema["type"] as JsonValue)?.ToString() switch
        {
            "object" => new JsonObject((schema["properties"] as JsonObject ?? [])
                .Select(p => KeyValuePair.Create(p.Key, p.Value is JsonObject s ? From(s) : JsonValue.Create("<unknown>")))),
            "array" => schema["items"] switch
            {
                JsonObject item => new JsonArray(From(item)),
                JsonArray { Count: > 0 } items when items[0] is JsonObject first => new JsonArray(From(first)),
                _ => new JsonArray(),
            },
            "string" => JsonValue.Create("<example>"),
            "number" => JsonValue.Create(0),
            "boolean" => JsonValue.Create(false),
            _ => JsonValue.Create("<unknown>"),
        };
    }
}
