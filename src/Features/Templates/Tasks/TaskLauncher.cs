using System.Security.Claims;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Features.Templates.Forms.Schema;
using Fawkes.Portal.Features.Templates.Model;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Identity.Permissions;
using Fawkes.Portal.Operations.Audit;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Templates.Tasks;

/// <summary>Why a task could not be created, in Backstage's error terms (status, error name, message).</summary>
public class TaskLaunchException(int status, string name, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Name { get; } = name;
}

/// <summary>The values fail the template's parameter schemas: answered as Backstage does, <c>400 {"errors": [...]}</c>.</summary>
public sealed class TaskParameterException(string templateRef, IReadOnlyList<JsonObject> errors) : TaskLaunchException(400, "InputError",
    $"Template {templateRef}: the values do not match its parameters: {string.Join("; ", errors.Select(e => e["stack"]?.ToString()))}")
{
    /// <summary>npm jsonschema's <c>ValidationError</c>s, as Backstage answers them.</summary>
    public IReadOnlyList<JsonObject> Errors { get; } = errors;
}

/// <summary>
/// Creates a task from a catalog template: what <c>POST /api/scaffolder/v2/tasks</c> and the wizard both call. The task
/// starts <c>open</c> (a worker claims it) or, for a template annotated <c>fawkes.io/requires-approval</c>,
/// <c>awaiting-approval</c>. Secrets stay in this process (<see cref="TaskSecrets"/>).
/// </summary>
public sealed class TaskLauncher(CatalogQueries catalog, TaskStore store, TaskSecrets held, TaskEventHub hub, PermissionService permissions,
    AuditLog audit, IOptions<TaskOptions> options, TimeProvider time)
{
    public async Task<Guid> StartAsync(ClaimsPrincipal user, string templateRef, JsonObject values, IReadOnlyDictionary<string, string> secrets,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(secrets);
        var decision = permissions.Decide(user, PortalAction.TemplateRun);
        if (!decision.Allowed)
        {
            throw new TaskLaunchException(decision.Status, decision.Status == 401 ? "AuthenticationError" : "NotAllowedError", decision.Message);
        }
        var (entityRef, entity) = await TemplateAsync(catalog, templateRef, ct);
        var template = Read(entity, entityRef);
        // As Backstage's POST /v2/tasks: values failing the parameter schemas answer 400 {errors} before a task exists.
        var invalid = ParameterStepErrors.FirstFailingStep(entity["spec"]?["parameters"], values, secrets);
        if (invalid.Count == 0)
        {
            invalid = SecretsErrors.Validate(entity["spec"], secrets);
        }
        if (invalid.Count > 0)
        {
            throw new TaskParameterException(entityRef.ToString(), invalid);
        }
        var approval = TaskSpec.Approval(entity, out var approvalProblem);
        if (approvalProblem is not null)
        {
            throw new TaskLaunchException(400, "InputError", $"Template {entityRef} cannot run: {approvalProblem}");
        }
        if (approval is not null && secrets.Count > 0)
        {
            throw new TaskLaunchException(400, "InputError", $"Template {entityRef} needs approval ({TaskSpec.ApprovalAnnotation}: {approval}), and "
                + "secrets are never stored while a task waits: run it without secrets, or ask its owners to drop the approval or the secrets.");
        }
        var caller = Caller.From(user);
        var login = caller.Login ?? "unknown";
        EntityRef? userRef = caller.IsToken ? null : new EntityRef(CatalogKinds.User, EntityRef.DefaultNamespace, login);
        var userJson = new JsonObject();
        if (userRef is { } r)
        {
            // Backstage leaves out what is undefined: no entity key for a person without a User entity.
            if (await catalog.ByRefAsync(r, ct) is { } userEntity)
            {
                userJson["entity"] = userEntity;
            }
            userJson["ref"] = r.ToString();
        }
        var now = time.GetUtcNow();
        var settings = options.Value;
        var pinned = secrets.Count > 0;
        var task = new ScaffolderTask
        {
            Id = Guid.NewGuid(),
            SpecJson = TaskSpec.Build(template, values, userJson).ToJsonString(),
            Status = approval is null ? ScaffolderTaskStatus.Open : ScaffolderTaskStatus.AwaitingApproval,
            CreatedBy = userRef?.ToString(),
            Initiator = userRef?.ToString() ?? login,
            CreatedAt = now,
            ClaimedBy = pinned ? settings.ReplicaId : null,
            LeaseUntil = pinned ? now.AddSeconds(settings.LeaseSeconds) : null,
            Approval = approval,
            TemplateOwner = Owner(entity),
        };
        held.Hold(task.Id, secrets, user);
        await store.AddAsync(task, ct);
        await audit.RecordAsync(login, "template.task.create", $"task:{task.Id}", $"template={entityRef}; status={task.Status}", ct);
        if (task.Status == ScaffolderTaskStatus.Open)
        {
            hub.NotifyOpened();
        }
        return task.Id;
    }

    /// <summary>A template from the catalog by ref (default kind <c>template</c>), with Backstage's 400 and 404 answers.</summary>
    public static async Task<(EntityRef Ref, JsonObject Entity)> TemplateAsync(CatalogQueries catalog, string? templateRef, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (!EntityRef.TryParse(templateRef, "template", EntityRef.DefaultNamespace, out var entityRef, out var error))
        {
            throw new TaskLaunchException(400, "InputError", error!);
        }
        if (!entityRef.Kind.Equals(CatalogKinds.Template, StringComparison.OrdinalIgnoreCase))
        {
            throw new TaskLaunchException(400, "InputError", "Invalid kind, only 'Template' kind is supported");
        }
        var entity = await catalog.ByRefAsync(entityRef, ct)
            ?? throw new TaskLaunchException(404, "NotFoundError", $"Template {entityRef} not found");
        return (entityRef, entity);
    }

    /// <summary>Reads the template for its steps. A wrong apiVersion is not refused here: as in Backstage, the task is created
    /// and its run fails with <c>Unsupported Template apiVersion</c>.</summary>
    private static TemplateSpec Read(JsonObject entity, EntityRef entityRef)
    {
        var copy = (JsonObject)entity.DeepClone();
        copy["apiVersion"] = TemplateSpec.ApiVersion;
        var (spec, problems) = TemplateSpec.Read(copy);
        return spec ?? throw new TaskLaunchException(400, "InputError",
            $"Template {entityRef} is invalid: {string.Join("; ", problems)}");
    }

    private static string? Owner(JsonObject entity) =>
        entity["relations"]?.AsArray().FirstOrDefault(r => r?["type"]?.GetValue<string>() == RelationTypes.OwnedBy)?["targetRef"]?.GetValue<string>()
        ?? (entity["spec"]?["owner"] as JsonValue)?.ToString();
}
