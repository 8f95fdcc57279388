using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Model;

namespace Fawkes.Portal.Features.Catalog.Validation;

/// <summary>Required and typed spec fields per kind, as in Backstage's kind schemas.</summary>
internal static class SpecRules
{
    public static void Validate(string kind, JsonObject spec, List<ValidationIssue> errors)
    {
        switch (kind)
        {
            case CatalogKinds.Component:
                Strings(spec, errors, required: ["type", "lifecycle", "owner"], optional: ["system", "subcomponentOf"]);
                Arrays(spec, errors, required: [], optional: ["providesApis", "consumesApis", "dependsOn", "dependencyOf"]);
                break;
            case CatalogKinds.Api:
                Strings(spec, errors, required: ["type", "lifecycle", "owner", "definition"], optional: ["system"]);
                break;
            case CatalogKinds.Resource:
                Strings(spec, errors, required: ["type", "owner"], optional: ["system"]);
                Arrays(spec, errors, required: [], optional: ["dependsOn", "dependencyOf"]);
                break;
            case CatalogKinds.System:
                Strings(spec, errors, required: ["owner"], optional: ["domain", "type"]);
                break;
            case CatalogKinds.Domain:
                Strings(spec, errors, required: ["owner"], optional: ["subdomainOf", "type"]);
                break;
            case CatalogKinds.Group:
                Strings(spec, errors, required: ["type"], optional: ["parent"]);
                Arrays(spec, errors, required: ["children"], optional: ["members"]);
                break;
            case CatalogKinds.User:
                Arrays(spec, errors, required: ["memberOf"], optional: []);
                break;
            case CatalogKinds.Location:
                Strings(spec, errors, required: [], optional: ["type", "target", "presence"]);
                Arrays(spec, errors, required: [], optional: ["targets"]);
                if (spec["target"] is null && spec["targets"] is null)
                {
                    errors.Add(new("spec.target", "A Location needs spec.target or spec.targets."));
                }
                break;
            case CatalogKinds.Template:
                Strings(spec, errors, required: ["type"], optional: ["owner"]);
                if (spec["steps"] is not JsonArray)
                {
                    errors.Add(new("spec.steps", spec["steps"] is null ? "spec.steps is required." : "spec.steps must be a list of steps."));
                }
                break;
        }
    }

    private static void Strings(JsonObject spec, List<ValidationIssue> errors, string[] required, string[] optional)
    {
        foreach (var key in required)
        {
            EntityValidator.RequiredString(spec, key, $"spec.{key}", errors);
        }
        foreach (var key in optional)
        {
            EntityValidator.OptionalString(spec, key, $"spec.{key}", errors);
        }
    }

    private static void Arrays(JsonObject spec, List<ValidationIssue> errors, string[] required, string[] optional)
    {
        foreach (var key in required.Concat(optional))
        {
            var node = spec[key];
            if (node is null)
            {
                if (required.Contains(key))
                {
                    errors.Add(new($"spec.{key}", $"spec.{key} is required (it may be an empty list: [])."));
                }
                continue;
            }
            if (node is not JsonArray array)
            {
                errors.Add(new($"spec.{key}", $"spec.{key} must be a list."));
                continue;
            }
            for (var i = 0; i < array.Count; i++)
            {
                if (EntityValidator.AsString(array[i]) is null)
                {
                    errors.Add(new($"spec.{key}[{i}]", $"spec.{key}[{i}] must be a string."));
                }
            }
        }
    }
}
