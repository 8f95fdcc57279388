using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fawkes.Portal.Features.Templates.Runner;

/// <summary>
/// TEMPORARY stand-in until the Nunjucks engine (Expressions/) is merged: resolves plain <c>${{ a.b.c }}</c> paths only.
/// A whole-value expression keeps its JSON type, as Backstage's JSON coercion does.
/// </summary>
public sealed partial class PlaceholderExpressions : IStepExpressions, ISkeletonTemplating
{
    public JsonNode? Render(JsonNode? input, JsonObject context, string sourceName, IReadOnlyDictionary<string, Func<JsonNode?>>? globals = null) => input switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Render(p.Value, context, sourceName, globals))).Where(p => p.Value is not null)),
        JsonArray array => new JsonArray(array.Select(v => Render(v, context, sourceName, globals)).ToArray()),
        JsonValue v when v.TryGetValue<string>(out var s) => RenderString(s, context),
        _ => input?.DeepClone(),
    };

    public string Render(string text, JsonObject context, string sourceName, SkeletonOptions options) =>
        Expression().Replace(text, m => Lookup(context, m.Groups[1].Value) switch
        {
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            var n => n.ToJsonString(),
        });

    private static JsonNode? RenderString(string text, JsonObject context)
    {
        var whole = Expression().Match(text);
        if (whole.Success && whole.Length == text.Length)
        {
            return Lookup(context, whole.Groups[1].Value)?.DeepClone();
        }
        return Expression().Replace(text, m => Lookup(context, m.Groups[1].Value) switch
        {
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            var n => n.ToJsonString(),
        });
    }

    private static JsonNode? Lookup(JsonObject context, string path)
    {
        JsonNode? node = context;
        foreach (var part in path.Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal).Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
        }
        return node;
    }

    [GeneratedRegex(@"\$\{\{\s*([\w.\[\]'-]+)\s*\}\}")]
    private static partial Regex Expression();
}
