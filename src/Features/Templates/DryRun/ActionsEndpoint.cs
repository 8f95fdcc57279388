using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Actions;

namespace Fawkes.Portal.Features.Templates.DryRun;

/// <summary><c>GET /api/scaffolder/v2/actions</c>: every action with its schemas, sorted by id (Backstage's shape).</summary>
public static class ActionsEndpoint
{
    public static RouteGroupBuilder MapActions(this RouteGroupBuilder api)
    {
        api.MapGet("/actions", (ActionRegistry registry) => Results.Json(Describe(registry)));
        return api;
    }

    public static JsonArray Describe(ActionRegistry registry) => new(registry.All.OrderBy(a => a.Id, StringComparer.Ordinal).Select(a =>
    {
        var schema = new JsonObject { ["input"] = a.InputSchema.DeepClone() };
        if (a.OutputSchema is { } output)
        {
            schema["output"] = output.DeepClone();
        }
        return (JsonNode)new JsonObject { ["id"] = a.Id, ["description"] = a.Description, ["examples"] = new JsonArray(), ["schema"] = schema };
    }).ToArray());
}
