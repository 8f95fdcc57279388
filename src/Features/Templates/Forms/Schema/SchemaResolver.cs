using System.Text.Json.Nodes;
using Json.Schema;

namespace Fawkes.Portal.Features.Templates.Forms.Schema;

/// <summary>
/// The object schema a form shows for the current values, as react-jsonschema-form's <c>retrieveSchema</c> builds it:
/// <c>allOf</c> merged, <c>if/then/else</c> decided by evaluating <c>if</c> against the values, and
/// <c>dependencies</c> applied (property dependencies make fields required; schema dependencies add fields; a
/// <c>oneOf</c> dependency adds the branch whose value of the depending property matches).
/// </summary>
public static class SchemaResolver
{
    public static JsonObject Resolve(JsonObject schema, JsonObject? values)
    {
        ArgumentNullException.ThrowIfNull(schema);
        values ??= [];
        var result = new JsonObject();
        foreach (var (key, node) in schema)
        {
            if (key is not ("allOf" or "if" or "then" or "else" or "dependencies"))
            {
                result[key] = node?.DeepClone();
            }
        }
        foreach (var part in (schema["allOf"] as JsonArray ?? []).OfType<JsonObject>())
        {
            Merge(result, Resolve(part, values));
        }
        if (schema["if"] is JsonObject condition)
        {
            var branch = Matches(condition, values) ? schema["then"] : schema["else"];
            if (branch is JsonObject chosen)
            {
                Merge(result, Resolve(chosen, values));
            }
        }
        foreach (var (key, dependency) in schema["dependencies"] as JsonObject ?? [])
        {
            if (values[key] is null)
            {
                continue;
            }
            switch (dependency)
            {
                case JsonArray requiredWith:
                    Merge(result, new JsonObject { ["required"] = requiredWith.DeepClone() });
                    break;
                case JsonObject dependent when dependent["oneOf"] is JsonArray branches:
                    Merge(result, Resolve(WithoutOneOf(dependent), values));
                    if (branches.OfType<JsonObject>().FirstOrDefault(b => BranchMatches(b, key, values)) is { } match)
                    {
                        var added = Resolve(match, values);
                        (added["properties"] as JsonObject)?.Remove(key);
                        Merge(result, added);
                    }
                    break;
                case JsonObject dependent:
                    Merge(result, Resolve(dependent, values));
                    break;
            }
        }
        return result;
    }

    /// <summary>Whether the values satisfy a schema (draft-07, as Backstage's ajv).</summary>
    public static bool Matches(JsonObject schema, JsonNode? values) =>
        JsonSchema.FromText(schema.ToJsonString()).Evaluate(values, new EvaluationOptions { EvaluateAs = SpecVersion.Draft7 }).IsValid;

    /// <summary>rjsf picks the branch whose own definition of the depending property accepts the current value.</summary>
    private static bool BranchMatches(JsonObject branch, string key, JsonObject values) =>
        branch["properties"]?[key] is JsonObject own && Matches(own, values[key]);

    private static JsonObject WithoutOneOf(JsonObject dependent)
    {
        var copy = dependent.DeepClone().AsObject();
        copy.Remove("oneOf");
        return copy;
    }

    /// <summary>Adds properties (a property defined twice gets its keys merged) and unions <c>required</c>.</summary>
    private static void Merge(JsonObject target, JsonObject addition)
    {
        foreach (var (key, node) in addition)
        {
            switch (key)
            {
                case "properties" when node is JsonObject props:
                    var into = target["properties"] as JsonObject ?? (JsonObject)(target["properties"] = new JsonObject());
                    foreach (var (name, propertySchema) in props)
                    {
                        if (into[name] is JsonObject existing && propertySchema is JsonObject extra)
                        {
                            foreach (var (k, v) in extra)
                            {
                                existing[k] = v?.DeepClone();
                            }
                        }
                        else
                        {
                            into[name] = propertySchema?.DeepClone();
                        }
                    }
                    break;
                case "required" when node is JsonArray required:
                    var names = Ui.Strings(target["required"]).Union(Ui.Strings(required), StringComparer.Ordinal);
                    target["required"] = new JsonArray([.. names.Select(n => (JsonNode)JsonValue.Create(n))]);
                    break;
                default:
                    target[key] ??= node?.DeepClone();
                    break;
            }
        }
    }
}
