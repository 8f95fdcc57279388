using k8s.Models;

namespace Fawkes.Portal.Integrations.Kubernetes.Problems;

/// <summary>Problems of pods and their containers (init containers included), reported on the Pod.</summary>
internal static class PodProblems
{
    /// <summary>Waiting reasons that mean the container cannot start (ContainerCreating and PodInitializing are normal).</summary>
    private static readonly HashSet<string> FailedWaits = new(StringComparer.Ordinal)
    {
        "CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "CreateContainerConfigError", "CreateContainerError",
        "InvalidImageName", "RunContainerError", "ErrImageNeverPull",
    };

    /// <summary>A container restarting this often within <see cref="RecentRestart"/> is flagged even between crashes.</summary>
    internal const int RestartThreshold = 3;
    internal static readonly TimeSpan RecentRestart = TimeSpan.FromHours(1);

    /// <summary>How long a running container may stay unready before it is a problem (slow starts are normal).</summary>
    internal static readonly TimeSpan NotReadyGrace = TimeSpan.FromMinutes(5);

    /// <summary>Running, every container ready, never restarted: nothing about such a pod is ever flagged.</summary>
    public static bool IsHealthy(V1Pod pod) =>
        pod.Status?.Phase == "Running"
        && (pod.Status.ContainerStatuses ?? []).All(c => c.Ready && c.RestartCount == 0)
        && (pod.Status.InitContainerStatuses ?? []).All(c => c.RestartCount == 0);

    public static IEnumerable<KubernetesProblem> Detect(string cluster, V1Pod pod, DateTimeOffset now)
    {
        var name = pod.Metadata?.Name ?? "";
        var ns = pod.Metadata?.NamespaceProperty ?? "";
        var phase = pod.Status?.Phase;
        if (phase == "Succeeded" || IsHealthy(pod))
        {
            yield break;
        }
        KubernetesProblem Problem(string severity, string reason, (string Message, string Suggestion) text) =>
            new(cluster, "Pod", name, ns, severity, reason, text.Message, text.Suggestion);

        if (pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled" && c.Status == "False" && c.Reason == "Unschedulable") is { } unscheduled)
        {
            yield return Problem(ProblemSeverity.Error, "Unschedulable", ProblemText.Unschedulable(name, unscheduled.Message));
        }
        var statuses = (pod.Status?.InitContainerStatuses ?? []).Select(s => (Status: s, Init: true))
            .Concat((pod.Status?.ContainerStatuses ?? []).Select(s => (Status: s, Init: false)));
        foreach (var (status, init) in statuses)
        {
            foreach (var problem in ForContainer(pod, status, init, now))
            {
                yield return Problem(problem.Severity, problem.Reason, problem.Text);
            }
        }
        if (phase == "Failed" && !IsJobPod(pod))
        {
            var reason = pod.Status?.Reason ?? "Failed";
            yield return Problem(reason == "Evicted" ? ProblemSeverity.Warning : ProblemSeverity.Error, reason,
                ProblemText.PodFailed(name, reason, pod.Status?.Message));
        }
    }

    private static IEnumerable<(string Severity, string Reason, (string, string) Text)> ForContainer(
        V1Pod pod, V1ContainerStatus status, bool init, DateTimeOffset now)
    {
        var podName = pod.Metadata?.Name ?? "";
        var waiting = status.State?.Waiting;
        var flagged = false;
        if (waiting?.Reason is { } reason && FailedWaits.Contains(reason))
        {
            flagged = true;
            yield return (ProblemSeverity.Error, reason, ProblemText.Waiting(reason, status.Name, init, podName, status.Image, waiting.Message));
        }
        var limit = MemoryLimit(pod, status.Name, init);
        if (status.State?.Terminated?.Reason == "OOMKilled")
        {
            flagged = true;
            yield return (ProblemSeverity.Error, "OOMKilled", ProblemText.OomKilled(status.Name, podName, current: true, status.RestartCount, limit));
        }
        else if (status.LastState?.Terminated?.Reason == "OOMKilled")
        {
            flagged = true;
            var severity = status.Ready ? ProblemSeverity.Warning : ProblemSeverity.Error;
            yield return (severity, "OOMKilled", ProblemText.OomKilled(status.Name, podName, current: false, status.RestartCount, limit));
        }
        var last = status.LastState?.Terminated;
        if (!flagged && status.RestartCount >= RestartThreshold && last is not null
            && (last.FinishedAt is null || now - new DateTimeOffset(DateTime.SpecifyKind(last.FinishedAt.Value, DateTimeKind.Utc)) <= RecentRestart))
        {
            flagged = true;
            yield return (ProblemSeverity.Warning, "ContainerRestarting", ProblemText.Restarting(status.Name, podName, status.RestartCount, last.Reason, last.ExitCode));
        }
        if (!flagged && !init && !status.Ready && pod.Status?.Phase == "Running" && status.State?.Running?.StartedAt is { } started
            && now - new DateTimeOffset(DateTime.SpecifyKind(started, DateTimeKind.Utc)) > NotReadyGrace)
        {
            var hasProbe = pod.Spec?.Containers?.FirstOrDefault(c => c.Name == status.Name)?.ReadinessProbe is not null;
            yield return (ProblemSeverity.Warning, hasProbe ? "ReadinessProbeFailed" : "ContainersNotReady",
                ProblemText.NotReady(status.Name, podName, now - new DateTimeOffset(DateTime.SpecifyKind(started, DateTimeKind.Utc)), hasProbe));
        }
    }

    internal static bool IsJobPod(V1Pod pod) => pod.Metadata?.OwnerReferences?.Any(o => o.Kind == "Job") == true;

    internal static string? JobOf(V1Pod pod) => pod.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Kind == "Job")?.Name;

    private static string? MemoryLimit(V1Pod pod, string container, bool init)
    {
        var spec = (init ? pod.Spec?.InitContainers : pod.Spec?.Containers)?.FirstOrDefault(c => c.Name == container);
        return spec?.Resources?.Limits is { } limits && limits.TryGetValue("memory", out var q) ? $"memory limit {q}" : null;
    }
}
