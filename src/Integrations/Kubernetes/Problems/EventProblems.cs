using k8s.Models;

namespace Fawkes.Portal.Integrations.Kubernetes.Problems;

/// <summary>
/// Problems only Warning events show: failing liveness probes (the kubelet restarts the container, the pod may look
/// fine between restarts), failing readiness probes, volumes that cannot be mounted.
/// </summary>
internal static class EventProblems
{
    public static IEnumerable<KubernetesProblem> Detect(string cluster, ClusterObjects objects)
    {
        var pods = objects.Pods.Where(p => p.Metadata is not null)
            .ToDictionary(p => (p.Metadata.NamespaceProperty ?? "", p.Metadata.Name ?? ""));
        foreach (var e in objects.WarningEvents)
        {
            if (e.InvolvedObject?.Kind != "Pod" || !pods.TryGetValue((e.InvolvedObject.NamespaceProperty ?? "", e.InvolvedObject.Name ?? ""), out var pod)
                || PodProblems.IsHealthy(pod) || pod.Status?.Phase == "Succeeded")
            {
                continue;
            }
            var podName = pod.Metadata.Name ?? "";
            var ns = pod.Metadata.NamespaceProperty ?? "";
            var container = ContainerOf(e.InvolvedObject.FieldPath);
            var count = Math.Max(e.Count ?? 1, 1);
            if (e.Reason == "Unhealthy")
            {
                var probe = ProbeKind(e.Message);
                var status = (pod.Status?.ContainerStatuses ?? []).FirstOrDefault(c => c.Name == container);
                // A liveness failure matters once it restarted something; a readiness failure while the pod is not ready.
                var matters = probe == "liveness" ? status is null || status.RestartCount > 0 : status is null ? !AllReady(pod) : !status.Ready;
                if (matters)
                {
                    var (message, suggestion) = ProblemText.ProbeFailing(probe, podName, container, count, e.Message);
                    yield return new(cluster, "Pod", podName, ns, ProblemSeverity.Warning, "Unhealthy", message, suggestion);
                }
            }
            else if (e.Reason is "FailedMount" or "FailedAttachVolume" && pod.Status?.Phase == "Pending")
            {
                var (message, suggestion) = ProblemText.VolumeEvent(podName, e.Reason, e.Message);
                yield return new(cluster, "Pod", podName, ns, ProblemSeverity.Error, e.Reason, message, suggestion);
            }
        }
    }

    private static bool AllReady(V1Pod pod) => (pod.Status?.ContainerStatuses ?? []).All(c => c.Ready);

    internal static string ProbeKind(string? message) =>
        message?.StartsWith("Liveness", StringComparison.OrdinalIgnoreCase) == true ? "liveness"
        : message?.StartsWith("Startup", StringComparison.OrdinalIgnoreCase) == true ? "startup"
        : "readiness";

    /// <summary><c>spec.containers{api}</c> → <c>api</c>.</summary>
    internal static string? ContainerOf(string? fieldPath)
    {
        if (fieldPath is null)
        {
            return null;
        }
        var open = fieldPath.IndexOf('{', StringComparison.Ordinal);
        var close = fieldPath.IndexOf('}', StringComparison.Ordinal);
        return open >= 0 && close > open ? fieldPath[(open + 1)..close] : null;
    }
}
