using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Api;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Features.Templates.Model;

namespace Fawkes.Portal.Features.Templates.Tasks;

/// <summary><c>GET /v2/templates/{namespace}/{kind}/{name}/parameter-schema</c>: the form's pages as Backstage answers them
/// (docs/scaffolder-semantics.md §5).</summary>
public static class ParameterSchema
{
    public static async Task<IResult> HandleAsync(string @namespace, string kind, string name, CatalogQueries catalog, CancellationToken ct)
    {
        if (!kind.Equals(CatalogKinds.Template, StringComparison.OrdinalIgnoreCase))
        {
            return CatalogProblems.Input("Invalid kind, only 'Template' kind is supported");
        }
        var entityRef = new EntityRef("template", @namespace, name);
        var entity = await catalog.ByRefAsync(entityRef, ct);
        if (entity is null)
        {
            return CatalogProblems.NotFound($"Template {entityRef} not found");
        }
        var apiVersion = (entity["apiVersion"] as JsonValue)?.ToString();
        return apiVersion != TemplateSpec.ApiVersion
            ? CatalogProblems.Input($"Unsupported apiVersion field in schema entity, {apiVersion}")
            : Results.Json(Of(entity));
    }

    /// <summary>The answer for one template entity; keys whose value is undefined are left out, as JSON.stringify does.</summary>
    public static JsonObject Of(JsonObject entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var metadata = entity["metadata"] as JsonObject ?? [];
        var spec = entity["spec"] as JsonObject ?? [];
        var answer = new JsonObject { ["title"] = (metadata["title"] ?? metadata["name"])?.DeepClone() };
        Copy(spec, "presentation", answer, "presentation");
        Copy(metadata, "description", answer, "description");
        Copy(metadata, "ui:options", answer, "ui:options");
        var parameters = spec["parameters"] switch
        {
            JsonArray list => list.OfType<JsonObject>().ToList(),
            JsonObject one => [one],
            _ => [],
        };
        answer["steps"] = new JsonArray([.. parameters.Select(Step)]);
        if ((spec["formDecorators"] ?? spec["EXPERIMENTAL_formDecorators"]) is { } decorators)
        {
            answer["formDecorators"] = decorators.DeepClone();
        }
        return answer;
    }

    private static JsonNode Step(JsonObject parameters)
    {
        var step = new JsonObject { ["title"] = parameters["title"]?.DeepClone() ?? "Please enter the following information" };
        Copy(parameters, "description", step, "description");
        if (parameters["when"] is JsonValue when && when.GetValueKind() is JsonValueKind.String or JsonValueKind.True or JsonValueKind.False)
        {
            step["when"] = when.DeepClone();
        }
        var schema = (JsonObject)parameters.DeepClone();
        schema.Remove("when");
        step["schema"] = schema;
        return step;
    }

    private static void Copy(JsonObject from, string key, JsonObject to, string as_)
    {
        if (from[key] is { } value)
        {
            to[as_] = value.DeepClone();
        }
    }
}
