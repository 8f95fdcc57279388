using Fawkes.Portal.Integrations.Kubernetes.Problems;

namespace Fawkes.Portal.Integrations.Kubernetes;

/// <summary>
/// The answer of <c>GET /api/live/{kind}/{namespace}/{name}/kubernetes</c> and the Kubernetes tab's data (one shape for both).
/// </summary>
/// <param name="Message">Why nothing was asked (no annotations, no clusters), else null.</param>
public sealed record KubernetesAnswer(
    string? LabelSelector, string? Namespace, IReadOnlyList<KubernetesProblem> Problems, IReadOnlyList<ClusterView> Clusters, string? Message,
    DateTimeOffset FetchedAt);

/// <summary>One cluster's status (<see cref="IntegrationStatus"/>) and the entity's objects in it.</summary>
public sealed record ClusterView(string Name, string Status, string? Error, long? LatencyMs, bool Demo)
{
    public IReadOnlyList<WorkloadView> Deployments { get; init; } = [];
    public IReadOnlyList<WorkloadView> StatefulSets { get; init; } = [];
    public IReadOnlyList<WorkloadView> DaemonSets { get; init; } = [];
    public IReadOnlyList<WorkloadView> ReplicaSets { get; init; } = [];
    public IReadOnlyList<PodView> Pods { get; init; } = [];
    public IReadOnlyList<ServiceView> Services { get; init; } = [];
    public IReadOnlyList<IngressView> Ingresses { get; init; } = [];
    public IReadOnlyList<AutoscalerView> HorizontalPodAutoscalers { get; init; } = [];
    public IReadOnlyList<CronJobView> CronJobs { get; init; } = [];
    public IReadOnlyList<JobView> Jobs { get; init; } = [];
    public IReadOnlyList<EventView> Events { get; init; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => Deployments.Count + StatefulSets.Count + DaemonSets.Count + Pods.Count + Services.Count + Ingresses.Count
        + HorizontalPodAutoscalers.Count + CronJobs.Count + Jobs.Count == 0;
}

/// <param name="Rollout">complete, progressing, stuck, paused (Deployments); complete or progressing otherwise.</param>
public sealed record WorkloadView(
    string Kind, string Name, string Namespace, int Desired, int Ready, int Updated, int Available, string Rollout,
    IReadOnlyList<string> Images, string? Owner, DateTimeOffset? CreatedAt);

public sealed record PodView(
    string Name, string Namespace, string Phase, int ReadyContainers, int TotalContainers, int Restarts, string? Node,
    DateTimeOffset? CreatedAt, string? Owner, IReadOnlyList<ContainerView> Containers);

/// <param name="State">running, waiting, terminated or unknown.</param>
public sealed record ContainerView(
    string Name, bool Init, string Image, bool Ready, string State, string? Reason, string? Message, int Restarts, TerminationView? LastTermination);

public sealed record TerminationView(string? Reason, int ExitCode, DateTimeOffset? FinishedAt);

public sealed record ServiceView(string Name, string Namespace, string Type, string? ClusterIp, IReadOnlyList<string> Ports, IReadOnlyList<string> External);

public sealed record IngressView(string Name, string Namespace, IReadOnlyList<string> Hosts, IReadOnlyList<string> Addresses);

public sealed record AutoscalerView(
    string Name, string Namespace, string Target, int Min, int Max, int Current, int Desired, int? CpuTargetPercent, int? CpuCurrentPercent);

/// <param name="Status">Complete, Failed, Running or Suspended.</param>
public sealed record JobView(
    string Name, string Namespace, string Status, int Succeeded, int Failed, int Active, string? Owner, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt);

public sealed record CronJobView(string Name, string Namespace, string Schedule, bool Suspended, DateTimeOffset? LastScheduled, DateTimeOffset? LastSuccessful);

/// <param name="Object">Kind/name of the object the event is about.</param>
public sealed record EventView(string Reason, string Message, string Object, string Namespace, int Count, DateTimeOffset? LastSeen);
