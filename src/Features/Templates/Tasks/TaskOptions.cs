using System.ComponentModel.DataAnnotations;

namespace Fawkes.Portal.Features.Templates.Tasks;

/// <summary><c>Templates:Tasks</c>: how many tasks one replica runs at once and how its lease on them is kept.</summary>
public sealed class TaskOptions
{
    public const string Section = "Templates:Tasks";

    /// <summary>Tasks this replica runs at the same time (Backstage's <c>concurrentTasksLimit</c>).</summary>
    [Range(1, 100, ErrorMessage = "Templates:Tasks:Concurrency must be between 1 and 100.")]
    public int Concurrency { get; set; } = 4;

    /// <summary>How often a running task's heartbeat renews its lease.</summary>
    [Range(0.1, 60, ErrorMessage = "Templates:Tasks:HeartbeatSeconds must be between 0.1 and 60.")]
    public double HeartbeatSeconds { get; set; } = 2;

    /// <summary>How long a lease lasts without a heartbeat; after that the task counts as abandoned by a dead replica.</summary>
    [Range(1, 3600, ErrorMessage = "Templates:Tasks:LeaseSeconds must be between 1 and 3600.")]
    public double LeaseSeconds { get; set; } = 30;

    /// <summary>How often the worker looks for open tasks created on other replicas (its own wake it at once).</summary>
    [Range(0.1, 60, ErrorMessage = "Templates:Tasks:PollSeconds must be between 0.1 and 60.")]
    public double PollSeconds { get; set; } = 1;

    /// <summary>How long <c>GET /tasks/{id}/events</c> waits for an event before answering <c>[]</c> (Backstage: 30 s).</summary>
    [Range(0, 30, ErrorMessage = "Templates:Tasks:LongPollSeconds must be between 0 and 30.")]
    public double LongPollSeconds { get; set; } = 30;

    /// <summary>This replica's name in <c>claimed_by</c>; unique per process by default.</summary>
    public string ReplicaId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
}
