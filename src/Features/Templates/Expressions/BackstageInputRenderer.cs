using System.Text.RegularExpressions;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Expressions;

/// <summary>
/// What Backstage's NunjucksWorkflowRunner.render does to a step's <c>input</c>, <c>if</c>, <c>each</c> and the
/// template's <c>output</c>: every string inside the value is rendered, bottom-up as JSON.parse's reviver visits it.
/// <list type="bullet">
/// <item>A string that is one single <c>${{ expr }}</c> keeps its type: it is rendered as <c>${{ ( expr ) | dump }}</c>
/// and the result parsed as JSON (so numbers, booleans, objects and arrays survive).</item>
/// <item>Any other string is rendered as text.</item>
/// <item>A render giving the empty string makes the value undefined: the property disappears (array items become null).</item>
/// <item>A render that fails leaves the original string in place (Backstage swallows the error).</item>
/// </list>
/// </summary>
public static partial class BackstageInputRenderer
{
    private static readonly NunjucksEngine Engine = new(NunjucksSyntax.Backstage);

    public static JsonNode? Render(JsonNode? input, JsonObject context, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(context);
        var prepared = (JsObject)Js.FromJson(context)!;
        var result = Revive(input?.DeepClone(), prepared, sourceName);
        return result is Removed ? null : (JsonNode?)result;
    }

    /// <summary>Backstage's isTruthy for a rendered <c>if</c>: an empty array is false, otherwise JavaScript truthiness.</summary>
    public static bool IsTruthy(JsonNode? value) => value switch
    {
        JsonArray a => a.Count > 0,
        JsonObject => true,
        JsonValue v => Js.Truthy(Js.FromJson(v)),
        _ => false,
    };

    private sealed class Removed
    {
        public static readonly Removed Value = new();
    }

    private static object? Revive(JsonNode? node, JsObject context, string sourceName)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var value = Revive(obj[key], context, sourceName);
                    if (value is Removed) obj.Remove(key);
                    else obj[key] = Detach((JsonNode?)value);
                }
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var value = Revive(array[i], context, sourceName);
                    array[i] = value is Removed ? null : Detach((JsonNode?)value);
                }
                return array;
            case JsonValue v when v.TryGetValue<string>(out var text):
                return RenderString(text, context, sourceName);
            default:
                return node;
        }
    }

    private static JsonNode? Detach(JsonNode? node) => node?.Parent is null ? node : node.DeepClone();

    private static object? RenderString(string value, JsObject context, string sourceName)
    {
        try
        {
            try
            {
                if (IsSingleTemplateString(value, sourceName))
                {
                    // Backstage: convert ${{ parameters.bob }} to ${{ ( parameters.bob ) | dump }} to keep the input type.
                    var wrapped = WholeExpression().Replace(value, m => "${{ ( " + m.Groups[1].Value + " ) | dump }}");
                    var dumped = Engine.RenderPrepared(wrapped, context, sourceName);
                    if (dumped.Length == 0) return Removed.Value;
                    return JsonNode.Parse(dumped);
                }
            }
            catch (Exception e) when (e is TemplateException or System.Text.Json.JsonException)
            {
                // Backstage logs "Failed to parse template string" and falls back to a plain render.
            }
            var templated = Engine.RenderPrepared(value, context, sourceName);
            return templated.Length == 0 ? Removed.Value : JsonValue.Create(templated);
        }
        catch (TemplateException)
        {
            return JsonValue.Create(value);
        }
    }

    /// <summary>nunjucks' parse has one root child that is not template data (text).</summary>
    private static bool IsSingleTemplateString(string value, string sourceName)
    {
        var nodes = Engine.Parse(value, sourceName, new RenderOptions());
        return nodes.Count == 1 && nodes[0] is not TextNode;
    }

    [GeneratedRegex(@"\$\{\{(.+)\}\}")]
    private static partial Regex WholeExpression();
}
