using System.Text.Json.Nodes;

namespace Fawkes.Portal.Simulators.Kubernetes;

/// <summary>Controllers, services and events shaped as the API server returns them.</summary>
internal static class SimWorkloads
{
    public static JsonObject Deployment(string name, string ns, IReadOnlyDictionary<string, string> labels, DateTimeOffset created,
        int replicas, int ready, int updated, string image, JsonArray conditions)
    {
        var meta = K8s.Meta(name, ns, labels, created);
        meta["annotations"] = new JsonObject { ["deployment.kubernetes.io/revision"] = "3" };
        meta["generation"] = 3;
        var status = new JsonObject
        {
            ["observedGeneration"] = 3, ["replicas"] = replicas, ["updatedReplicas"] = updated, ["readyReplicas"] = ready,
            ["availableReplicas"] = ready, ["conditions"] = conditions,
        };
        if (ready < replicas)
        {
            status["unavailableReplicas"] = replicas - ready;
        }
        if (ready == 0)
        {
            status.Remove("readyReplicas");
            status.Remove("availableReplicas");
        }
        return new JsonObject
        {
            ["metadata"] = meta,
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app.kubernetes.io/name"] = name } },
                ["template"] = Template(labels, image),
                ["strategy"] = new JsonObject
                {
                    ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = "25%", ["maxSurge"] = "25%" },
                },
                ["revisionHistoryLimit"] = 10,
                ["progressDeadlineSeconds"] = 600,
            },
            ["status"] = status,
        };
    }

    public static JsonObject ReplicaSet(string name, string ns, IReadOnlyDictionary<string, string> labels, DateTimeOffset created, string deployment,
        int replicas, int ready, string image)
    {
        var status = new JsonObject { ["replicas"] = replicas, ["fullyLabeledReplicas"] = replicas, ["observedGeneration"] = 1 };
        if (ready > 0)
        {
            status["readyReplicas"] = ready;
            status["availableReplicas"] = ready;
        }
        return new JsonObject
        {
            ["metadata"] = K8s.Meta(name, ns, labels, created, ("Deployment", "apps/v1", deployment)),
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app.kubernetes.io/name"] = deployment } },
                ["template"] = Template(labels, image),
            },
            ["status"] = status,
        };
    }

    public static JsonObject Service(string name, string ns, IReadOnlyDictionary<string, string> labels, DateTimeOffset created) => new()
    {
        ["metadata"] = K8s.Meta(name, ns, labels, created),
        ["spec"] = new JsonObject
        {
            ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["protocol"] = "TCP", ["port"] = 80, ["targetPort"] = 8080 }),
            ["selector"] = new JsonObject { ["app.kubernetes.io/name"] = name },
            ["clusterIP"] = $"10.96.{K8s.Hash(name, 1)[0] % 250}.{K8s.Hash(name + "s", 1)[0] % 250}",
            ["type"] = "ClusterIP",
            ["sessionAffinity"] = "None",
        },
        ["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() },
    };

    public static JsonObject Ingress(string name, string ns, IReadOnlyDictionary<string, string> labels, DateTimeOffset created) => new()
    {
        ["metadata"] = K8s.Meta(name, ns, labels, created),
        ["spec"] = new JsonObject
        {
            ["ingressClassName"] = "nginx",
            ["rules"] = new JsonArray(new JsonObject
            {
                ["host"] = $"{name}.demo.fawkes.example",
                ["http"] = new JsonObject
                {
                    ["paths"] = new JsonArray(new JsonObject
                    {
                        ["path"] = "/", ["pathType"] = "Prefix",
                        ["backend"] = new JsonObject { ["service"] = new JsonObject { ["name"] = name, ["port"] = new JsonObject { ["number"] = 80 } } },
                    }),
                },
            }),
        },
        ["status"] = new JsonObject { ["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray(new JsonObject { ["ip"] = "172.18.0.240" }) } },
    };

    public static JsonObject Autoscaler(string name, string ns, IReadOnlyDictionary<string, string> labels, DateTimeOffset created,
        (int Min, int Max, int Current, int CpuTarget, int CpuNow) h, DateTimeOffset now) => new()
    {
        ["metadata"] = K8s.Meta(name, ns, labels, created),
        ["spec"] = new JsonObject
        {
            ["scaleTargetRef"] = new JsonObject { ["kind"] = "Deployment", ["name"] = name, ["apiVersion"] = "apps/v1" },
            ["minReplicas"] = h.Min,
            ["maxReplicas"] = h.Max,
            ["metrics"] = new JsonArray(new JsonObject
            {
                ["type"] = "Resource",
                ["resource"] = new JsonObject { ["name"] = "cpu", ["target"] = new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = h.CpuTarget } },
            }),
        },
        ["status"] = new JsonObject
        {
            ["lastScaleTime"] = K8s.Time(now.AddMinutes(-14)),
            ["currentReplicas"] = h.Current,
            ["desiredReplicas"] = h.Current,
            ["currentMetrics"] = new JsonArray(new JsonObject
            {
                ["type"] = "Resource",
                ["resource"] = new JsonObject
                {
                    ["name"] = "cpu",
                    ["current"] = new JsonObject { ["averageValue"] = $"{h.CpuNow * 10 / 10}m", ["averageUtilization"] = h.CpuNow },
                },
            }),
            ["conditions"] = new JsonArray(
                K8s.Condition("AbleToScale", "True", now.AddMinutes(-14), "ReadyForNewScale", "recommended size matches current size", probe: true),
                K8s.Condition("ScalingActive", "True", now.AddDays(-2), "ValidMetricFound",
                    "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)", probe: true),
                K8s.Condition("ScalingLimited", h.Current >= h.Max ? "True" : "False", now.AddMinutes(-14),
                    h.Current >= h.Max ? "TooManyReplicas" : "DesiredWithinRange",
                    h.Current >= h.Max ? "the desired replica count is more than the maximum replica count" : "the desired count is within the acceptable range",
                    probe: true)),
        },
    };

    public static JsonObject CronJob(string name, string ns, IReadOnlyDictionary<string, string> labels, DateTimeOffset now) => new()
    {
        ["metadata"] = K8s.Meta(name, ns, labels, now.AddDays(-30)),
        ["spec"] = new JsonObject
        {
            ["schedule"] = "0 2 * * *", ["concurrencyPolicy"] = "Forbid", ["suspend"] = false,
            ["successfulJobsHistoryLimit"] = 3, ["failedJobsHistoryLimit"] = 1,
            ["jobTemplate"] = new JsonObject { ["spec"] = new JsonObject { ["backoffLimit"] = 2, ["template"] = Template(labels, "registry.fawkes.example/batch", "Never") } },
        },
        ["status"] = new JsonObject { ["lastScheduleTime"] = K8s.Time(now.AddHours(-3)), ["lastSuccessfulTime"] = K8s.Time(now.AddDays(-1).AddHours(-3)) },
    };

    public static JsonObject Job(string name, string ns, IReadOnlyDictionary<string, string> labels, string cronJob, DateTimeOffset start, bool failed)
    {
        var end = start.AddMinutes(2);
        var status = new JsonObject { ["startTime"] = K8s.Time(start) };
        if (failed)
        {
            status["failed"] = 3;
            status["conditions"] = new JsonArray(K8s.Condition("Failed", "True", end, "BackoffLimitExceeded", "Job has reached the specified backoff limit", probe: true));
        }
        else
        {
            status["succeeded"] = 1;
            status["completionTime"] = K8s.Time(end);
            status["conditions"] = new JsonArray(K8s.Condition("Complete", "True", end, probe: true));
        }
        return new JsonObject
        {
            ["metadata"] = K8s.Meta(name, ns, labels, start, ("CronJob", "batch/v1", cronJob)),
            ["spec"] = new JsonObject { ["parallelism"] = 1, ["completions"] = 1, ["backoffLimit"] = 2, ["template"] = Template(labels, "registry.fawkes.example/batch", "Never") },
            ["status"] = status,
        };
    }

    public static SimObject Event(string ns, string objectName, string kind, string type, string reason, string message, int count, DateTimeOffset last)
    {
        var name = $"{objectName}.{K8s.Hash(objectName + reason + message, 16)}";
        var json = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = name, ["namespace"] = ns, ["uid"] = K8s.Uid(name), ["resourceVersion"] = "48213", ["creationTimestamp"] = K8s.Time(last.AddMinutes(-30)),
            },
            ["involvedObject"] = new JsonObject
            {
                ["kind"] = kind, ["namespace"] = ns, ["name"] = objectName, ["uid"] = K8s.Uid($"{ns}/{objectName}"),
                ["apiVersion"] = kind == "Pod" ? "v1" : "batch/v1", ["resourceVersion"] = "48100",
            },
            ["reason"] = reason,
            ["message"] = message,
            ["source"] = new JsonObject { ["component"] = kind == "Pod" ? "kubelet" : "job-controller" },
            ["firstTimestamp"] = K8s.Time(last.AddMinutes(-30)),
            ["lastTimestamp"] = K8s.Time(last),
            ["count"] = count,
            ["type"] = type,
            ["eventTime"] = null,
            ["reportingComponent"] = kind == "Pod" ? "kubelet" : "job-controller",
            ["reportingInstance"] = "",
        };
        if (kind == "Pod")
        {
            json["involvedObject"]!["fieldPath"] = "spec.containers{app}";
        }
        return new SimObject("events", ns, name, json);
    }

    private static JsonObject Template(IReadOnlyDictionary<string, string> labels, string image, string restartPolicy = "Always") => new()
    {
        ["metadata"] = new JsonObject { ["creationTimestamp"] = null, ["labels"] = K8s.Labels(labels) },
        ["spec"] = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = image, ["resources"] = new JsonObject() }),
            ["restartPolicy"] = restartPolicy,
        },
    };
}
