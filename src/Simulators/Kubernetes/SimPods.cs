using System.Text.Json.Nodes;

namespace Fawkes.Portal.Simulators.Kubernetes;

/// <summary>The state of a pod's single container, in the terms of a real container status.</summary>
/// <param name="State">running, waiting or terminated.</param>
/// <param name="LastTerminated">Reason and exit code of the previous run, when it restarted.</param>
internal sealed record ContainerShape(
    string State, bool Ready, int Restarts = 0, string? Reason = null, string? Message = null, int ExitCode = 0,
    (string Reason, int ExitCode)? LastTerminated = null);

/// <summary>Pods shaped as a real kubelet reports them (conditions, container statuses, owner references).</summary>
internal static class SimPods
{
    public static JsonObject Pod(
        string name, string ns, IReadOnlyDictionary<string, string> labels, (string Kind, string ApiVersion, string Name) owner, string phase,
        ContainerShape container, string image, DateTimeOffset created, string? unschedulable = null, string restartPolicy = "Always")
    {
        var scheduled = unschedulable is null;
        var spec = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = "app",
                ["image"] = image,
                ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 8080, ["protocol"] = "TCP" }),
                ["resources"] = new JsonObject
                {
                    ["limits"] = new JsonObject { ["cpu"] = "500m", ["memory"] = "256Mi" },
                    ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "128Mi" },
                },
                ["readinessProbe"] = Probe("/ready"),
                ["livenessProbe"] = Probe("/healthz"),
                ["terminationMessagePath"] = "/dev/termination-log",
                ["terminationMessagePolicy"] = "File",
                ["imagePullPolicy"] = "IfNotPresent",
            }),
            ["restartPolicy"] = restartPolicy,
            ["terminationGracePeriodSeconds"] = 30,
            ["dnsPolicy"] = "ClusterFirst",
            ["serviceAccountName"] = "default",
            ["serviceAccount"] = "default",
            ["securityContext"] = new JsonObject(),
            ["schedulerName"] = "default-scheduler",
            ["priority"] = 0,
            ["enableServiceLinks"] = true,
        };
        if (scheduled)
        {
            spec["nodeName"] = "demo-node-" + (1 + Math.Abs(K8s.Hash(name, 1)[0] % 3));
        }
        var started = created.AddSeconds(4);
        var ready = container.Ready ? "True" : "False";
        var notReady = container.Ready ? null : "containers with unready status: [app]";
        var conditions = scheduled
            ? new JsonArray(
                K8s.Condition("Initialized", "True", created, probe: true),
                K8s.Condition("Ready", ready, started, container.Ready ? null : "ContainersNotReady", notReady, probe: true),
                K8s.Condition("ContainersReady", ready, started, container.Ready ? null : "ContainersNotReady", notReady, probe: true),
                K8s.Condition("PodScheduled", "True", created, probe: true))
            : new JsonArray(K8s.Condition("PodScheduled", "False", created, "Unschedulable", unschedulable, probe: true));
        var status = new JsonObject { ["phase"] = phase, ["conditions"] = conditions, ["qosClass"] = "Burstable" };
        if (scheduled)
        {
            var ip = $"10.244.{1 + K8s.Hash(name, 1)[0] % 3}.{10 + K8s.Hash(name + "ip", 1)[0] % 200}";
            status["hostIP"] = "172.18.0." + (2 + K8s.Hash(name, 1)[0] % 3);
            status["podIP"] = ip;
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip });
            status["startTime"] = K8s.Time(created);
            status["containerStatuses"] = new JsonArray(Status(name, image, container, started));
        }
        return new JsonObject
        {
            ["metadata"] = K8s.Meta(name, ns, labels, created, owner, generateName: name[..(name.LastIndexOf('-') + 1)]),
            ["spec"] = spec,
            ["status"] = status,
        };
    }

    private static JsonObject Status(string pod, string image, ContainerShape c, DateTimeOffset started)
    {
        var state = c.State switch
        {
            "running" => new JsonObject { ["running"] = new JsonObject { ["startedAt"] = K8s.Time(started) } },
            "waiting" => new JsonObject { ["waiting"] = Reason(c.Reason, c.Message) },
            _ => new JsonObject
            {
                ["terminated"] = new JsonObject
                {
                    ["exitCode"] = c.ExitCode, ["reason"] = c.Reason, ["startedAt"] = K8s.Time(started),
                    ["finishedAt"] = K8s.Time(started.AddSeconds(3)), ["containerID"] = "containerd://" + K8s.Hash(pod + "t", 32),
                },
            },
        };
        var last = c.LastTerminated is { } t
            ? new JsonObject
            {
                ["terminated"] = new JsonObject
                {
                    ["exitCode"] = t.ExitCode, ["reason"] = t.Reason, ["startedAt"] = K8s.Time(DateTimeOffset.UtcNow.AddMinutes(-3)),
                    ["finishedAt"] = K8s.Time(DateTimeOffset.UtcNow.AddMinutes(-2)), ["containerID"] = "containerd://" + K8s.Hash(pod + "l", 32),
                },
            }
            : new JsonObject();
        var status = new JsonObject
        {
            ["name"] = "app",
            ["state"] = state,
            ["lastState"] = last,
            ["ready"] = c.Ready,
            ["restartCount"] = c.Restarts,
            ["image"] = image,
            ["imageID"] = c.Reason is "ImagePullBackOff" or "ErrImagePull" ? "" : "registry.fawkes.example/sha256:" + K8s.Hash(image, 32),
            ["started"] = c.State == "running",
        };
        if (c.State != "waiting" || c.Restarts > 0)
        {
            status["containerID"] = "containerd://" + K8s.Hash(pod, 32);
        }
        return status;
    }

    private static JsonObject Reason(string? reason, string? message)
    {
        var w = new JsonObject { ["reason"] = reason };
        if (message is not null)
        {
            w["message"] = message;
        }
        return w;
    }

    private static JsonObject Probe(string path) => new()
    {
        ["httpGet"] = new JsonObject { ["path"] = path, ["port"] = 8080, ["scheme"] = "HTTP" },
        ["timeoutSeconds"] = 1, ["periodSeconds"] = 10, ["successThreshold"] = 1, ["failureThreshold"] = 3,
    };
}
