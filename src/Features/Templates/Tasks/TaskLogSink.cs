using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Runner;

namespace Fawkes.Portal.Features.Templates.Tasks;

/// <summary>
/// A task's log: each line becomes a <c>log</c> event (stored, then pushed to this process's listeners), and each step's
/// status line updates the step timings (<c>{stepId: {status, startedAt, endedAt}}</c>) stored with the task.
/// </summary>
internal sealed class TaskLogSink(TaskStore store, Guid taskId) : IRunLogSink
{
    private readonly JsonObject _timings = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string? LastStepId { get; private set; }

    public async Task WriteAsync(RunLogEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // One writer at a time keeps event ids in the order the runner wrote the lines. Never cancelled mid-write: a
        // cancelled run still logs how its step ended.
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            await store.AppendAsync(taskId, TaskEventType.Log, entry.ToBody(), CancellationToken.None);
            if (entry.StepId is { } stepId)
            {
                LastStepId = stepId;
            }
            if (entry is { StepId: { } id, Status: { } status })
            {
                var timing = _timings[id] as JsonObject ?? [];
                timing["status"] = status;
                if (status == "processing")
                {
                    timing["startedAt"] = TaskJson.Time(entry.At);
                }
                else
                {
                    timing["endedAt"] = TaskJson.Time(entry.At);
                }
                _timings[id] = timing;
                await store.SaveTimingsAsync(taskId, _timings, CancellationToken.None);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
