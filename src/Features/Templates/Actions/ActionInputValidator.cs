using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Fawkes.Portal.Features.Templates.Actions;

/// <summary>
/// Checks a step's rendered input against its action's input schema before the handler runs, with a JSON Schema
/// library. Messages follow the npm <c>jsonschema</c> package Backstage uses (<c>instance requires property "url"</c>,
/// <c>instance.values is not of a type(s) object</c>), so a template author sees the words Backstage would show.
/// </summary>
public static class ActionInputValidator
{
    private static readonly ConditionalWeakTable<JsonObject, JsonSchema> Built = new();

    public static IReadOnlyList<string> Validate(JsonObject schema, JsonObject input)
    {
        var built = Built.GetValue(schema, s => JsonSchema.FromText(s.ToJsonString()));
        var results = built.Evaluate(input, new EvaluationOptions { OutputFormat = OutputFormat.List, EvaluateAs = SpecVersion.Draft7 });
        if (results.IsValid)
        {
            return [];
        }
        var errors = new List<string>();
        foreach (var detail in results.Details ?? [])
        {
            foreach (var (keyword, message) in detail.Errors ?? new Dictionary<string, string>())
            {
                errors.Add(Describe(Instance(detail.InstanceLocation.ToString()), keyword, message));
            }
        }
        return errors.Count > 0 ? errors : ["instance does not match the action's input schema"];
    }

    private static string Describe(string instance, string keyword, string message) => keyword switch
    {
        "required" => string.Join(", ", Missing(message).Select(p => $"{instance} requires property \"{p}\"")),
        "type" => $"{instance} is not of a type(s) {LastQuoted(message)}",
        "enum" => $"{instance} is not one of enum values: {message}",
        _ => $"{instance} {message}",
    };

    /// <summary><c>/values/name</c> → <c>instance.values.name</c>, array indexes in brackets, as jsonschema writes them.</summary>
    private static string Instance(string pointer)
    {
        var text = "instance";
        foreach (var part in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = part.Replace("~1", "/").Replace("~0", "~");
            text += int.TryParse(token, out _) ? $"[{token}]" : $".{token}";
        }
        return text;
    }

    private static IEnumerable<string> Missing(string message)
    {
        var start = message.IndexOf('[', StringComparison.Ordinal);
        var end = message.LastIndexOf(']');
        if (start < 0 || end <= start)
        {
            return [message];
        }
        return message[(start + 1)..end].Split(',').Select(p => p.Trim().Trim('"'));
    }

    /// <summary>The library says <c>Value is "string" but should be "object"</c>: the expected type is the last quoted word.</summary>
    private static string LastQuoted(string message)
    {
        var end = message.LastIndexOf('"');
        var start = end > 0 ? message.LastIndexOf('"', end - 1) : -1;
        return start >= 0 ? message[(start + 1)..end] : message;
    }
}
