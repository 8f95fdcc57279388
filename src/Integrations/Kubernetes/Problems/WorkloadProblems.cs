using k8s.Models;

namespace Fawkes.Portal.Integrations.Kubernetes.Problems;

/// <summary>Problems of controllers: stuck rollouts, refused pod creation, autoscalers at their limit, failed Jobs.</summary>
internal static class WorkloadProblems
{
    public static IEnumerable<KubernetesProblem> Deployment(string cluster, V1Deployment deployment)
    {
        var name = deployment.Metadata?.Name ?? "";
        var ns = deployment.Metadata?.NamespaceProperty ?? "";
        var conditions = deployment.Status?.Conditions ?? [];
        if (conditions.FirstOrDefault(c => c.Type == "Progressing" && c.Status == "False" && c.Reason == "ProgressDeadlineExceeded") is { } stuck)
        {
            var (message, suggestion) = ProblemText.ProgressDeadline(name, stuck.Message);
            yield return new(cluster, "Deployment", name, ns, ProblemSeverity.Error, "ProgressDeadlineExceeded", message, suggestion);
        }
        // Any other condition that is False and explains itself (Available: MinimumReplicasUnavailable, Progressing:
        // ReplicaSetCreateError …), as Backstage reports every such condition.
        foreach (var c in conditions.Where(c => c.Status == "False" && !string.IsNullOrWhiteSpace(c.Message)
            && !(c.Type == "Progressing" && c.Reason == "ProgressDeadlineExceeded")))
        {
            var reason = string.IsNullOrWhiteSpace(c.Reason) ? $"{c.Type}False" : c.Reason;
            var (message, suggestion) = ProblemText.ConditionFalse("Deployment", name, c.Type, reason, c.Message, deployment.Status?.AvailableReplicas ?? 0,
                deployment.Spec?.Replicas ?? 1);
            yield return new(cluster, "Deployment", name, ns, ProblemSeverity.Warning, reason, message, suggestion);
        }
        if (conditions.FirstOrDefault(c => c.Type == "ReplicaFailure" && c.Status == "True") is { } failure)
        {
            var reason = string.IsNullOrWhiteSpace(failure.Reason) ? "ReplicaFailure" : failure.Reason;
            var (message, suggestion) = ProblemText.ReplicaFailure("Deployment", name, reason, failure.Message);
            yield return new(cluster, "Deployment", name, ns, ProblemSeverity.Error, reason, message, suggestion);
        }
    }

    public static IEnumerable<KubernetesProblem> Autoscaler(string cluster, V2HorizontalPodAutoscaler hpa)
    {
        var name = hpa.Metadata?.Name ?? "";
        var ns = hpa.Metadata?.NamespaceProperty ?? "";
        var max = hpa.Spec?.MaxReplicas ?? 0;
        var min = hpa.Spec?.MinReplicas ?? 1;
        var current = hpa.Status?.CurrentReplicas ?? 0;
        var target = hpa.Spec?.ScaleTargetRef is { } t ? $"{t.Kind} {t.Name}" : null;
        // min == max is usually a fixed size chosen on purpose: still reported (Backstage does), as information.
        if (max > 0 && current >= max)
        {
            var (message, suggestion) = max > min ? ProblemText.MaxReplicas(name, current, max, target) : ProblemText.FixedReplicas(name, current, max, target);
            yield return new(cluster, "HorizontalPodAutoscaler", name, ns, max > min ? ProblemSeverity.Warning : ProblemSeverity.Info,
                "MaxReplicasReached", message, suggestion);
        }
        if (hpa.Status?.Conditions?.FirstOrDefault(c => c.Type == "ScalingActive" && c.Status == "False" && c.Reason != "ScalingDisabled") is { } inactive)
        {
            var reason = string.IsNullOrWhiteSpace(inactive.Reason) ? "ScalingInactive" : inactive.Reason;
            var (message, suggestion) = ProblemText.ScalingInactive(name, reason, inactive.Message);
            yield return new(cluster, "HorizontalPodAutoscaler", name, ns, ProblemSeverity.Warning, reason, message, suggestion);
        }
    }

    /// <summary>
    /// A failed Job, unless a newer run of the same CronJob completed since: a nightly job that failed once last week and
    /// has succeeded every night after is not a problem now.
    /// </summary>
    public static IEnumerable<KubernetesProblem> Jobs(string cluster, IReadOnlyList<V1Job> jobs)
    {
        foreach (var job in jobs)
        {
            if (job.Status?.Conditions?.FirstOrDefault(c => c.Type == "Failed" && c.Status == "True") is not { } failed || SupersededBySuccess(job, jobs))
            {
                continue;
            }
            var name = job.Metadata?.Name ?? "";
            var reason = string.IsNullOrWhiteSpace(failed.Reason) ? "JobFailed" : failed.Reason;
            var (message, suggestion) = ProblemText.JobFailed(name, reason, failed.Message, job.Status?.Failed ?? 0);
            yield return new(cluster, "Job", name, job.Metadata?.NamespaceProperty ?? "", ProblemSeverity.Error, reason, message, suggestion);
        }
    }

    public static bool IsComplete(V1Job job) => job.Status?.Conditions?.Any(c => c.Type == "Complete" && c.Status == "True") == true;

    private static bool SupersededBySuccess(V1Job job, IReadOnlyList<V1Job> jobs)
    {
        var owner = job.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Kind == "CronJob")?.Name;
        if (owner is null)
        {
            return false;
        }
        var created = job.Metadata?.CreationTimestamp ?? DateTime.MinValue;
        return jobs.Any(other => other != job && IsComplete(other)
            && other.Metadata?.OwnerReferences?.Any(o => o.Kind == "CronJob" && o.Name == owner) == true
            && (other.Metadata?.CreationTimestamp ?? DateTime.MinValue) > created);
    }
}
