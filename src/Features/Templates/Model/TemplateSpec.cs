using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Model;

/// <summary>
/// A <c>scaffolder.backstage.io/v1beta3</c> Template entity, read for running: its parameters (one schema or a list of
/// step schemas), its steps with Backstage's defaults (<c>id</c> = <c>step-N</c>, <c>name</c> = the action) and its
/// <c>output</c>. Reading never throws: what is wrong comes back as <see cref="TemplateProblem"/>s with the field's path.
/// </summary>
public sealed record TemplateSpec(
    string EntityRef,
    string Name,
    string? Title,
    JsonObject Entity,
    IReadOnlyList<JsonObject> ParameterSteps,
    IReadOnlyList<TemplateStep> Steps,
    JsonObject? Output)
{
    public const string ApiVersion = "scaffolder.backstage.io/v1beta3";

    public static (TemplateSpec? Spec, IReadOnlyList<TemplateProblem> Problems) Read(JsonObject entity)
    {
        var problems = new List<TemplateProblem>();
        if (entity["apiVersion"]?.GetValueKind() is not System.Text.Json.JsonValueKind.String || (string?)entity["apiVersion"] != ApiVersion)
        {
            problems.Add(new("apiVersion", $"must be '{ApiVersion}' (found '{entity["apiVersion"]?.ToJsonString() ?? "nothing"}')."));
        }
        if ((entity["kind"] as JsonValue)?.ToString() != "Template")
        {
            problems.Add(new("kind", "must be 'Template'."));
        }
        var metadata = entity["metadata"] as JsonObject;
        var name = (metadata?["name"] as JsonValue)?.ToString();
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add(new("metadata.name", "is required."));
        }
        if (entity["spec"] is not JsonObject spec)
        {
            problems.Add(new("spec", "is required and must be an object."));
            return (null, problems);
        }
        var parameterSteps = ReadParameters(spec["parameters"], problems);
        var steps = ReadSteps(spec["steps"], problems);
        var output = spec["output"];
        if (output is not null and not JsonObject)
        {
            problems.Add(new("spec.output", "must be an object."));
        }
        if (problems.Count > 0)
        {
            return (null, problems);
        }
        var ns = (metadata?["namespace"] as JsonValue)?.ToString() is { Length: > 0 } n ? n : "default";
        return (new TemplateSpec($"template:{ns}/{name}", name!, (metadata?["title"] as JsonValue)?.ToString(), entity,
            parameterSteps, steps, output as JsonObject), problems);
    }

    private static List<JsonObject> ReadParameters(JsonNode? parameters, List<TemplateProblem> problems)
    {
        switch (parameters)
        {
            case null:
                return [];
            case JsonObject one:
                return [one];
            case JsonArray many:
                var list = new List<JsonObject>();
                for (var i = 0; i < many.Count; i++)
                {
                    if (many[i] is JsonObject step)
                    {
                        list.Add(step);
                    }
                    else
                    {
                        problems.Add(new($"spec.parameters[{i}]", "must be an object (a JSON Schema)."));
                    }
                }
                return list;
            default:
                problems.Add(new("spec.parameters", "must be an object or a list of objects."));
                return [];
        }
    }

    private static List<TemplateStep> ReadSteps(JsonNode? steps, List<TemplateProblem> problems)
    {
        if (steps is not JsonArray array)
        {
            problems.Add(new("spec.steps", steps is null ? "is required." : "must be a list."));
            return [];
        }
        var list = new List<TemplateStep>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"spec.steps[{i}]";
            if (array[i] is not JsonObject step)
            {
                problems.Add(new(path, "must be an object."));
                continue;
            }
            var action = (step["action"] as JsonValue)?.ToString();
            if (string.IsNullOrWhiteSpace(action))
            {
                problems.Add(new($"{path}.action", "is required."));
                continue;
            }
            var id = (step["id"] as JsonValue)?.ToString() ?? $"step-{i + 1}";
            if (!ids.Add(id))
            {
                problems.Add(new($"{path}.id", $"'{id}' is used by an earlier step."));
            }
            if (step["input"] is not null and not JsonObject)
            {
                problems.Add(new($"{path}.input", "must be an object."));
            }
            list.Add(new TemplateStep(id, (step["name"] as JsonValue)?.ToString() ?? action, action,
                step["input"] as JsonObject, step["if"], step["each"]));
        }
        return list;
    }
}

/// <summary>What is wrong with a template, at which field (<c>spec.steps[2].action</c>).</summary>
public sealed record TemplateProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
