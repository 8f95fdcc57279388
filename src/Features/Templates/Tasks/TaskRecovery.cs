using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Tasks;

/// <summary>
/// Fails the tasks a dead replica left behind. A <c>processing</c> task whose lease ran out cannot be resumed (its secrets
/// were only in that replica's memory), so it fails with the reason; the steps it was in get a <c>failed</c> line, and a
/// completion event closes the log — as Backstage's janitor closes a stale task. An open task pinned to a dead replica
/// (it held the task's secrets) fails the same way.
/// </summary>
public sealed class TaskRecovery(TaskStore store, TimeProvider time, ILogger<TaskRecovery> logger)
{
    public const string RestartedReason = "The portal restarted while this task ran; secrets are not kept, so it cannot resume.";
    public const string LostSecretsReason = "The portal replica that held this task's secrets stopped before the task ran; secrets are not kept, so it cannot start.";

    public async Task<int> RecoverAsync(CancellationToken ct)
    {
        var failed = 0;
        foreach (var (id, status) in await store.AbandonedAsync(ct))
        {
            var reason = status == ScaffolderTaskStatus.Processing ? RestartedReason : LostSecretsReason;
            var error = new JsonObject { ["name"] = "Error", ["message"] = reason };
            // The steps still running get their failed line, then the completion: all with the status, in one transaction.
            var events = (await StepsInProgressAsync(id, ct))
                .Select(stepId => (TaskEventType.Log, new JsonObject { ["stepId"] = stepId, ["status"] = "failed", ["message"] = reason }))
                .Append((TaskEventType.Completion, new JsonObject { ["message"] = "Run completed with status: failed", ["error"] = error.DeepClone() }))
                .ToList();
            if (!await store.TransitionAsync(id, status, ScaffolderTaskStatus.Failed, null, time.GetUtcNow(), t =>
                {
                    t.ErrorJson = error.ToJsonString();
                    t.LeaseUntil = null;
                }, events, ct))
            {
                continue; // Its replica came back in time, or another replica recovered it first.
            }
            logger.LogWarning("Scaffolder task {TaskId} was left {Status} by a replica that stopped; failed it", id, status);
            failed++;
        }
        return failed;
    }

    private async Task<IReadOnlyList<string>> StepsInProgressAsync(Guid id, CancellationToken ct)
    {
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in await store.EventsAsync(id, null, ct))
        {
            if (e is { StepId: { } stepId, Status: { } status })
            {
                last[stepId] = status;
            }
        }
        return last.Where(p => p.Value == "processing").Select(p => p.Key).ToList();
    }
}
