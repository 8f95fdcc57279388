using System.Security.Claims;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.DryRun;
using Fawkes.Portal.Features.Templates.Model;
using Fawkes.Portal.Features.Templates.Runner;
using Fawkes.Portal.Features.Templates.Workspace;
using Fawkes.Portal.Identity;

namespace Fawkes.Portal.Features.Templates.Tasks;

/// <summary>
/// Runs one claimed task with the <see cref="WorkflowRunner"/> (not a dry run) and completes it: <c>completed</c> with the
/// rendered output, or <c>failed</c> with the first error's <c>{name, message}</c> — a cancel too ends <c>failed</c>, as in
/// Backstage. The completion is written only while this replica still holds the task.
/// </summary>
public sealed class TaskExecution(TaskStore store, TaskSecrets held, TaskEventHub hub, WorkflowRunner runner, WorkspaceLimits limits,
    ILogger<TaskExecution> logger)
{
    public const string StoppedReason = "The portal stopped while this task ran; secrets are not kept, so it cannot resume.";

    public async Task RunAsync(Guid id, string replica, CancellationTokenSource cancel, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(cancel);
        try
        {
            using var subscription = hub.Subscribe(id, e =>
            {
                if (e.Type == TaskEventType.Cancelled)
                {
                    cancel.Cancel();
                }
            });
            if ((await store.CancelledAsync([id], CancellationToken.None)).Count > 0)
            {
                await cancel.CancelAsync(); // Cancelled between the claim and the subscription.
            }
            var task = await store.FindAsync(id, CancellationToken.None);
            if (task is null)
            {
                return;
            }
            var spec = JsonNode.Parse(task.SpecJson) as JsonObject ?? [];
            var sink = new TaskLogSink(store, id);
            var (output, error) = await ExecuteAsync(task, spec, sink, cancel.Token);
            if (stopping.IsCancellationRequested && (await store.CancelledAsync([id], CancellationToken.None)).Count == 0)
            {
                error = ("Error", StoppedReason);
            }
            await CompleteAsync(id, replica, output, error);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Task {TaskId} could not be run or completed", id);
            await CompleteAsync(id, replica, null, ("Error", e.Message));
        }
        finally
        {
            held.Forget(id);
        }
    }

    private async Task<(JsonNode? Output, (string Name, string Message)? Error)> ExecuteAsync(ScaffolderTask task, JsonObject spec, TaskLogSink sink, CancellationToken ct)
    {
        var apiVersion = (spec["apiVersion"] as JsonValue)?.ToString();
        if (apiVersion != TemplateSpec.ApiVersion)
        {
            return (null, ("InputError", $"Unsupported Template apiVersion {apiVersion}"));
        }
        var (template, problems) = TemplateSpec.Read(TaskSpec.TemplateEntity(spec));
        if (template is null)
        {
            return (null, ("InputError", $"The stored template is invalid: {string.Join("; ", problems)}"));
        }
        TemplateDirectory files;
        try
        {
            files = TaskSpec.Files(spec, limits);
        }
        catch (Exception e) when (e is WorkspaceLimitException or PathEscapeException or IOException or UnauthorizedAccessException)
        {
            return (null, (DryRunEndpoint.ErrorClass(e).Name, $"Could not read the template's files: {e.Message}"));
        }
        held.TryGet(task.Id, out var secrets, out var principal);
        var result = await runner.RunAsync(new RunRequest
        {
            TaskId = task.Id.ToString(),
            Template = template,
            Parameters = spec["parameters"] as JsonObject ?? [],
            Secrets = secrets,
            User = spec["user"] as JsonObject,
            Initiator = principal ?? Rebuilt(task),
            TemplateFiles = files,
            Log = sink,
            CancellationToken = ct,
        });
        if (result.Cancelled || (result.Error is OperationCanceledException && ct.IsCancellationRequested))
        {
            var step = template.Steps.FirstOrDefault(s => s.Id == (result.FailedStepId ?? sink.LastStepId));
            var name = step is null ? "" : $" ({step.Name})";
            return (null, ("Error", $"Step {step?.Id ?? result.FailedStepId ?? "0"}{name} of task {task.Id} has been cancelled."));
        }
        return result.Error is { } error ? (null, (DryRunEndpoint.ErrorClass(error).Name, error.Message)) : (result.Output, null);
    }

    /// <summary>processing → completed/failed together with the completion event (Backstage's body), in one transaction.</summary>
    private async Task CompleteAsync(Guid id, string replica, JsonNode? output, (string Name, string Message)? error)
    {
        var status = error is null ? ScaffolderTaskStatus.Completed : ScaffolderTaskStatus.Failed;
        var errorJson = error is { } e ? new JsonObject { ["name"] = e.Name, ["message"] = e.Message } : null;
        var body = new JsonObject { ["message"] = $"Run completed with status: {status}" };
        if (errorJson is not null)
        {
            body["error"] = errorJson.DeepClone();
        }
        else
        {
            body["output"] = output?.DeepClone() ?? new JsonObject();
        }
        var done = await store.TransitionAsync(id, ScaffolderTaskStatus.Processing, status, replica, null, t =>
        {
            t.OutputJson = output?.ToJsonString();
            t.ErrorJson = errorJson?.ToJsonString();
            t.LeaseUntil = null;
        }, [(TaskEventType.Completion, body)], CancellationToken.None);
        if (!done)
        {
            logger.LogWarning("Task {TaskId} finished here but is no longer held by {Replica}; its result is dropped", id, replica);
        }
    }

    /// <summary>Who started a task, when this process no longer has the signed-in principal (another replica created it).</summary>
    private static ClaimsPrincipal Rebuilt(ScaffolderTask task)
    {
        var login = task.Initiator.StartsWith("user:", StringComparison.Ordinal) ? task.Initiator[(task.Initiator.LastIndexOf('/') + 1)..] : task.Initiator;
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim(PortalClaims.Login, login), new Claim(ClaimTypes.Name, login)], "scaffolder-task"));
    }
}
