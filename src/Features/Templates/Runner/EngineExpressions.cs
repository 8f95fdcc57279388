using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fawkes.Portal.Features.Templates.Expressions;

namespace Fawkes.Portal.Features.Templates.Runner;

/// <summary>
/// The runner's view of the Nunjucks engine: step values through <see cref="BackstageInputRenderer"/>, skeleton files
/// through <see cref="NunjucksEngine"/> with Backstage's or cookiecutter's delimiters. The status functions
/// <c>always()</c> and <c>failure()</c> are called here (they must know they were asked) and their answer written in
/// their place before the engine sees the expression.
/// </summary>
public sealed partial class EngineExpressions : IStepExpressions, ISkeletonTemplating
{
    private static readonly NunjucksEngine Backstage = new(NunjucksSyntax.Backstage);
    private static readonly NunjucksEngine Cookiecutter = new(NunjucksSyntax.Cookiecutter);

    public JsonNode? Render(JsonNode? input, JsonObject context, string sourceName, IReadOnlyDictionary<string, Func<JsonNode?>>? globals = null) =>
        BackstageInputRenderer.Render(globals is null ? input : WithStatusCalls(input, globals), context, sourceName);

    public string Render(string text, JsonObject context, string sourceName, SkeletonOptions options) =>
        (options.CookiecutterCompat ? Cookiecutter : Backstage).Render(text, context, sourceName,
            new RenderOptions { TrimBlocks = options.TrimBlocks, LstripBlocks = options.LstripBlocks });

    private static JsonNode? WithStatusCalls(JsonNode? node, IReadOnlyDictionary<string, Func<JsonNode?>> globals) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, WithStatusCalls(p.Value, globals)))),
        JsonArray array => new JsonArray(array.Select(v => WithStatusCalls(v, globals)).ToArray()),
        JsonValue v when v.TryGetValue<string>(out var s) && s.Contains("()", StringComparison.Ordinal) =>
            JsonValue.Create(StatusCall().Replace(s, m => globals.TryGetValue(m.Groups[1].Value, out var call) ? call()?.ToJsonString() ?? "undefined" : m.Value)),
        _ => node?.DeepClone(),
    };

    [GeneratedRegex(@"\b(always|failure)\(\s*\)")]
    private static partial Regex StatusCall();
}
