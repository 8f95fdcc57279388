using k8s.Models;

namespace Fawkes.Portal.Tests.Integrations.Kubernetes;

/// <summary>Hand-written Kubernetes objects for the detector tests: only the fields a real API server would set that matter.</summary>
internal static class K8sObjects
{
    public static readonly DateTimeOffset Now = new(2025, 6, 2, 12, 0, 0, TimeSpan.Zero);

    public static V1ObjectMeta Meta(string name, string? ownerKind = null, string? owner = null) => new()
    {
        Name = name,
        NamespaceProperty = "shop",
        CreationTimestamp = Now.AddHours(-2).UtcDateTime,
        OwnerReferences = ownerKind is null ? null : [new V1OwnerReference { ApiVersion = "apps/v1", Kind = ownerKind, Name = owner ?? "owner", Uid = "uid-" + owner, Controller = true }],
    };

    public static V1ContainerStatus Running(string name = "app", bool ready = true, int restarts = 0, string? lastReason = null, int lastExit = 1,
        TimeSpan? startedAgo = null) => new()
    {
        Name = name,
        Image = "registry.example/app:1",
        ImageID = "sha256:1",
        Ready = ready,
        RestartCount = restarts,
        State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = (Now - (startedAgo ?? TimeSpan.FromHours(1))).UtcDateTime } },
        LastState = lastReason is null ? new V1ContainerState()
            : new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = lastExit, Reason = lastReason, FinishedAt = Now.AddMinutes(-10).UtcDateTime } },
    };

    public static V1ContainerStatus Waiting(string reason, string name = "app", int restarts = 0, string? lastReason = null, string? message = "back-off") => new()
    {
        Name = name,
        Image = "registry.example/app:1",
        ImageID = "",
        Ready = false,
        RestartCount = restarts,
        State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Message = message, Reason = reason } },
        LastState = lastReason is null ? new V1ContainerState()
            : new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 137, Reason = lastReason, FinishedAt = Now.AddMinutes(-1).UtcDateTime } },
    };

    public static V1Pod Pod(string name, string phase, IEnumerable<V1ContainerStatus>? containers = null, IEnumerable<V1ContainerStatus>? init = null,
        string? jobOwner = null, IEnumerable<V1PodCondition>? conditions = null, bool readinessProbe = true, int? probeDelay = null) => new()
    {
        Metadata = Meta(name, jobOwner is null ? "ReplicaSet" : "Job", jobOwner ?? "rs-1"),
        Spec = new V1PodSpec
        {
            Containers = [new V1Container
            {
                Name = "app",
                Image = "registry.example/app:1",
                ReadinessProbe = readinessProbe ? new V1Probe { HttpGet = new V1HTTPGetAction { Port = 8080, Path = "/ready" }, InitialDelaySeconds = probeDelay } : null,
                Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("256Mi") } },
            }],
            NodeName = "node-1",
        },
        Status = new V1PodStatus
        {
            Phase = phase,
            ContainerStatuses = [.. containers ?? []],
            InitContainerStatuses = init is null ? null : [.. init],
            Conditions = conditions is null ? null : [.. conditions],
        },
    };

    public static V1Job Job(string name, string? condition, DateTimeOffset created, string? cronJob = "nightly") => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "shop",
            CreationTimestamp = created.UtcDateTime,
            OwnerReferences = cronJob is null ? null : [new V1OwnerReference { ApiVersion = "batch/v1", Kind = "CronJob", Name = cronJob, Uid = "uid-cron", Controller = true }],
        },
        Status = new V1JobStatus
        {
            Failed = condition == "Failed" ? 3 : null,
            Conditions = condition is null ? null : [new V1JobCondition { Status = "True", Type = condition, Reason = condition == "Failed" ? "BackoffLimitExceeded" : null }],
        },
    };

    public static Corev1Event Warning(string pod, string reason, string message, int count = 5, string container = "app") => new()
    {
        Metadata = new V1ObjectMeta { Name = pod + ".1", NamespaceProperty = "shop" },
        InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = pod, NamespaceProperty = "shop", FieldPath = $"spec.containers{{{container}}}" },
        Reason = reason,
        Message = message,
        Type = "Warning",
        Count = count,
        LastTimestamp = Now.AddMinutes(-1).UtcDateTime,
    };
}
