using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Expressions;

/// <summary>
/// What Backstage 4.3.0's NunjucksWorkflowRunner.render does to a step's <c>input</c>, <c>if</c>, <c>each</c> and the
/// template's <c>output</c>: every string inside the value goes through nunjitsu's
/// <c>renderValue(value, context, { coercion: 'json' })</c>, bottom-up as JSON.parse's reviver visits it.
/// <list type="bullet">
/// <item>A template that is one root node other than text (<c>${{ x }}</c>, <c>{% if %}...{% endif %}</c>; comments do not
/// count) keeps its type: each interpolation is also written as JSON and the whole parsed, e.g. a number, a list, null;
/// when that is not JSON the ordinary output is the value.</item>
/// <item>Any other string is rendered as text.</item>
/// <item>Empty output makes the value undefined: the property disappears (array items become null).</item>
/// <item>A render that fails leaves the original string in place (the runner's reviver catches the error).</item>
/// </list>
/// </summary>
public static class BackstageInputRenderer
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
            // nunjitsu's coercion 'json' applies when the template is one root node other than text.
            var nodes = Engine.Parse(value, sourceName, new RenderOptions());
            var json = nodes.Count == 1 && nodes[0] is not TextNode;
            var (normal, encoded) = Engine.RenderValue(nodes, context, sourceName, json);
            if (json)
            {
                if (encoded.Length == 0) return Removed.Value;
                try { return JsonNode.Parse(encoded); }
                catch (System.Text.Json.JsonException) { /* not JSON: the ordinary output */ }
            }
            return normal.Length == 0 ? Removed.Value : JsonValue.Create(normal);
        }
        catch (TemplateException)
        {
            // The runner's reviver catches the render error and keeps the raw string.
            return JsonValue.Create(value);
        }
    }
}
