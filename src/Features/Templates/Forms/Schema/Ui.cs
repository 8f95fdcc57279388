using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Forms.Schema;

/// <summary>Reads a property schema and its inline <c>ui:*</c> keys (Backstage lifts them into the rjsf uiSchema).</summary>
public static class Ui
{
    public static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node is JsonValue n ? n.ToJsonString() : null;

    public static string? Type(JsonObject schema) => schema["type"] switch
    {
        JsonValue v => Text(v),
        // ["string", "null"]: the first non-null type decides the widget.
        JsonArray a => a.Select(Text).FirstOrDefault(t => t is not null and not "null"),
        _ => schema["properties"] is JsonObject ? "object" : schema["enum"] is JsonArray ? "string" : null,
    };

    public static string? Widget(JsonObject schema) => Text(schema["ui:widget"]);

    public static string? Field(JsonObject schema) => Text(schema["ui:field"]);

    public static string? Help(JsonObject schema) => Text(schema["ui:help"]);

    public static bool Autofocus(JsonObject schema) => schema["ui:autofocus"] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    public static JsonObject Options(JsonObject schema) => schema["ui:options"] as JsonObject ?? [];

    public static IReadOnlyList<string> Strings(JsonNode? node) => node switch
    {
        JsonArray a => [.. a.Select(Text).OfType<string>()],
        JsonValue v when Text(v) is { } s => [s],
        _ => [],
    };

    public static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) : null;

    public static bool Equal(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);
}
