using System.Text.Json.Nodes;

namespace Fawkes.Portal.Simulators.Kubernetes;

/// <summary>The objects and events each <see cref="KubernetesScenario"/> puts in the simulated cluster.</summary>
internal static class SimScenarios
{
    private const string Registry = "registry.fawkes.example/";

    private sealed record PodPlan(string Phase, ContainerShape Container, string? Unschedulable = null);

    public static IEnumerable<SimObject> Objects(SimulatedWorkload w, DateTimeOffset now)
    {
        var running = new PodPlan("Running", new ContainerShape("running", Ready: true));
        return w.Scenario switch
        {
            KubernetesScenario.Healthy => Deployment(w, now, [.. Enumerable.Repeat(running, Math.Max(1, w.Replicas))], Available(now)),
            KubernetesScenario.CrashLoop => Deployment(w, now,
                [
                    new("Running", new ContainerShape("waiting", false, 7, "CrashLoopBackOff", "back-off 5m0s restarting failed container=app pod=POD",
                        LastTerminated: ("Error", 1))),
                    new("Running", new ContainerShape("waiting", false, 6, "CrashLoopBackOff", "back-off 2m40s restarting failed container=app pod=POD",
                        LastTerminated: ("Error", 1))),
                ],
                Unavailable(now), events: [("BackOff", "Back-off restarting failed container app in pod POD_(NS)(UID)", 31)]),
            KubernetesScenario.ImagePullFailure => Deployment(w, now,
                [new("Pending", new ContainerShape("waiting", false, 0, "ImagePullBackOff", $"Back-off pulling image \"{Registry}{w.Id}:1.4.0-rc\""))],
                Unavailable(now), image: $"{Registry}{w.Id}:1.4.0-rc",
                events:
                [
                    ("Failed", $"Failed to pull image \"{Registry}{w.Id}:1.4.0-rc\": rpc error: code = NotFound desc = failed to pull and unpack image: not found", 4),
                    ("Failed", "Error: ImagePullBackOff", 18),
                ]),
            KubernetesScenario.OomKill => Deployment(w, now,
                [new("Running", new ContainerShape("running", true, 4, LastTerminated: ("OOMKilled", 137))), running], Available(now)),
            KubernetesScenario.Unschedulable => Deployment(w, now,
                [running, new("Pending", new ContainerShape("waiting", false), "0/3 nodes are available: 3 Insufficient memory. "
                    + "preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.")],
                Available(now), events: [("FailedScheduling", "0/3 nodes are available: 3 Insufficient memory.", 12)], podIndexForEvents: 1),
            KubernetesScenario.LivenessFailing => Deployment(w, now,
                [new("Running", new ContainerShape("running", true, 2, LastTerminated: ("Error", 137))), running], Available(now),
                events: [("Unhealthy", "Liveness probe failed: Get \"http://10.244.1.17:8080/healthz\": context deadline exceeded", 6)]),
            KubernetesScenario.HpaAtMax => Deployment(w, now, [running, running, running, running], Available(now),
                hpa: (Min: 2, Max: 4, Current: 4, CpuTarget: 70, CpuNow: 186)),
            KubernetesScenario.RolloutStuck => RolloutStuck(w, now),
            KubernetesScenario.FailedJob => FailedJob(w, now),
            _ => [],
        };
    }

