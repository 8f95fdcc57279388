using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Expressions;
using Json.Schema;

namespace Fawkes.Portal.Features.Templates.Forms.Schema;

/// <summary>
/// The errors Backstage's scaffolder answers for values failing a parameter step, shaped exactly as the npm
/// <c>jsonschema</c> 1.5.0 package's <c>ValidationError</c>s: <c>{path, property, message, schema, instance, name,
/// argument, stack}</c>, in its order (the schema's keys as written, depth first). Whether a value breaks a rule is
/// decided by JsonSchema.Net, one keyword at a time; this class only walks the schema as <c>jsonschema</c> does and words
/// each failure as it does. Not covered (listed in compat/scaffolder/README.md): <c>$ref</c>, <c>patternProperties</c>,
/// <c>propertyNames</c>, <c>contains</c>, draft-03/04 forms.
/// </summary>
public static class JsonSchemaErrors
{
    private static readonly EvaluationOptions Options = new() { EvaluateAs = SpecVersion.Draft7, RequireFormatValidation = true };

    private static readonly HashSet<string> Leaves =
    [
        "type", "enum", "const", "pattern", "format", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minProperties", "maxProperties",
    ];

    /// <summary>Every error of one schema against <paramref name="instance"/> (the whole values object for a step).</summary>
    public static IReadOnlyList<JsonObject> Validate(JsonObject schema, JsonNode? instance)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var errors = new List<JsonObject>();
        Walk(schema, instance, defined: true, [], errors);
        return errors;
    }

    /// <param name="defined">False for a property the values do not have: JavaScript's <c>undefined</c>, which most rules skip.</param>
    private static void Walk(JsonObject schema, JsonNode? instance, bool defined, IReadOnlyList<object> path, List<JsonObject> errors)
    {
        foreach (var (key, rule) in schema.ToList())
        {
            if (!defined)
            {
                // jsonschema skips an undefined value in every rule but draft-03's `required: true` on the property itself.
                if (key == "required" && rule is JsonValue flag && flag.GetValueKind() == JsonValueKind.True)
                {
                    errors.Add(Error(path, "is required", schema, null, "required", null, withInstance: false));
                }
                continue;
            }
            switch (key)
            {
                case "properties" when instance is JsonObject obj && rule is JsonObject properties:
                    foreach (var (name, sub) in properties)
                    {
                        if (sub is JsonObject subschema)
                        {
                            Walk(subschema, obj[name], obj.ContainsKey(name), [.. path, name], errors);
                        }
                    }
                    break;
                case "additionalProperties" when instance is JsonObject obj:
                    Additional(schema, obj, rule, path, errors);
                    break;
                case "items" when instance is JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        var itemSchema = rule is JsonArray tuple ? (i < tuple.Count ? tuple[i] : schema["additionalItems"]) : rule;
                        if (itemSchema is JsonObject item)
                        {
                            Walk(item, array[i], true, [.. path, i], errors);
                        }
                    }
                    break;
                case "required" when instance is JsonObject obj && rule is JsonArray names:
                    foreach (var name in names.OfType<JsonValue>().Select(n => n.ToString()))
                    {
                        if (!Passes(new JsonObject { ["required"] = new JsonArray(name) }, obj))
                        {
                            errors.Add(Error(path, $"requires property {Stringify(name)}", schema, obj, "required", name));
                        }
                    }
                    break;
                case "if" when rule is JsonObject condition:
                    var branch = Passes(condition, instance) ? schema["then"] : schema["else"];
                    if (branch is JsonObject chosen)
                    {
                        Walk(chosen, instance, true, path, errors); // Imported at the place of `if`, as jsonschema does.
                    }
                    break;
                case "allOf" when rule is JsonArray all:
                    for (var i = 0; i < all.Count; i++)
                    {
                        if (all[i] is JsonObject part)
                        {
                            var inner = new List<JsonObject>();
                            Walk(part, instance, true, path, inner);
                            if (inner.Count > 0)
                            {
                                var label = Label(part, i);
                                errors.Add(Error(path, $"does not match allOf schema {label} with {inner.Count} error[s]:", schema, instance, "allOf",
                                    new JsonObject { ["id"] = label, ["length"] = inner.Count, ["valid"] = Result(instance, part, path, inner) }));
                                errors.AddRange(inner);
                            }
                        }
                    }
                    break;
                case "anyOf" or "oneOf" when rule is JsonArray options:
                    var valid = options.Count(o => o is JsonObject option && Passes(option, instance));
                    if (key == "anyOf" ? valid == 0 : valid != 1)
                    {
                        var labels = options.Select((o, i) => o is JsonObject option ? Label(option, i) : $"[subschema {i}]").ToList();
                        var message = key == "anyOf" ? $"is not any of {string.Join(',', labels)}" : $"is not exactly one from {string.Join(',', labels)}";
                        errors.Add(Error(path, message, schema, instance, key, new JsonArray([.. labels.Select(l => (JsonNode)JsonValue.Create(l))])));
                    }
                    break;
                case "dependencies" when instance is JsonObject obj && rule is JsonObject dependencies:
                    Dependencies(schema, obj, dependencies, path, errors);
                    break;
                case var leaf when Leaves.Contains(leaf) && !Passes(new JsonObject { [leaf] = rule?.DeepClone() }, instance):
                    errors.Add(Error(path, LeafMessage(leaf, rule), schema, instance, leaf, rule?.DeepClone() is { } argument && leaf != "uniqueItems"
                        ? (leaf == "type" ? TypeList(rule) : argument) : null));
                    break;
            }
        }
    }

    private static void Additional(JsonObject schema, JsonObject obj, JsonNode? rule, IReadOnlyList<object> path, List<JsonObject> errors)
    {
        var declared = schema["properties"] as JsonObject;
        foreach (var (name, value) in obj.ToList())
        {
            if (declared?.ContainsKey(name) == true)
            {
                continue;
            }
            if (rule is JsonValue v && v.GetValueKind() == JsonValueKind.False)
            {
                errors.Add(Error(path, $"is not allowed to have the additional property {Stringify(name)}", schema, obj, "additionalProperties", name));
            }
            else if (rule is JsonObject extra)
            {
                Walk(extra, value, true, [.. path, name], errors);
            }
        }
    }

    private static void Dependencies(JsonObject schema, JsonObject obj, JsonObject dependencies, IReadOnlyList<object> path, List<JsonObject> errors)
    {
        foreach (var (property, dependency) in dependencies)
        {
            if (!obj.ContainsKey(property))
            {
                continue;
            }
            var childPath = Property([.. path, property]);
            if (dependency is JsonArray needed)
            {
                foreach (var name in needed.OfType<JsonValue>().Select(n => n.ToString()).Where(n => !obj.ContainsKey(n)))
                {
                    errors.Add(Error(path, $"property {name} not found, required by {childPath}", schema, obj, "dependencies", childPath));
                }
            }
            else if (dependency is JsonObject sub)
            {
                var inner = new List<JsonObject>();
                Walk(sub, obj, true, path, inner);
                if (inner.Count > 0)
                {
                    errors.Add(Error(path, $"does not meet dependency required by {childPath}", schema, obj, "dependencies", childPath));
                    errors.AddRange(inner);
                }
            }
        }
    }

    /// <summary>JsonSchema.Net's verdict on one rule (a one-keyword schema) or one subschema.</summary>
    /// <remarks>A rule JsonSchema.Net cannot read (a draft-03 form, a misspelt value) or a format both libraries do not know counts as passed.</remarks>
    private static bool Passes(JsonObject schema, JsonNode? instance)
    {
        if (schema["format"] is { } format && !Formats.Contains(format.ToString()))
        {
            return true;
        }
        try
        {
            return JsonSchema.FromText(schema.ToJsonString()).Evaluate(instance, Options).IsValid;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            return true;
        }
    }

    /// <summary>Formats both jsonschema 1.5.0 and JsonSchema.Net check (with the same name).</summary>
    private static readonly HashSet<string> Formats = ["date-time", "date", "time", "email", "hostname", "ipv6", "uri", "uri-reference", "regex", "json-pointer", "uri-template"];

    private static string LeafMessage(string keyword, JsonNode? rule) => keyword switch
    {
        "type" => $"is not of a type(s) {string.Join(',', TypeList(rule).Select(t => t!.ToString()))}",
        "enum" => $"is not one of enum values: {string.Join(',', (rule as JsonArray ?? []).Select(JsString))}",
        "const" => $"does not exactly match expected constant: {JsString(rule)}",
        "pattern" => $"does not match pattern {Stringify(rule?.ToString() ?? "")}",
        "format" => $"does not conform to the {Stringify(rule?.ToString() ?? "")} format",
        "minLength" => $"does not meet minimum length of {JsString(rule)}",
        "maxLength" => $"does not meet maximum length of {JsString(rule)}",
        "minItems" => $"does not meet minimum length of {JsString(rule)}",
        "maxItems" => $"does not meet maximum length of {JsString(rule)}",
        "uniqueItems" => "contains duplicate item",
        "minimum" => $"must be greater than or equal to {JsString(rule)}",
        "maximum" => $"must be less than or equal to {JsString(rule)}",
        "exclusiveMinimum" => $"must be strictly greater than {JsString(rule)}",
        "exclusiveMaximum" => $"must be strictly less than {JsString(rule)}",
        "multipleOf" => $"is not a multiple of (divisible by) {JsString(rule)}",
        "minProperties" => $"does not meet minimum property length of {JsString(rule)}",
        "maxProperties" => $"does not meet maximum property length of {JsString(rule)}",
        _ => $"does not match {keyword}",
    };

    private static JsonArray TypeList(JsonNode? rule) => rule is JsonArray types ? (JsonArray)types.DeepClone() : new JsonArray(rule?.DeepClone());

    /// <summary>How jsonschema names a subschema in allOf/anyOf/oneOf messages.</summary>
    private static string Label(JsonObject schema, int index) =>
        Ui.Text(schema["$id"]) ?? Ui.Text(schema["id"]) ?? (Ui.Text(schema["title"]) is { Length: > 0 } title ? Stringify(title) : null)
        ?? (Ui.Text(schema["$ref"]) is { } reference ? $"<{reference}>" : $"[subschema {index}]");

    /// <summary>A jsonschema <c>ValidationError</c> as <c>res.json</c> writes it: undefined fields are left out.</summary>
    private static JsonObject Error(IReadOnlyList<object> path, string message, JsonObject schema, JsonNode? instance, string name, JsonNode? argument,
        bool withInstance = true)
    {
        var property = Property(path);
        var id = Ui.Text(schema["$id"]) ?? Ui.Text(schema["id"]);
        var error = new JsonObject
        {
            ["path"] = new JsonArray([.. path.Select(p => p is int i ? JsonValue.Create(i) : (JsonNode)JsonValue.Create((string)p))]),
            ["property"] = property,
            ["message"] = message,
            ["schema"] = id is not null ? JsonValue.Create(id) : schema.DeepClone(),
        };
        if (withInstance)
        {
            error["instance"] = instance?.DeepClone();
        }
        error["name"] = name;
        if (argument is not null)
        {
            error["argument"] = argument;
        }
        error["stack"] = $"{property} {message}";
        return error;
    }

    /// <summary>allOf's argument carries the inner ValidatorResult; its JSON form.</summary>
    private static JsonObject Result(JsonNode? instance, JsonObject schema, IReadOnlyList<object> path, List<JsonObject> inner) => new()
    {
        ["instance"] = instance?.DeepClone(),
        ["schema"] = schema.DeepClone(),
        ["options"] = new JsonObject(),
        ["path"] = new JsonArray([.. path.Select(p => p is int i ? JsonValue.Create(i) : (JsonNode)JsonValue.Create((string)p))]),
        ["propertyPath"] = Property(path),
        ["errors"] = new JsonArray([.. inner.Select(e => (JsonNode)e.DeepClone())]),
        ["disableFormat"] = false,
    };

    /// <summary>jsonschema's <c>property</c>: <c>instance</c> plus <c>.name</c>, <c>[0]</c> or <c>["odd key"]</c> per step.</summary>
    public static string Property(IReadOnlyList<object> path) => "instance" + string.Concat(path.Select(p => p switch
    {
        int i => $"[{i}]",
        string s when (s.Length == 0 || !char.IsAsciiDigit(s[0])) && s.IndexOfAny(['.', '[', ']']) < 0 && !s.Any(char.IsWhiteSpace) => "." + s,
        string s when s.Length > 0 && s.All(char.IsAsciiDigit) => $"[{s}]",
        var other => $"[{Stringify(other.ToString() ?? "")}]",
    }));

    /// <summary>JSON.stringify of a string: the expression engine's exact port.</summary>
    private static string Stringify(string text) => JsJson.Stringify(text)!;

    /// <summary>JavaScript's <c>String(value)</c>.</summary>
    private static string JsString(JsonNode? value) => value switch
    {
        null => "null",
        JsonArray array => string.Join(',', array.Select(v => v is null ? "" : JsString(v))),
        JsonObject => "[object Object]",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) => Js.NumberToString(d),
        _ => value.ToJsonString(),
    };
}
