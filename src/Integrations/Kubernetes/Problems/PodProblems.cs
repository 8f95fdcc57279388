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

    /// <summary>Waiting reasons of a normal start; reported (as information) only when the kubelet adds a message.</summary>
    private static readonly HashSet<string> NormalWaits = new(StringComparer.Ordinal) { "ContainerCreating", "PodInitializing" };

    /// <summary>A restart within this time is a warning; an older one only information.</summary>
    internal static readonly TimeSpan RecentRestart = TimeSpan.FromHours(1);

    /// <summary>How long a running container without a readiness probe may stay unready before it is a problem.</summary>
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
        // Any other waiting reason the kubelet explains with a message is reported too (as Backstage does), less severely:
        // ContainerCreating and PodInitializing, the normal ones, come without a message.
        if (waiting?.Reason is { } reason && (FailedWaits.Contains(reason) || !string.IsNullOrWhiteSpace(waiting.Message)))
        {
            flagged = true;
            var severity = FailedWaits.Contains(reason) ? ProblemSeverity.Error : NormalWaits.Contains(reason) ? ProblemSeverity.Info : ProblemSeverity.Warning;
            yield return (severity, reason, ProblemText.Waiting(reason, status.Name, init, podName, status.Image, waiting.Message));
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
        if (!flagged && status.RestartCount > 0)
        {
            // Every restart is reported (Backstage reports any restartCount > 0); one long ago is only information.
            var recent = last?.FinishedAt is not { } finished || now - new DateTimeOffset(DateTime.SpecifyKind(finished, DateTimeKind.Utc)) <= RecentRestart;
            flagged = true;
            yield return (recent ? ProblemSeverity.Warning : ProblemSeverity.Info, "ContainerRestarting",
                ProblemText.Restarting(status.Name, podName, status.RestartCount, last?.Reason, last?.ExitCode));
        }
        if (!init && !status.Ready && status.State?.Running?.StartedAt is { } started)
        {
            var runningFor = now - new DateTimeOffset(DateTime.SpecifyKind(started, DateTimeKind.Utc));
            var probe = pod.Spec?.Containers?.FirstOrDefault(c => c.Name == status.Name)?.ReadinessProbe;
            // With a probe: unready once the probe had time to pass (its initial delay plus failureThreshold periods, as
            // Backstage computes it), whatever else is wrong; without one, after a grace period and only if nothing else explains it.
            if (probe is not null ? runningFor > ProbeDeadline(probe) : !flagged && pod.Status?.Phase == "Running" && runningFor > NotReadyGrace)
            {
                yield return (ProblemSeverity.Warning, probe is not null ? "ReadinessProbeFailed" : "ContainersNotReady",
                    ProblemText.NotReady(status.Name, podName, runningFor, probe is not null));
            }
        }
    }

    /// <summary>How long a readiness probe may fail from the container's start; Kubernetes' defaults where the spec has none.</summary>
    internal static TimeSpan ProbeDeadline(V1Probe probe) =>
        TimeSpan.FromSeconds((probe.InitialDelaySeconds ?? 0) + ((probe.PeriodSeconds ?? 10) * (probe.FailureThreshold ?? 3)));

    internal static bool IsJobPod(V1Pod pod) => pod.Metadata?.OwnerReferences?.Any(o => o.Kind == "Job") == true;

    internal static string? JobOf(V1Pod pod) => pod.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Kind == "Job")?.Name;

    private static string? MemoryLimit(V1Pod pod, string container, bool init)
    {
        var spec = (init ? pod.Spec?.InitContainers : pod.Spec?.Containers)?.FirstOrDefault(c => c.Name == container);
        return spec?.Resources?.Limits is { } limits && limits.TryGetValue("memory", out var q) ? $"memory limit {q}" : null;
    }
}
