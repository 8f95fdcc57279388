using k8s.Models;

namespace Fawkes.Portal.Integrations.Kubernetes;

/// <summary>An entity's objects in one cluster, as listed by label selector (and namespace), plus the Warning events about them.</summary>
public sealed record ClusterObjects
{
    public IReadOnlyList<V1Deployment> Deployments { get; init; } = [];
    public IReadOnlyList<V1StatefulSet> StatefulSets { get; init; } = [];
    public IReadOnlyList<V1DaemonSet> DaemonSets { get; init; } = [];
    public IReadOnlyList<V1ReplicaSet> ReplicaSets { get; init; } = [];
    public IReadOnlyList<V1Pod> Pods { get; init; } = [];
    public IReadOnlyList<V1Service> Services { get; init; } = [];
    public IReadOnlyList<V1Ingress> Ingresses { get; init; } = [];
    public IReadOnlyList<V2HorizontalPodAutoscaler> HorizontalPodAutoscalers { get; init; } = [];
    public IReadOnlyList<V1CronJob> CronJobs { get; init; } = [];
    public IReadOnlyList<V1Job> Jobs { get; init; } = [];

    /// <summary>
    /// Resources the cluster's RBAC refused to list (403), e.g. <c>horizontalpodautoscalers</c>: read as empty, so the rest
    /// still shows, and named in the cluster's <c>error</c>. Pods are never here: without them the cluster is unauthorized.
    /// </summary>
    public IReadOnlyList<string> Forbidden { get; init; } = [];

    /// <summary>Warning events whose involved object is one of the objects above.</summary>
    public IReadOnlyList<Corev1Event> WarningEvents { get; init; } = [];

    /// <summary>(Kind, namespace, name) of every object above: events about anything else are not this entity's.</summary>
    public ISet<(string Kind, string Namespace, string Name)> Keys()
    {
        var keys = new HashSet<(string, string, string)>();
        void Add(string kind, IEnumerable<V1ObjectMeta?> metas)
        {
            foreach (var m in metas.OfType<V1ObjectMeta>())
            {
                keys.Add((kind, m.NamespaceProperty ?? "", m.Name ?? ""));
            }
        }
        Add("Deployment", Deployments.Select(o => o.Metadata));
        Add("StatefulSet", StatefulSets.Select(o => o.Metadata));
        Add("DaemonSet", DaemonSets.Select(o => o.Metadata));
        Add("ReplicaSet", ReplicaSets.Select(o => o.Metadata));
        Add("Pod", Pods.Select(o => o.Metadata));
        Add("Service", Services.Select(o => o.Metadata));
        Add("Ingress", Ingresses.Select(o => o.Metadata));
        Add("HorizontalPodAutoscaler", HorizontalPodAutoscalers.Select(o => o.Metadata));
        Add("CronJob", CronJobs.Select(o => o.Metadata));
        Add("Job", Jobs.Select(o => o.Metadata));
        return keys;
    }
}
