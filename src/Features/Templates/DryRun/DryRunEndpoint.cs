using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Api;
using Fawkes.Portal.Features.Templates.Actions;
using Fawkes.Portal.Features.Templates.Model;
using Fawkes.Portal.Features.Templates.Workspace;
using Fawkes.Portal.Identity;

namespace Fawkes.Portal.Features.Templates.DryRun;

/// <summary><c>POST /api/scaffolder/v2/dry-run</c> (<c>scaffolder:run</c>): Backstage's request, checks in its order,
/// its answer and its error bodies (docs/scaffolder-semantics.md §1).</summary>
public static class DryRunEndpoint
{
    public static RouteGroupBuilder MapDryRun(this RouteGroupBuilder api)
    {
        api.MapPost("/dry-run", HandleAsync).RequireAuthorization(Policies.TemplateRun);
        return api;
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, DryRunService dryRun, WorkspaceLimits limits, ClaimsPrincipal caller, CancellationToken ct)
    {
        JsonObject body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: ct) as JsonObject
                ?? throw new JsonException("request/body must be object");
        }
        catch (JsonException e)
        {
            return CatalogProblems.Input(e.Message.StartsWith("request/", StringComparison.Ordinal) ? e.Message : $"Malformed request: {e.Message}");
        }
        if (RequestShape.FirstProblem(body) is { } shape)
        {
            return CatalogProblems.Input(shape);
        }
        var template = (JsonObject)body["template"]!;
        if ((template["apiVersion"] as JsonValue)?.ToString() != TemplateSpec.ApiVersion || (template["kind"] as JsonValue)?.ToString() != "Template")
        {
            return CatalogProblems.Input("Input template is not a template");
        }
        var (spec, problems) = TemplateSpec.Read(template);
        if (spec is null)
        {
            return CatalogProblems.Error(500, "TypeError", string.Join("; ", problems));
        }
        TemplateDirectory files;
        try
        {
            files = Contents((JsonArray)body["directoryContents"]!, limits);
        }
        catch (PathEscapeException)
        {
            return CatalogProblems.Error(403, "NotAllowedError", "Relative path is not allowed to refer to a directory outside its parent");
        }
        catch (WorkspaceLimitException e)
        {
            return CatalogProblems.Error(413, "PayloadTooLargeError", e.Message);
        }
        var secrets = (body["secrets"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "");
        if (ParameterErrors(template, (JsonObject)body["values"]!, secrets) is { } invalid)
        {
            return invalid;
        }
        var result = await dryRun.RunAsync(spec, (JsonObject)body["values"]!.DeepClone(), secrets, files, caller, null, ct);
        if (result.Error is { } error)
        {
            var (status, name) = ErrorClass(error);
            var message = error switch
            {
                ActionNotFoundException => error.Message + " See https://backstage.io/docs/features/software-templates/builtin-actions/ on how to add a new action module.",
                Expressions.TemplateException t => TemplateErrorText(t),
                // Backstage's words; the path is in the run's log line, not repeated in the answer.
                PathEscapeException => "Relative path is not allowed to refer to a directory outside its parent",
                _ => error.Message,
            };
            return CatalogProblems.Error(status, name, message);
        }
        return Results.Json(new JsonObject
        {
            ["log"] = new JsonArray(result.Log.Select(e => (JsonNode)new JsonObject { ["body"] = e.ToBody() }).ToArray()),
            ["directoryContents"] = new JsonArray(result.Workspace.Files.Select(f => (JsonNode)new JsonObject
            {
                ["path"] = f.Key, ["executable"] = f.Value.Executable, ["base64Content"] = Convert.ToBase64String(f.Value.Content),
            }).ToArray()),
            ["output"] = result.Output ?? new JsonObject(),
            ["steps"] = result.Steps,
        });
    }

    /// <summary>
    /// The values checked against the template's parameter schemas before anything runs, as Backstage does: the first
    /// failing step answers <c>400 {"errors": [...]}</c> with npm jsonschema's error objects (<see cref="Forms.Schema.ParameterStepErrors"/>).
    /// </summary>
    public static IResult? ParameterErrors(JsonObject template, JsonObject values, IReadOnlyDictionary<string, string> secrets)
    {
        var errors = Forms.Schema.ParameterStepErrors.FirstFailingStep(template["spec"]?["parameters"], values, secrets);
        if (errors.Count == 0)
        {
            // Then the secrets against spec.secrets.schema, as Backstage's validateSecrets.
            errors = Forms.Schema.SecretsErrors.Validate(template["spec"], secrets);
        }
        return errors.Count == 0 ? null : ParameterErrorsResult(errors);
    }

    /// <summary>Backstage's <c>400 {"errors": [...]}</c> for values failing the parameter schemas (dry run and task creation).</summary>
    public static IResult ParameterErrorsResult(IReadOnlyList<JsonObject> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return Results.Json(new JsonObject { ["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)e.DeepClone())]) },
            statusCode: StatusCodes.Status400BadRequest);
    }

    /// <summary>Backstage's words for a template error (<c>Template error at line L, column C: …</c>), then the file it is in,
    /// which Backstage does not say.</summary>
    public static string TemplateErrorText(Expressions.TemplateException error) =>
        $"Template error at line {error.Line}, column {error.Column}: {error.Detail} — in {error.SourceName.Replace(' ', '_')}";

    /// <summary>Status and name by error class, as Backstage's error middleware maps them.</summary>
    public static (int Status, string Name) ErrorClass(Exception error) => error switch
    {
        ActionInputException => (400, "InputError"),
        PathEscapeException => (403, "NotAllowedError"),
        ActionNotFoundException => (404, "NotFoundError"),
        WorkspaceLimitException => (413, "PayloadTooLargeError"),
        Expressions.TemplateException => (500, "TemplateRenderError"),
        _ => (500, "Error"),
    };

    private static TemplateDirectory Contents(JsonArray items, WorkspaceLimits limits)
    {
        var files = new Dictionary<string, WorkspaceFile>(StringComparer.Ordinal);
        long total = 0;
        foreach (var item in items.OfType<JsonObject>())
        {
            var path = WorkspacePath.Resolve("", (item["path"] as JsonValue)?.ToString());
            var content = Convert.FromBase64String((item["base64Content"] as JsonValue)?.ToString() ?? "");
            total += content.Length;
            if (files.Count >= limits.MaxFiles || total > limits.MaxTotalBytes)
            {
                throw new WorkspaceLimitException($"The template's files exceed Templates:Limits ({limits.MaxFiles:N0} files, {limits.MaxTotalBytes:N0} bytes).");
            }
            files[path] = new WorkspaceFile(content);
        }
        return new TemplateDirectory(files, "the uploaded template directory");
    }
}
