namespace Fawkes.Portal.Simulators.Kubernetes;

/// <summary>What a simulated workload is going through; each produces the objects and events a real cluster would show.</summary>
public enum KubernetesScenario
{
    Healthy,
    CrashLoop,
    ImagePullFailure,
    OomKill,
    Unschedulable,
    RolloutStuck,
    HpaAtMax,
    FailedJob,
    LivenessFailing,
}

/// <summary>
/// One workload in the simulated cluster. Its objects carry <c>backstage.io/kubernetes-id: Id</c> and
/// <c>app.kubernetes.io/name: Id</c>, plus <paramref name="Labels"/> (to test label-selector annotations).
/// <paramref name="Replicas"/> sets the pod count of a Healthy workload (large clusters for the bench).
/// </summary>
public sealed record SimulatedWorkload(string Id, string Namespace, KubernetesScenario Scenario, IReadOnlyDictionary<string, string>? Labels = null,
    int Replicas = 2);

/// <summary>Faults the simulator injects into every answer; changeable while it runs.</summary>
public sealed class SimulatorFaults
{
    private long _latencyTicks;

    /// <summary>Added before every answer.</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, value.Ticks);
    }

    /// <summary>Answer 500 with an InternalError Status object.</summary>
    public bool ServerError { get; set; }

    /// <summary>Answer 200 with a truncated JSON body.</summary>
    public bool MalformedJson { get; set; }

    /// <summary>Refuse every bearer token (401), as a cluster whose service-account token was revoked.</summary>
    public bool RejectToken { get; set; }

    /// <summary>Resources (plural, e.g. <c>horizontalpodautoscalers</c>) whose list answers 403, as a role without them.</summary>
    /// Replaced whole (never changed in place), so a running simulator reads a consistent set.
    public IReadOnlyCollection<string> ForbiddenResources { get; set; } = [];
}
