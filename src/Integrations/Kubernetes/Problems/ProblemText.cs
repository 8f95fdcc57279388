namespace Fawkes.Portal.Integrations.Kubernetes.Problems;

/// <summary>The plain-language explanation and the concrete next step for each reason the detector reports.</summary>
internal static class ProblemText
{
    public static (string Message, string Suggestion) Waiting(string reason, string container, bool init, string pod, string? image, string? detail)
    {
        var who = $"{(init ? "Init container" : "Container")} '{container}' of pod {pod}";
        var why = string.IsNullOrWhiteSpace(detail) ? "" : $" Kubernetes says: {detail.Trim()}";
        return reason switch
        {
            "CrashLoopBackOff" => (
                $"{who} keeps crashing: it starts, exits, and Kubernetes waits longer before each restart.{why}",
                $"Read the logs of the crashed run (kubectl logs {pod} -c {container} --previous) for the error at start-up; "
                + "check its configuration, secrets and the services it needs, then fix and redeploy."),
            "ImagePullBackOff" or "ErrImagePull" => (
                $"{who} cannot start because its image{Img(image)} cannot be pulled.{why}",
                "Check that the image name and tag exist in the registry (a typo or a tag that was never pushed is the usual cause) "
                + "and that the pod's imagePullSecrets give access to a private registry."),
            "CreateContainerConfigError" => (
                $"{who} cannot be created: its configuration refers to something missing.{why}",
                "A ConfigMap, Secret or key it references usually does not exist in this namespace: create it or fix the reference."),
            "InvalidImageName" => (
                $"{who} has an image name Kubernetes cannot parse{Img(image)}.{why}",
                "Fix the image reference in the workload's spec (registry/repository:tag)."),
            _ => (
                $"{who} is waiting and cannot start ({reason}).{why}",
                $"Describe the pod (kubectl describe pod {pod}) and read its events for the cause of {reason}."),
        };
    }

    public static (string Message, string Suggestion) OomKilled(string container, string pod, bool current, int restarts, string? limit) => (
        current
            ? $"Container '{container}' of pod {pod} was killed by the kernel for using more memory than its limit{Limit(limit)}."
            : $"Container '{container}' of pod {pod} was last stopped by the out-of-memory killer{Limit(limit)}; it has restarted {restarts} time(s).",
        "Raise the container's memory limit (resources.limits.memory) if the usage is expected, "
        + "or find what grows (a leak, an unbounded cache, a JVM/.NET heap set above the limit).");

    public static (string Message, string Suggestion) Restarting(string container, string pod, int restarts, string? lastReason, int? exitCode) => (
        $"Container '{container}' of pod {pod} has restarted {restarts} times; the last run ended with "
        + $"{lastReason ?? "an unknown reason"}{(exitCode is { } code ? $" (exit code {code})" : "")}.",
        $"Read the logs of the previous run (kubectl logs {pod} -c {container} --previous); if a liveness probe restarts it, check the probe's path, port and timings.");

    public static (string Message, string Suggestion) NotReady(string container, string pod, TimeSpan forHowLong, bool hasProbe) => (
        $"Container '{container}' of pod {pod} has been running for {Duration(forHowLong)} but is not ready, so it gets no traffic"
        + (hasProbe ? ": its readiness probe keeps failing." : "."),
        "Check the readiness probe's path, port and timeout against what the application really serves, and the application's logs "
        + "for a dependency it waits for (database, another service).");

    public static (string Message, string Suggestion) Unschedulable(string pod, string? detail) => (
        $"Pod {pod} cannot be placed on any node, so it stays Pending.{(string.IsNullOrWhiteSpace(detail) ? "" : " The scheduler says: " + detail.Trim())}",
        "Lower the pod's CPU/memory requests or add capacity; check nodeSelector, affinity, taints/tolerations and "
        + "PersistentVolumeClaims the pod needs.");

    public static (string Message, string Suggestion) PodFailed(string pod, string reason, string? detail) => (
        $"Pod {pod} has failed ({reason}).{(string.IsNullOrWhiteSpace(detail) ? "" : " " + detail.Trim())}",
        reason == "Evicted"
            ? "The node ran short of a resource (memory, disk): set requests that match real usage, then delete the evicted pod."
            : $"Describe the pod (kubectl describe pod {pod}) and read its containers' logs for the cause.");

