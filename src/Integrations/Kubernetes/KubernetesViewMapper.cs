using k8s.Models;

namespace Fawkes.Portal.Integrations.Kubernetes;

/// <summary>Turns the API objects into what the tab and the API show (pure).</summary>
internal static class KubernetesViewMapper
{
    public static ClusterView Map(ClusterView cluster, ClusterObjects o) => cluster with
    {
        Deployments = [.. o.Deployments.Select(Deployment)],
        StatefulSets = [.. o.StatefulSets.Select(s => Workload("StatefulSet", s.Metadata, s.Spec?.Replicas ?? 1, s.Status?.ReadyReplicas,
            s.Status?.UpdatedReplicas, s.Status?.AvailableReplicas, s.Spec?.Template))],
        DaemonSets = [.. o.DaemonSets.Select(d => Workload("DaemonSet", d.Metadata, d.Status?.DesiredNumberScheduled ?? 0, d.Status?.NumberReady,
            d.Status?.UpdatedNumberScheduled, d.Status?.NumberAvailable, d.Spec?.Template))],
        // Old ReplicaSets of a Deployment sit at zero replicas: only the ones that run something are shown.
        ReplicaSets = [.. o.ReplicaSets.Where(r => (r.Spec?.Replicas ?? 0) > 0 || (r.Status?.Replicas ?? 0) > 0)
            .Select(r => Workload("ReplicaSet", r.Metadata, r.Spec?.Replicas ?? 0, r.Status?.ReadyReplicas, r.Status?.FullyLabeledReplicas,
                r.Status?.AvailableReplicas, r.Spec?.Template))],
        Pods = [.. o.Pods.Select(Pod).OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)],
        Services = [.. o.Services.Select(Service)],
        Ingresses = [.. o.Ingresses.Select(i => new IngressView(i.Metadata?.Name ?? "", i.Metadata?.NamespaceProperty ?? "",
            [.. (i.Spec?.Rules ?? []).Select(r => r.Host).OfType<string>()],
            [.. (i.Status?.LoadBalancer?.Ingress ?? []).Select(a => a.Hostname ?? a.Ip).OfType<string>()]))],
        HorizontalPodAutoscalers = [.. o.HorizontalPodAutoscalers.Select(Autoscaler)],
        CronJobs = [.. o.CronJobs.Select(c => new CronJobView(c.Metadata?.Name ?? "", c.Metadata?.NamespaceProperty ?? "", c.Spec?.Schedule ?? "",
            c.Spec?.Suspend == true, Utc(c.Status?.LastScheduleTime), Utc(c.Status?.LastSuccessfulTime)))],
        Jobs = [.. o.Jobs.Select(Job).OrderByDescending(j => j.StartedAt)],
        Events = [.. o.WarningEvents.Select(e => new EventView(e.Reason ?? "", e.Message ?? "", $"{e.InvolvedObject?.Kind}/{e.InvolvedObject?.Name}",
            e.InvolvedObject?.NamespaceProperty ?? "", e.Count ?? 1, Utc(KubernetesFetcher.LastSeen(e))))],
    };

    private static WorkloadView Deployment(V1Deployment d)
    {
        var desired = d.Spec?.Replicas ?? 1;
        var conditions = d.Status?.Conditions ?? [];
        var rollout = d.Spec?.Paused == true ? "paused"
            : conditions.Any(c => c.Type == "Progressing" && c.Status == "False") ? "stuck"
            : (d.Status?.UpdatedReplicas ?? 0) < desired || (d.Status?.AvailableReplicas ?? 0) < desired || (d.Status?.Replicas ?? 0) > desired
                ? "progressing" : "complete";
        return Workload("Deployment", d.Metadata, desired, d.Status?.ReadyReplicas, d.Status?.UpdatedReplicas, d.Status?.AvailableReplicas, d.Spec?.Template)
            with { Rollout = rollout };
    }

    private static WorkloadView Workload(string kind, V1ObjectMeta? meta, int desired, int? ready, int? updated, int? available, V1PodTemplateSpec? template) =>
        new(kind, meta?.Name ?? "", meta?.NamespaceProperty ?? "", desired, ready ?? 0, updated ?? 0, available ?? 0,
            (ready ?? 0) >= desired ? "complete" : "progressing",
            [.. (template?.Spec?.Containers ?? []).Select(c => c.Image).OfType<string>().Distinct()],
            meta?.OwnerReferences?.FirstOrDefault(r => r.Controller == true)?.Name, Utc(meta?.CreationTimestamp));

    private static PodView Pod(V1Pod p)
    {
        var containers = (p.Status?.InitContainerStatuses ?? []).Select(c => Container(c, init: true))
            .Concat((p.Status?.ContainerStatuses ?? []).Select(c => Container(c, init: false))).ToList();
        var main = containers.Where(c => !c.Init).ToList();
        var total = Math.Max(main.Count, p.Spec?.Containers?.Count ?? 0);
        return new PodView(p.Metadata?.Name ?? "", p.Metadata?.NamespaceProperty ?? "", p.Status?.Phase ?? "Unknown", main.Count(c => c.Ready), total,
            containers.Sum(c => c.Restarts), p.Spec?.NodeName, Utc(p.Metadata?.CreationTimestamp),
            p.Metadata?.OwnerReferences?.FirstOrDefault(r => r.Controller == true)?.Name, containers);
    }

    private static ContainerView Container(V1ContainerStatus s, bool init)
    {
        var (state, reason, message) = s.State switch
        {
            { Running: not null } => ("running", null, null),
            { Waiting: { } w } => ("waiting", w.Reason, w.Message),
            { Terminated: { } t } => ("terminated", t.Reason, t.Message),
            _ => ("unknown", (string?)null, (string?)null),
        };
        var last = s.LastState?.Terminated is { } l ? new TerminationView(l.Reason, l.ExitCode, Utc(l.FinishedAt)) : null;
        return new ContainerView(s.Name, init, s.Image ?? "", s.Ready, state, reason, message, s.RestartCount, last);
    }

    private static ServiceView Service(V1Service s) => new(
        s.Metadata?.Name ?? "", s.Metadata?.NamespaceProperty ?? "", s.Spec?.Type ?? "ClusterIP", s.Spec?.ClusterIP,
        [.. (s.Spec?.Ports ?? []).Select(p => $"{(p.Name is null ? "" : p.Name + " ")}{p.Port}{(p.NodePort is { } np ? ":" + np : "")}/{p.Protocol ?? "TCP"}")],
        [.. (s.Status?.LoadBalancer?.Ingress ?? []).Select(a => a.Hostname ?? a.Ip).OfType<string>()]);

    private static AutoscalerView Autoscaler(V2HorizontalPodAutoscaler h)
    {
        var cpuTarget = h.Spec?.Metrics?.FirstOrDefault(m => m.Resource?.Name == "cpu")?.Resource?.Target?.AverageUtilization;
        var cpuCurrent = h.Status?.CurrentMetrics?.FirstOrDefault(m => m.Resource?.Name == "cpu")?.Resource?.Current?.AverageUtilization;
        var target = h.Spec?.ScaleTargetRef is { } t ? $"{t.Kind}/{t.Name}" : "";
        return new AutoscalerView(h.Metadata?.Name ?? "", h.Metadata?.NamespaceProperty ?? "", target, h.Spec?.MinReplicas ?? 1, h.Spec?.MaxReplicas ?? 0,
            h.Status?.CurrentReplicas ?? 0, h.Status?.DesiredReplicas ?? 0, cpuTarget, cpuCurrent);
    }

    private static JobView Job(V1Job j)
    {
        var conditions = j.Status?.Conditions ?? [];
        var status = conditions.Any(c => c.Type == "Failed" && c.Status == "True") ? "Failed"
            : conditions.Any(c => c.Type == "Complete" && c.Status == "True") ? "Complete"
            : j.Spec?.Suspend == true ? "Suspended" : "Running";
        return new JobView(j.Metadata?.Name ?? "", j.Metadata?.NamespaceProperty ?? "", status, j.Status?.Succeeded ?? 0, j.Status?.Failed ?? 0,
            j.Status?.Active ?? 0, j.Metadata?.OwnerReferences?.FirstOrDefault(r => r.Controller == true)?.Name, Utc(j.Status?.StartTime),
            Utc(j.Status?.CompletionTime));
    }

    internal static DateTimeOffset? Utc(DateTime? time) =>
        time is { } t && t != DateTime.MinValue ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
}