    private static Dictionary<string, string> Labels(SimulatedWorkload w)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["app.kubernetes.io/name"] = w.Id,
            ["backstage.io/kubernetes-id"] = w.Id,
        };
        foreach (var (k, v) in w.Labels ?? new Dictionary<string, string>())
        {
            labels[k] = v;
        }
        return labels;
    }

    private static JsonArray Available(DateTimeOffset now) => new(
        K8s.Condition("Available", "True", now.AddDays(-2), "MinimumReplicasAvailable", "Deployment has minimum availability."),
        K8s.Condition("Progressing", "True", now.AddDays(-2), "NewReplicaSetAvailable", "ReplicaSet has successfully progressed."));

    private static JsonArray Unavailable(DateTimeOffset now) => new(
        K8s.Condition("Available", "False", now.AddMinutes(-20), "MinimumReplicasUnavailable", "Deployment does not have minimum availability."),
        K8s.Condition("Progressing", "True", now.AddMinutes(-20), "ReplicaSetUpdated", "ReplicaSet is progressing."));

    private static List<SimObject> Deployment(
        SimulatedWorkload w, DateTimeOffset now, IReadOnlyList<PodPlan> pods, JsonArray conditions, string? image = null,
        IReadOnlyList<(string Reason, string Message, int Count)>? events = null, int podIndexForEvents = 0,
        (int Min, int Max, int Current, int CpuTarget, int CpuNow)? hpa = null)
    {
        image ??= $"{Registry}{w.Id}:1.3.2";
        var labels = Labels(w);
        var created = now.AddDays(-2);
        var rs = $"{w.Id}-{K8s.Hash(w.Id + image)}";
        var ready = pods.Count(p => p.Container.Ready);
        var objects = new List<SimObject>
        {
            new("deployments", w.Namespace, w.Id, SimWorkloads.Deployment(w.Id, w.Namespace, labels, created, pods.Count, ready, pods.Count, image, conditions)),
            new("replicasets", w.Namespace, rs, SimWorkloads.ReplicaSet(rs, w.Namespace, labels, created, w.Id, pods.Count, ready, image)),
        };
        var podNames = new List<string>();
        for (var i = 0; i < pods.Count; i++)
        {
            var name = $"{rs}-{K8s.Hash(rs + i, 5)}";
            podNames.Add(name);
            var container = pods[i].Container with { Message = pods[i].Container.Message?.Replace("POD", name, StringComparison.Ordinal) };
            objects.Add(new("pods", w.Namespace, name, SimPods.Pod(name, w.Namespace, labels, ("ReplicaSet", "apps/v1", rs), pods[i].Phase, container,
                image, now.AddHours(-1 - i), pods[i].Unschedulable)));
        }
        objects.Add(new("services", w.Namespace, w.Id, SimWorkloads.Service(w.Id, w.Namespace, labels, created)));
        objects.Add(new("ingresses", w.Namespace, w.Id, SimWorkloads.Ingress(w.Id, w.Namespace, labels, created)));
        if (hpa is { } h)
        {
            objects.Add(new("horizontalpodautoscalers", w.Namespace, w.Id, SimWorkloads.Autoscaler(w.Id, w.Namespace, labels, created, h, now)));
        }
        objects.Add(SimWorkloads.Event(w.Namespace, podNames[0], "Pod", "Normal", "Pulled", $"Container image \"{image}\" already present on machine", 1, now.AddHours(-1)));
        foreach (var (reason, message, count) in events ?? [])
        {
            var pod = podNames[Math.Min(podIndexForEvents, podNames.Count - 1)];
            objects.Add(SimWorkloads.Event(w.Namespace, pod, "Pod", "Warning", reason,
                message.Replace("POD", pod, StringComparison.Ordinal).Replace("NS", w.Namespace, StringComparison.Ordinal)
                    .Replace("UID", K8s.Uid($"{w.Namespace}/{pod}"), StringComparison.Ordinal), count, now.AddSeconds(-20)));
        }
        return objects;
    }

    private static List<SimObject> RolloutStuck(SimulatedWorkload w, DateTimeOffset now)
    {
        var conditions = new JsonArray(
            K8s.Condition("Available", "True", now.AddDays(-2), "MinimumReplicasAvailable", "Deployment has minimum availability."),
            K8s.Condition("Progressing", "False", now.AddMinutes(-3), "ProgressDeadlineExceeded",
                $"ReplicaSet \"{w.Id}-{K8s.Hash(w.Id + Registry + w.Id + ":1.4.0")}\" has timed out progressing."));
        // The old version keeps serving; the new one's pod never becomes ready.
        var objects = Deployment(w, now, [new("Running", new ContainerShape("running", true)), new("Running", new ContainerShape("running", true))], conditions);
        var labels = Labels(w);
        var image = $"{Registry}{w.Id}:1.4.0";
        var rs = $"{w.Id}-{K8s.Hash(w.Id + image)}";
        var pod = $"{rs}-{K8s.Hash(rs, 5)}";
        objects.Add(new("replicasets", w.Namespace, rs, SimWorkloads.ReplicaSet(rs, w.Namespace, labels, now.AddMinutes(-15), w.Id, 1, 0, image)));
        objects.Add(new("pods", w.Namespace, pod, SimPods.Pod(pod, w.Namespace, labels, ("ReplicaSet", "apps/v1", rs), "Running",
            new ContainerShape("running", false), image, now.AddMinutes(-15))));
        objects.Add(SimWorkloads.Event(w.Namespace, pod, "Pod", "Warning", "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503", 88,
            now.AddSeconds(-10)));
        return objects;
    }

    private static List<SimObject> FailedJob(SimulatedWorkload w, DateTimeOffset now)
    {
        var labels = Labels(w);
        var cron = $"{w.Id}-nightly";
        var image = $"{Registry}{w.Id}-batch:2.0.1";
        var objects = new List<SimObject> { new("cronjobs", w.Namespace, cron, SimWorkloads.CronJob(cron, w.Namespace, labels, now)) };
        // Yesterday's run succeeded (its pod must never be flagged); today's failed.
        foreach (var (day, failed) in new[] { (2, false), (1, true) })
        {
            var job = $"{cron}-{29000000 - day * 1440}";
            var start = now.AddDays(-day + 1).AddHours(-3);
            objects.Add(new("jobs", w.Namespace, job, SimWorkloads.Job(job, w.Namespace, labels, cron, start, failed)));
            var pod = $"{job}-{K8s.Hash(job, 5)}";
            var container = failed ? new ContainerShape("terminated", false, 0, "Error", ExitCode: 2) : new ContainerShape("terminated", false, 0, "Completed");
            var podJson = SimPods.Pod(pod, w.Namespace, labels, ("Job", "batch/v1", job), failed ? "Failed" : "Succeeded", container, image, start, restartPolicy: "Never");
            objects.Add(new("pods", w.Namespace, pod, podJson));
            if (failed)
            {
                objects.Add(SimWorkloads.Event(w.Namespace, job, "Job", "Warning", "BackoffLimitExceeded", "Job has reached the specified backoff limit", 1, start.AddMinutes(2)));
            }
        }
        return objects;
    }
}