    public static (string Message, string Suggestion) ProgressDeadline(string deployment, string? detail) => (
        $"The rollout of deployment {deployment} is stuck: the new version did not become available within its progress deadline."
        + (string.IsNullOrWhiteSpace(detail) ? "" : " " + detail.Trim()),
        "Look at the new pods' problems below (image, crash, probes, resources); fix them and redeploy, "
        + $"or roll back (kubectl rollout undo deployment/{deployment}).");

    public static (string Message, string Suggestion) ConditionFalse(string kind, string name, string type, string reason, string? detail,
        int available, int desired) => (
        $"{kind} {name} reports {type} = False ({reason}): {available} of {desired} replica(s) available.{(string.IsNullOrWhiteSpace(detail) ? "" : " " + detail.Trim())}",
        type == "Available"
            ? "Too few of its pods are ready: look at the pods' problems (crashes, image, probes, scheduling) and fix those first."
            : $"Describe it (kubectl describe {kind.ToLowerInvariant()} {name}) and read its events for the cause.");

    public static (string Message, string Suggestion) FixedReplicas(string hpa, int current, int max, string? target) => (
        $"Autoscaler {hpa} keeps {target ?? "its target"} at {current} replica(s), its maximum; minReplicas = maxReplicas, so it can never scale.",
        "Nothing to do if the fixed size is deliberate; otherwise lower minReplicas or raise maxReplicas so it can follow the load.");

    public static (string Message, string Suggestion) ReplicaFailure(string kind, string name, string reason, string? detail) => (
        $"{kind} {name} cannot create its pods ({reason}).{(string.IsNullOrWhiteSpace(detail) ? "" : " " + detail.Trim())}",
        "Usually a ResourceQuota, LimitRange or admission policy refuses the pods: raise the quota or change the pod spec to satisfy it.");

    public static (string Message, string Suggestion) MaxReplicas(string hpa, int current, int max, string? target) => (
        $"Autoscaler {hpa} runs {target ?? "its target"} at its maximum of {max} replicas (current {current}): it wants more but may not scale further.",
        "Raise maxReplicas if the cluster has room, or make each replica handle more (CPU/memory requests, performance); "
        + "meanwhile the service may be slow under load.");

    public static (string Message, string Suggestion) ScalingInactive(string hpa, string reason, string? detail) => (
        $"Autoscaler {hpa} cannot scale ({reason}).{(string.IsNullOrWhiteSpace(detail) ? "" : " " + detail.Trim())}",
        "Check that metrics-server (or the metrics adapter) runs and that the target's containers set resource requests for the metric.");

    public static (string Message, string Suggestion) JobFailed(string job, string reason, string? detail, int failed) => (
        $"Job {job} failed ({reason}) after {failed} failed pod(s).{(string.IsNullOrWhiteSpace(detail) ? "" : " " + detail.Trim())}",
        $"Read the logs of its last pod (kubectl logs job/{job}); fix the cause and run it again (a CronJob runs it at its next schedule).");

    public static (string Message, string Suggestion) ProbeFailing(string kindOfProbe, string pod, string? container, int count, string? detail) => (
        $"The {kindOfProbe} probe of {(container is null ? "a container" : $"container '{container}'")} in pod {pod} keeps failing ({count} time(s))"
        + (kindOfProbe == "liveness" ? ", so the kubelet restarts the container." : ", so the pod gets no traffic.")
        + (string.IsNullOrWhiteSpace(detail) ? "" : " " + detail.Trim()),
        "Check the probe's path, port and timeouts against what the application serves; give a slow start more time with a "
        + "startupProbe or initialDelaySeconds; read the container's logs around the failures.");

    public static (string Message, string Suggestion) VolumeEvent(string pod, string reason, string? detail) => (
        $"Pod {pod} cannot mount a volume ({reason}).{(string.IsNullOrWhiteSpace(detail) ? "" : " " + detail.Trim())}",
        "Check that the Secret, ConfigMap or PersistentVolumeClaim it mounts exists in the namespace and is bound.");

    private static string Img(string? image) => string.IsNullOrWhiteSpace(image) ? "" : $" '{image}'";

    private static string Limit(string? limit) => string.IsNullOrWhiteSpace(limit) ? "" : $" ({limit})";

    internal static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{(int)span.TotalDays} d" : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h" : $"{Math.Max(1, (int)span.TotalMinutes)} min";
}
