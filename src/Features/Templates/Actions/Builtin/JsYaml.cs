using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fawkes.Portal.Features.Templates.Actions.Builtin;

/// <summary>
/// YAML as the npm <c>yaml</c> package's <c>stringify</c> writes it (what <c>catalog:write</c> uses in Backstage): block
/// style, two-space indent, sequences indented under their key, plain scalars unless quoting is needed, double quotes.
/// </summary>
internal static partial class JsYaml
{
    public static string Stringify(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(text, node, 0, inSequence: false);
        return text.ToString();
    }

    private static void Write(StringBuilder text, JsonNode? node, int indent, bool inSequence)
    {
        var pad = new string(' ', indent);
        switch (node)
        {
            case JsonObject { Count: 0 }:
                text.Append("{}\n");
                break;
            case JsonObject obj:
                var first = true;
                foreach (var (key, value) in obj)
                {
                    text.Append(first && inSequence ? "" : pad).Append(Scalar(key)).Append(':');
                    first = false;
                    WriteValue(text, value, indent);
                }
                break;
            case JsonArray { Count: 0 }:
                text.Append("[]\n");
                break;
            case JsonArray array:
                var firstItem = true;
                foreach (var item in array)
                {
                    text.Append(firstItem && inSequence ? "" : pad).Append("- ");
                    firstItem = false;
                    if (item is JsonObject { Count: > 0 } or JsonArray { Count: > 0 })
                    {
                        Write(text, item, indent + 2, inSequence: true);
                    }
                    else
                    {
                        text.Append(ScalarNode(item)).Append('\n');
                    }
                }
                break;
            default:
                text.Append(ScalarNode(node)).Append('\n');
                break;
        }
    }

    private static void WriteValue(StringBuilder text, JsonNode? value, int indent)
    {
        if (value is JsonObject { Count: > 0 } or JsonArray { Count: > 0 })
        {
            text.Append('\n');
            Write(text, value, indent + 2, inSequence: false);
        }
        else
        {
            text.Append(' ').Append(value is JsonObject ? "{}" : value is JsonArray ? "[]" : ScalarNode(value)).Append('\n');
        }
    }

    private static string ScalarNode(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Scalar(v.GetValue<string>()),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>().ToString("R", CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };

    private static string Scalar(string value)
    {
        if (value.Length == 0)
        {
            return "\"\"";
        }
        var needsQuotes = Reserved().IsMatch(value) || Number().IsMatch(value) || value.Contains(": ", StringComparison.Ordinal)
            || value.Contains(" #", StringComparison.Ordinal) || value.EndsWith(':') || value.Trim() != value
            || "-?:,[]{}#&*!|>'\"%@`".Contains(value[0], StringComparison.Ordinal) || value.Any(char.IsControl);
        return needsQuotes ? JsonSerializer.Serialize(value, Quoting) : value;
    }

    private static readonly JsonSerializerOptions Quoting = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [GeneratedRegex("^(true|false|null|~|True|False|Null|TRUE|FALSE|NULL|yes|no|on|off|Yes|No|On|Off|YES|NO|ON|OFF)$")]
    private static partial Regex Reserved();

    [GeneratedRegex(@"^[-+]?(\.?[0-9][0-9_]*(\.[0-9]*)?([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.nan)$")]
    private static partial Regex Number();
}
