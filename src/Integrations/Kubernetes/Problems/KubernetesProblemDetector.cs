namespace Fawkes.Portal.Integrations.Kubernetes.Problems;

/// <summary>
/// Pure problem detection over one cluster's objects of one entity (no I/O; time is passed in). Only the objects given
/// are examined, so another entity's objects can never be flagged here; healthy pods and completed Jobs' pods never are.
/// </summary>
public static class KubernetesProblemDetector
{
    public static IReadOnlyList<KubernetesProblem> Detect(string cluster, ClusterObjects objects, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var completedJobs = objects.Jobs.Where(WorkloadProblems.IsComplete)
            .Select(j => (j.Metadata?.NamespaceProperty ?? "", j.Metadata?.Name ?? "")).ToHashSet();
        var problems = new List<KubernetesProblem>();
        foreach (var pod in objects.Pods)
        {
            // Earlier failed attempts of a Job that then completed are history, not a problem.
            if (PodProblems.JobOf(pod) is { } job && completedJobs.Contains((pod.Metadata?.NamespaceProperty ?? "", job)))
            {
                continue;
            }
            problems.AddRange(PodProblems.Detect(cluster, pod, now));
        }
        var notReadyPods = problems.Where(p => p.Reason is "ReadinessProbeFailed" or "ContainersNotReady").Select(p => (p.Namespace, p.Resource)).ToHashSet();
        var events = EventProblems.Detect(cluster, objects).Where(p => !(p.Reason == "Unhealthy" && p.Message.Contains("readiness", StringComparison.Ordinal)
            && notReadyPods.Contains((p.Namespace, p.Resource)))).ToList();
        // A failing liveness probe is the restarts' cause: say that, not also "it restarts".
        var livenessPods = events.Where(p => p.Reason == "Unhealthy" && p.Message.Contains("liveness", StringComparison.Ordinal))
            .Select(p => (p.Namespace, p.Resource)).ToHashSet();
        problems.RemoveAll(p => p.Reason == "ContainerRestarting" && livenessPods.Contains((p.Namespace, p.Resource)));
        problems.AddRange(events);
        foreach (var deployment in objects.Deployments)
        {
            problems.AddRange(WorkloadProblems.Deployment(cluster, deployment));
        }
        foreach (var hpa in objects.HorizontalPodAutoscalers)
        {
            problems.AddRange(WorkloadProblems.Autoscaler(cluster, hpa));
        }
        problems.AddRange(WorkloadProblems.Jobs(cluster, objects.Jobs));
        // One line per object and reason: a pod with two crashing containers, or many probe events, is one thing to fix.
        return [.. problems
            .Where(p => p.Resource.Length > 0 && p.Namespace.Length > 0)
            .DistinctBy(p => (p.Kind, p.Namespace, p.Resource, p.Reason))
            .OrderBy(p => p.Severity == ProblemSeverity.Error ? 0 : p.Severity == ProblemSeverity.Warning ? 1 : 2)
            .ThenBy(p => p.Kind, StringComparer.Ordinal).ThenBy(p => p.Resource, StringComparer.Ordinal)];
    }
}
