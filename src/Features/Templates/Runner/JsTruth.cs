using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Runner;

/// <summary>Backstage's <c>isTruthy</c>: an array is true when it has items, anything else by JavaScript's rules.</summary>
public static class JsTruth
{
    public static bool IsTruthy(JsonNode? value) => value switch
    {
        null => false,
        JsonArray array => array.Count > 0,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.False or JsonValueKind.Null or JsonValueKind.Undefined => false,
            JsonValueKind.String => v.GetValue<string>().Length > 0,
            JsonValueKind.Number => v.GetValue<double>() is var d && d != 0 && !double.IsNaN(d),
            _ => true,
        },
        _ => true,
    };
}
