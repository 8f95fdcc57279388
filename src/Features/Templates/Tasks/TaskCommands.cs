using System.Security.Claims;
using System.Text.Json.Nodes;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Operations.Audit;

namespace Fawkes.Portal.Features.Templates.Tasks;

/// <summary>What a person does to an existing task: cancel it, approve it or reject it. Each is audited.</summary>
public sealed class TaskCommands(TaskStore store, TaskAccess access, TaskSecrets held, TaskEventHub hub, AuditLog audit)
{
    /// <summary>
    /// Backstage's cancel: a <c>cancelled</c> event naming the latest step, which the running worker (here or on another
    /// replica) turns into a failed run. A task that has not started (open, awaiting approval) fails at once. Answers
    /// the same for a finished task, as Backstage does.
    /// </summary>
    public async Task CancelAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var task = await VisibleAsync(user, id, ct);
        if (!TaskAccess.CanCancel(user, task))
        {
            throw new TaskLaunchException(403, "NotAllowedError", "Only whoever started this task, or an Admin, may cancel it.");
        }
        var events = await store.EventsAsync(id, null, ct);
        var stepId = events.LastOrDefault(e => e.StepId is not null)?.StepId ?? "0";
        await store.AppendAsync(id, TaskEventType.Cancelled,
            new JsonObject { ["message"] = $"Step {stepId} has been cancelled.", ["stepId"] = stepId, ["status"] = "cancelled" }, ct);
        held.Forget(id);
        foreach (var waiting in new[] { ScaffolderTaskStatus.Open, ScaffolderTaskStatus.AwaitingApproval })
        {
            var error = new JsonObject { ["name"] = "Error", ["message"] = $"Task {id} was cancelled before it started." };
            var completion = new JsonObject { ["message"] = "Run completed with status: failed", ["error"] = error.DeepClone() };
            if (await store.TransitionAsync(id, waiting, ScaffolderTaskStatus.Failed, null, null, t => t.ErrorJson = error.ToJsonString(),
                [(TaskEventType.Completion, completion)], ct))
            {
                break;
            }
        }
        await audit.RecordAsync(Actor(user), "template.task.cancel", $"task:{id}", $"status was {task.Status}", ct);
    }

    public async Task ApproveAsync(ClaimsPrincipal user, Guid id, string? reason, CancellationToken ct)
    {
        var task = await DecidableAsync(user, id, ct);
        var by = TaskAccess.InitiatorOf(user);
        var body = new JsonObject { ["message"] = $"Approved by {by}" + (string.IsNullOrWhiteSpace(reason) ? "" : $": {reason}"), ["decision"] = "approved", ["by"] = by };
        if (!string.IsNullOrWhiteSpace(reason))
        {
            body["reason"] = reason;
        }
        // The decision commits with the status, so it always comes before the run's first log line.
        if (!await store.TransitionAsync(id, ScaffolderTaskStatus.AwaitingApproval, ScaffolderTaskStatus.Open, null, null, t => t.DecidedBy = by,
            [(TaskEventType.Approval, body)], ct))
        {
            throw Conflict(id);
        }
        await audit.RecordAsync(Actor(user), "template.task.approve", $"task:{id}", $"template={TemplateOf(task)}; reason={reason}", ct);
        hub.NotifyOpened();
    }

    public async Task RejectAsync(ClaimsPrincipal user, Guid id, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new TaskLaunchException(400, "InputError", "request/body must have required property 'reason' (a rejection says why).");
        }
        var task = await DecidableAsync(user, id, ct);
        var by = TaskAccess.InitiatorOf(user);
        var message = $"Rejected by {by}: {reason}";
        var error = new JsonObject { ["name"] = "RejectedError", ["message"] = message };
        var decision = new JsonObject { ["message"] = message, ["decision"] = "rejected", ["by"] = by, ["reason"] = reason };
        var completion = new JsonObject { ["message"] = "Run completed with status: rejected", ["error"] = error.DeepClone() };
        if (!await store.TransitionAsync(id, ScaffolderTaskStatus.AwaitingApproval, ScaffolderTaskStatus.Rejected, null, null, t =>
            {
                t.DecidedBy = by;
                t.ErrorJson = error.ToJsonString();
            }, [(TaskEventType.Approval, decision), (TaskEventType.Completion, completion)], ct))
        {
            throw Conflict(id);
        }
        await audit.RecordAsync(Actor(user), "template.task.reject", $"task:{id}", $"template={TemplateOf(task)}; reason={reason}", ct);
    }

    /// <summary>The task, if the caller may see it; otherwise Backstage's 404 (a task one may not see does not exist for them).</summary>
    public async Task<ScaffolderTask> VisibleAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var task = await store.FindAsync(id, ct);
        return task is not null && await access.CanReadAsync(user, task, ct) ? task : throw NotFound(id.ToString());
    }

    public static TaskLaunchException NotFound(string id) => new(404, "NotFoundError", $"No task with id '{id}' found");

    private async Task<ScaffolderTask> DecidableAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var task = await VisibleAsync(user, id, ct);
        if (task.Approval is null || task.Status != ScaffolderTaskStatus.AwaitingApproval)
        {
            throw Conflict(id, task.Status);
        }
        var decision = await access.CanDecideAsync(user, task, ct);
        return decision.Allowed ? task : throw new TaskLaunchException(decision.Status, "NotAllowedError", decision.Message);
    }

    private static TaskLaunchException Conflict(Guid id, string? status = null) =>
        new(409, "ConflictError", status is null
            ? $"Task {id} was decided by someone else meanwhile."
            : $"Task {id} is {status}, not awaiting approval: there is nothing to decide.");

    private static string Actor(ClaimsPrincipal user) => user.FindFirst(PortalClaims.Login)?.Value ?? "unknown";

    private static string? TemplateOf(ScaffolderTask task) =>
        (JsonNode.Parse(task.SpecJson)?["templateInfo"]?["entityRef"] as JsonValue)?.ToString();
}
