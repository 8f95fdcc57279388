using System.Text.Json.Nodes;
using Json.Schema;

namespace Fawkes.Portal.Features.Templates.Forms.Schema;

/// <summary>One failed rule: the field as a JSON Pointer into the values (<c>/repo/name</c>) and what is wrong with it.</summary>
public sealed record ParameterError(string Path, string Message);

/// <summary>
/// Validates a template's parameter values against its <c>spec.parameters</c> with JsonSchema.Net, draft-07 as
/// Backstage's ajv does: every step's schema against the whole values object. The wizard calls it as the user types and
/// on Next; the task API calls it again before anything runs. Messages follow ajv's wording.
/// </summary>
public static class TemplateParameterValidator
{
    private static readonly EvaluationOptions Options = new() { EvaluateAs = SpecVersion.Draft7, OutputFormat = OutputFormat.Hierarchical };

    /// <param name="secrets">Values of <c>ui:field: Secret</c> fields, keyed by property name. They are never part of
    /// the values; a masked stand-in is validated in their place (as Backstage's form holds <c>****</c> there).</param>
    public static IReadOnlyList<ParameterError> Validate(JsonNode parameters, JsonObject values, IReadOnlyDictionary<string, string>? secrets = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var errors = new List<ParameterError>();
        foreach (var step in ParameterSteps.From(parameters))
        {
            errors.AddRange(ValidateStep(step.Schema, values, secrets));
        }
        return [.. errors.DistinctBy(e => (e.Path, e.Message))];
    }

    public static IReadOnlyList<ParameterError> ValidateStep(JsonObject stepSchema, JsonObject values, IReadOnlyDictionary<string, string>? secrets = null)
    {
        ArgumentNullException.ThrowIfNull(stepSchema);
        var instance = WithMaskedSecrets(values, secrets);
        var results = JsonSchema.FromText(stepSchema.ToJsonString()).Evaluate(instance, Options);
        var errors = new List<ParameterError>();
        Collect(results, stepSchema, instance, errors);
        return errors;
    }

    private static JsonObject WithMaskedSecrets(JsonObject values, IReadOnlyDictionary<string, string>? secrets)
    {
        var copy = values.DeepClone().AsObject();
        foreach (var (name, secret) in secrets ?? new Dictionary<string, string>())
        {
            if (!string.IsNullOrEmpty(secret))
            {
                copy[name] = new string('*', secret.Length);
            }
        }
        return copy;
    }

    /// <summary>Keywords whose failure is only that of a subschema: the subschema's own errors say what to fix.</summary>
    private static readonly HashSet<string> Containers =
        ["properties", "items", "additionalItems", "allOf", "anyOf", "oneOf", "then", "else", "dependencies", "contains", "propertyNames"];

    /// <summary>
    /// Walks only failing nodes; a failed <c>if</c> decides a branch and is not an error. Of a failed <c>oneOf</c> or
    /// <c>anyOf</c>, only the closest branch (fewest errors) is reported, as rjsf guesses the option the user meant.
    /// </summary>
    private static void Collect(EvaluationResults node, JsonObject schema, JsonNode instance, List<ParameterError> errors)
    {
        if (node.IsValid)
        {
            return;
        }
        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            if (Containers.Contains(keyword))
            {
                continue;
            }
            var rule = FieldPath.Parse(node.EvaluationPath.ToString().TrimEnd('/') + "/" + keyword).Get(schema);
            var at = node.InstanceLocation.ToString();
            if (keyword == "required")
            {
                var present = FieldPath.Parse(at).Get(instance) as JsonObject ?? [];
                errors.AddRange(Ui.Strings(rule).Where(name => present[name] is null)
                    .Select(name => new ParameterError($"{at}/{name}", "is required")));
                continue;
            }
            errors.Add(new ParameterError(at, AjvMessage(keyword, rule) ?? message));
        }
        var branches = new Dictionary<string, List<ParameterError>>(StringComparer.Ordinal);
        foreach (var child in node.Details)
        {
            var path = child.EvaluationPath.ToString();
            if (path.EndsWith("/if", StringComparison.Ordinal))
            {
                continue;
            }
            var segments = FieldPath.Parse(path).Segments;
            if (segments.Count >= 2 && segments[^2] is "oneOf" or "anyOf")
            {
                var branch = new List<ParameterError>();
                Collect(child, schema, instance, branch);
                var group = string.Join('/', segments.SkipLast(1));
                if (!branches.TryGetValue(group, out var best) || branch.Count < best.Count)
                {
                    branches[group] = branch;
                }
                continue;
            }
            Collect(child, schema, instance, errors);
        }
        errors.AddRange(branches.Values.SelectMany(b => b));
    }

    private static string? AjvMessage(string keyword, JsonNode? rule) => keyword switch
    {
        "pattern" => $"must match pattern \"{Ui.Text(rule)}\"",
        "minLength" => $"must NOT have fewer than {Ui.Text(rule)} characters",
        "maxLength" => $"must NOT have more than {Ui.Text(rule)} characters",
        "minimum" => $"must be >= {Ui.Text(rule)}",
        "maximum" => $"must be <= {Ui.Text(rule)}",
        "exclusiveMinimum" => $"must be > {Ui.Text(rule)}",
        "exclusiveMaximum" => $"must be < {Ui.Text(rule)}",
        "minItems" => $"must NOT have fewer than {Ui.Text(rule)} items",
        "maxItems" => $"must NOT have more than {Ui.Text(rule)} items",
        "uniqueItems" => "must NOT have duplicate items",
        "enum" => "must be equal to one of the allowed values",
        "const" => "must be equal to constant",
        "type" => $"must be {string.Join(",", Ui.Strings(rule))}",
        "oneOf" => "must match exactly one schema in oneOf",
        "anyOf" => "must match a schema in anyOf",
        "not" => "must NOT be valid",
        _ => null,
    };
}
