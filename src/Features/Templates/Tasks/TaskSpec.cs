using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Templates.DryRun;
using Fawkes.Portal.Features.Templates.Model;
using Fawkes.Portal.Features.Templates.Workspace;

namespace Fawkes.Portal.Features.Templates.Tasks;

/// <summary>
/// The stored spec of a task, as Backstage stores it (docs/scaffolder-semantics.md §6.1): <c>{apiVersion, steps,
/// EXPERIMENTAL_recovery?, output, parameters, user, templateInfo: {entityRef, baseUrl, entity: {metadata}}}</c> — and back:
/// the template to run and where its files are.
/// </summary>
public static class TaskSpec
{
    public const string ApprovalAnnotation = "fawkes.io/requires-approval";

    public static JsonObject Build(TemplateSpec template, JsonObject values, JsonObject user)
    {
        ArgumentNullException.ThrowIfNull(template);
        var entity = template.Entity;
        var spec = new JsonObject
        {
            ["apiVersion"] = entity["apiVersion"]?.DeepClone(),
            ["steps"] = DryRunService.StepsOf(template),
        };
        if (entity["spec"]?["EXPERIMENTAL_recovery"] is { } recovery)
        {
            spec["EXPERIMENTAL_recovery"] = recovery.DeepClone();
        }
        spec["output"] = entity["spec"]?["output"]?.DeepClone() ?? new JsonObject();
        spec["parameters"] = values.DeepClone();
        spec["user"] = user.DeepClone();
        var templateInfo = new JsonObject { ["entityRef"] = template.EntityRef };
        if (BaseUrl(entity) is { } baseUrl)
        {
            templateInfo["baseUrl"] = baseUrl;
        }
        templateInfo["entity"] = new JsonObject { ["metadata"] = entity["metadata"]?.DeepClone() };
        spec["templateInfo"] = templateInfo;
        return spec;
    }

    /// <summary><c>source-location</c>, else <c>managed-by-location</c>: a <c>url:</c> target as is, a <c>file:</c> target
    /// as <c>file://</c>, other types nothing.</summary>
    public static string? BaseUrl(JsonObject entity)
    {
        var annotations = entity["metadata"]?["annotations"] as JsonObject;
        var location = (annotations?[CatalogAnnotations.SourceLocation] as JsonValue)?.ToString()
            ?? (annotations?[CatalogAnnotations.ManagedByLocation] as JsonValue)?.ToString();
        return location switch
        {
            null => null,
            _ when location.StartsWith("url:", StringComparison.Ordinal) => location[4..],
            _ when location.StartsWith("file:", StringComparison.Ordinal) => "file://" + location[5..],
            _ => null,
        };
    }

    /// <summary>The template entity a stored spec describes (enough to run it: metadata, steps, output).</summary>
    public static JsonObject TemplateEntity(JsonObject spec) => new()
    {
        ["apiVersion"] = spec["apiVersion"]?.DeepClone(),
        ["kind"] = "Template",
        ["metadata"] = spec["templateInfo"]?["entity"]?["metadata"]?.DeepClone() ?? new JsonObject(),
        ["spec"] = new JsonObject { ["steps"] = spec["steps"]?.DeepClone(), ["output"] = spec["output"]?.DeepClone() },
    };

    /// <summary>The files beside <c>template.yaml</c>: read from disk for a <c>file://</c> base URL, none otherwise.</summary>
    public static TemplateDirectory Files(JsonObject spec, WorkspaceLimits limits)
    {
        var baseUrl = (spec["templateInfo"]?["baseUrl"] as JsonValue)?.ToString();
        if (baseUrl is null || !baseUrl.StartsWith("file://", StringComparison.Ordinal))
        {
            return TemplateDirectory.Empty;
        }
        var path = baseUrl["file://".Length..];
        var folder = Directory.Exists(path) ? path : Path.GetDirectoryName(path);
        return folder is not null && Directory.Exists(folder) ? TemplateDirectory.FromDisk(folder, limits) : TemplateDirectory.Empty;
    }

    /// <summary>The template's approval rule: null, <c>owner</c> or <c>platform-lead</c>; anything else is an error.</summary>
    public static string? Approval(JsonObject entity, out string? problem)
    {
        problem = null;
        var value = (entity["metadata"]?["annotations"]?[ApprovalAnnotation] as JsonValue)?.ToString()?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (value is "owner" or "platform-lead")
        {
            return value;
        }
        problem = $"metadata.annotations['{ApprovalAnnotation}'] is '{value}'; expected 'owner' or 'platform-lead'.";
        return null;
    }
}
