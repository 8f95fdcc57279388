using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Api;
using Fawkes.Portal.Identity;

namespace Fawkes.Portal.Features.Templates.Tasks;

/// <summary>
/// Backstage's task API under <c>/api/scaffolder/v2</c> (docs/scaffolder-semantics.md §6), plus Fawkes' approval
/// decisions. Every route needs <c>TemplateRun</c>; which tasks a caller sees is <see cref="TaskAccess"/>'s rule.
/// </summary>
public static class TasksEndpoints
{
    public static RouteGroupBuilder MapTasks(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/tasks", CreateAsync).RequireAuthorization(Policies.TemplateRun);
        api.MapGet("/tasks", (HttpRequest request, ClaimsPrincipal user, TaskQueries queries, CancellationToken ct) => Guard(async () =>
        {
            var (tasks, total) = await queries.ListAsync(user, TaskListQuery.Parse(request.Query), onlyMine: false, ct);
            return Results.Json(new JsonObject { ["tasks"] = new JsonArray([.. tasks.Select(t => (JsonNode)TaskJson.ToJson(t))]), ["totalTasks"] = total });
        })).RequireAuthorization(Policies.TemplateRun);
        api.MapGet("/tasks/{id}", (string id, ClaimsPrincipal user, TaskCommands commands, CancellationToken ct) => Guard(async () =>
            Results.Json(TaskJson.ToJson(await commands.VisibleAsync(user, ParseId(id), ct))))).RequireAuthorization(Policies.TemplateRun);
        api.MapPost("/tasks/{id}/cancel", (string id, ClaimsPrincipal user, TaskCommands commands, CancellationToken ct) => Guard(async () =>
        {
            await commands.CancelAsync(user, ParseId(id), ct);
            return Results.Json(new JsonObject { ["status"] = "cancelled" });
        })).RequireAuthorization(Policies.TemplateRun);
        api.MapPost("/tasks/{id}/approve", (string id, HttpRequest request, ClaimsPrincipal user, TaskCommands commands, CancellationToken ct) => Guard(async () =>
        {
            await commands.ApproveAsync(user, ParseId(id), await ReasonAsync(request, ct), ct);
            return Results.Json(new JsonObject { ["status"] = ScaffolderTaskStatus.Open });
        })).RequireAuthorization(Policies.TemplateRun);
        api.MapPost("/tasks/{id}/reject", (string id, HttpRequest request, ClaimsPrincipal user, TaskCommands commands, CancellationToken ct) => Guard(async () =>
        {
            await commands.RejectAsync(user, ParseId(id), await ReasonAsync(request, ct), ct);
            return Results.Json(new JsonObject { ["status"] = ScaffolderTaskStatus.Rejected });
        })).RequireAuthorization(Policies.TemplateRun);
        api.MapTaskEvents();
        api.MapGet("/templates/{namespace}/{kind}/{name}/parameter-schema", ParameterSchema.HandleAsync);
        return api;
    }

    /// <summary>Answers a <see cref="TaskLaunchException"/> in Backstage's error shape.</summary>
    internal static async Task<IResult> Guard(Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (TaskParameterException e)
        {
            return DryRun.DryRunEndpoint.ParameterErrorsResult(e.Errors);
        }
        catch (TaskLaunchException e)
        {
            return CatalogProblems.Error(e.Status, e.Name, e.Message);
        }
    }

    internal static Guid ParseId(string id) => Guid.TryParse(id, out var guid) ? guid : throw TaskCommands.NotFound(id);

    private static Task<IResult> CreateAsync(HttpRequest request, ClaimsPrincipal user, TaskLauncher launcher, CancellationToken ct) => Guard(async () =>
    {
        var body = await BodyAsync(request, ct);
        if (Shape(body) is { } problem)
        {
            return CatalogProblems.Input(problem);
        }
        var secrets = (body["secrets"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        var id = await launcher.StartAsync(user, body["templateRef"]!.GetValue<string>(), (JsonObject)body["values"]!.DeepClone(), secrets, ct);
        return Results.Json(new JsonObject { ["id"] = id.ToString() }, statusCode: StatusCodes.Status201Created);
    });

    /// <summary>The OpenAPI checks of Backstage's <c>POST /v2/tasks</c>, with its ajv-style messages.</summary>
    private static string? Shape(JsonObject body)
    {
        foreach (var required in new[] { "templateRef", "values" })
        {
            if (!body.ContainsKey(required))
            {
                return $"request/body must have required property '{required}'";
            }
        }
        if (body["templateRef"] is not JsonValue r || r.GetValueKind() != JsonValueKind.String)
        {
            return "request/body/templateRef must be string";
        }
        if (body["values"] is not JsonObject)
        {
            return "request/body/values must be object";
        }
        if (body["secrets"] is { } secrets)
        {
            if (secrets is not JsonObject secretObject)
            {
                return "request/body/secrets must be object";
            }
            foreach (var (key, value) in secretObject)
            {
                if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
                {
                    return $"request/body/secrets/{key} must be string";
                }
            }
        }
        return null;
    }

    private static async Task<JsonObject> BodyAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: ct) as JsonObject
                ?? throw new TaskLaunchException(400, "InputError", "request/body must be object");
        }
        catch (JsonException e)
        {
            throw new TaskLaunchException(400, "InputError", $"Malformed request: {e.Message}");
        }
    }

    /// <summary><c>{reason}</c> of an approval or rejection; an empty body means no reason.</summary>
    private static async Task<string?> ReasonAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength == 0)
        {
            return null;
        }
        var body = await BodyAsync(request, ct);
        return body["reason"] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Trim(),
            _ => throw new TaskLaunchException(400, "InputError", "request/body/reason must be string"),
        };
    }
}
