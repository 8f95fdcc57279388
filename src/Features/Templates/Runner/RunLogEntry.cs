using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Runner;

/// <summary>A run's log line as Backstage emits it: <c>{body: {message, stepId?, status?}}</c>. Status is one of
/// <c>processing</c>, <c>completed</c>, <c>skipped</c>, <c>failed</c>, <c>cancelled</c>.</summary>
public sealed record RunLogEntry(string Message, string? StepId, string? Status, DateTimeOffset At)
{
    public JsonObject ToBody()
    {
        var body = new JsonObject();
        if (StepId is not null)
        {
            body["stepId"] = StepId;
        }
        if (Status is not null)
        {
            body["status"] = Status;
        }
        body["message"] = Message;
        return body;
    }
}

/// <summary>Where a run's log goes: a dry run collects it, a task stores it as events (and streams them).</summary>
public interface IRunLogSink
{
    Task WriteAsync(RunLogEntry entry, CancellationToken cancellationToken);
}

/// <summary>Collects a dry run's log in memory.</summary>
public sealed class CollectingLogSink : IRunLogSink
{
    private readonly List<RunLogEntry> _entries = [];

    public IReadOnlyList<RunLogEntry> Entries => _entries;

    public Task WriteAsync(RunLogEntry entry, CancellationToken cancellationToken)
    {
        lock (_entries)
        {
            _entries.Add(entry);
        }
        return Task.CompletedTask;
    }
}
