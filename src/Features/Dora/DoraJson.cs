using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Dora;

/// <summary>Reading string fields out of third-party JSON payloads (webhooks) without throwing on odd shapes.</summary>
internal static class DoraJson
{
    public static string? S(JsonNode? node, string field) => node?[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
