using Fawkes.Portal.Integrations.Kubernetes;
using Fawkes.Portal.Integrations.Kubernetes.Problems;
using k8s.Models;
using static Fawkes.Portal.Tests.Integrations.Kubernetes.K8sObjects;

namespace Fawkes.Portal.Tests.Integrations.Kubernetes;

public sealed class KubernetesProblemDetectorTests
{
    private static IReadOnlyList<KubernetesProblem> Detect(ClusterObjects objects)
    {
        var problems = KubernetesProblemDetector.Detect("prod", objects, Now);
        foreach (var p in problems)
        {
            // The contract: every field non-empty.
            Assert.All(new[] { p.Cluster, p.Kind, p.Resource, p.Namespace, p.Severity, p.Reason, p.Message, p.Suggestion },
                f => Assert.False(string.IsNullOrWhiteSpace(f), $"empty field in {p}"));
        }
        return problems;
    }

    private static KubernetesProblem Single(ClusterObjects objects, string reason)
    {
        var problem = Assert.Single(Detect(objects));
        Assert.Equal(reason, problem.Reason);
        return problem;
    }

    [Theory]
    [InlineData("CrashLoopBackOff")]
    [InlineData("ImagePullBackOff")]
    [InlineData("ErrImagePull")]
    [InlineData("CreateContainerConfigError")]
    public void A_waiting_container_is_reported_on_its_pod_with_its_reason(string reason)
    {
        var problem = Single(new ClusterObjects { Pods = [Pod("api-1", "Running", [Waiting(reason)])] }, reason);

        Assert.Equal(("Pod", "api-1", "shop", "error", "prod"), (problem.Kind, problem.Resource, problem.Namespace, problem.Severity, problem.Cluster));
        Assert.Contains("api-1", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_init_container_that_cannot_start_is_reported()
    {
        var pod = Pod("api-1", "Pending", [new V1ContainerStatus { Name = "app", Image = "x", ImageID = "", State = new V1ContainerState
            { Waiting = new V1ContainerStateWaiting { Reason = "PodInitializing" } } }], init: [Waiting("CrashLoopBackOff", "migrate", restarts: 4)]);

        var problem = Single(new ClusterObjects { Pods = [pod] }, "CrashLoopBackOff");

        Assert.Contains("Init container 'migrate'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ContainerCreating_and_PodInitializing_without_a_message_are_not_problems()
    {
        Assert.Empty(Detect(new ClusterObjects { Pods = [Pod("api-1", "Pending", [Waiting("ContainerCreating", message: null)],
            [Waiting("PodInitializing", "init", message: null)])] }));
    }

    [Theory]
    [InlineData("PreStartHookError", "warning")]
    [InlineData("ContainerCreating", "info")]
    public void Any_waiting_reason_the_kubelet_explains_with_a_message_is_reported(string reason, string severity)
    {
        var problem = Single(new ClusterObjects { Pods = [Pod("api-1", "Pending", [Waiting(reason, message: "hook failed: exit 1")])] }, reason);

        Assert.Equal(severity, problem.Severity);
        Assert.Contains("hook failed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OOMKilled_is_reported_for_a_current_termination_as_an_error()
    {
        var status = new V1ContainerStatus { Name = "app", Image = "x", ImageID = "x", RestartCount = 1,
            State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 137, Reason = "OOMKilled" } } };

        var problem = Single(new ClusterObjects { Pods = [Pod("api-1", "Running", [status])] }, "OOMKilled");

        Assert.Equal("error", problem.Severity);
        Assert.Contains("256Mi", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OOMKilled_as_last_termination_of_a_running_container_is_a_warning()
    {
        var problem = Single(new ClusterObjects { Pods = [Pod("api-1", "Running", [Running(restarts: 4, lastReason: "OOMKilled", lastExit: 137)])] }, "OOMKilled");

        Assert.Equal("warning", problem.Severity);
    }

    [Fact]
    public void A_crash_loop_caused_by_the_OOM_killer_reports_both()
    {
        var problems = Detect(new ClusterObjects { Pods = [Pod("api-1", "Running", [Waiting("CrashLoopBackOff", restarts: 5, lastReason: "OOMKilled")])] });

        Assert.Equal(["CrashLoopBackOff", "OOMKilled"], problems.Select(p => p.Reason).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_unschedulable_pod_is_reported_with_the_schedulers_message()
    {
        var pod = Pod("api-1", "Pending", conditions: [new V1PodCondition { Status = "False", Type = "PodScheduled", Reason = "Unschedulable",
            Message = "0/3 nodes are available: 3 Insufficient cpu." }]);

        var problem = Single(new ClusterObjects { Pods = [pod] }, "Unschedulable");

        Assert.Contains("Insufficient cpu", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Healthy_pods_are_never_flagged_even_with_old_probe_events()
    {
        var objects = new ClusterObjects
        {
            Pods = [Pod("api-1", "Running", [Running()]), Pod("api-2", "Running", [Running(), Running("sidecar")])],
            WarningEvents = [Warning("api-1", "Unhealthy", "Readiness probe failed: connection refused"),
                Warning("api-1", "Unhealthy", "Liveness probe failed: timeout")],
        };

        Assert.Empty(Detect(objects));
    }

    [Fact]
    public void Pods_of_a_completed_job_are_never_flagged_even_failed_attempts()
    {
        var failedAttempt = Pod("nightly-1-a", "Failed", [new V1ContainerStatus { Name = "app", Image = "x", ImageID = "x",
            State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 1, Reason = "Error" } } }], jobOwner: "nightly-1");
        var succeeded = Pod("nightly-1-b", "Succeeded", [new V1ContainerStatus { Name = "app", Image = "x", ImageID = "x",
            State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 0, Reason = "Completed" } } }], jobOwner: "nightly-1");

        Assert.Empty(Detect(new ClusterObjects { Pods = [failedAttempt, succeeded], Jobs = [Job("nightly-1", "Complete", Now.AddHours(-1))] }));
    }

    [Fact]
    public void A_failed_job_is_reported_unless_a_newer_run_of_its_cronjob_completed()
    {
        Assert.Equal("BackoffLimitExceeded", Single(new ClusterObjects { Jobs = [Job("nightly-2", "Failed", Now.AddHours(-1))] }, "BackoffLimitExceeded").Reason);
        Assert.Empty(Detect(new ClusterObjects { Jobs = [Job("nightly-1", "Failed", Now.AddDays(-1)), Job("nightly-2", "Complete", Now.AddHours(-1))] }));
    }

    [Fact]
    public void A_job_pod_that_cannot_pull_its_image_is_reported_on_the_pod()
    {
        var problem = Single(new ClusterObjects { Pods = [Pod("nightly-3-x", "Pending", [Waiting("ImagePullBackOff")], jobOwner: "nightly-3")],
            Jobs = [Job("nightly-3", null, Now)] }, "ImagePullBackOff");

        Assert.Equal("Pod", problem.Kind);
    }

    [Fact]
    public void A_rollout_past_its_progress_deadline_is_reported_on_the_deployment()
    {
        var deployment = new V1Deployment
        {
            Metadata = Meta("api"),
            Spec = new V1DeploymentSpec { Replicas = 2, Selector = new V1LabelSelector(), Template = new V1PodTemplateSpec() },
            Status = new V1DeploymentStatus { Conditions = [new V1DeploymentCondition { Status = "False", Type = "Progressing", Reason = "ProgressDeadlineExceeded",
                Message = "ReplicaSet \"api-5d\" has timed out progressing." }] },
        };

        var problem = Single(new ClusterObjects { Deployments = [deployment] }, "ProgressDeadlineExceeded");

        Assert.Equal(("Deployment", "api"), (problem.Kind, problem.Resource));
    }

    [Theory]
    [InlineData(2, 5, 5, true)]
    [InlineData(2, 5, 4, false)]
    [InlineData(3, 3, 3, true)] // a fixed size, reported as information (Backstage reports it too)
    public void An_autoscaler_at_its_maximum_is_reported(int min, int max, int current, bool reported)
    {
        var hpa = new V2HorizontalPodAutoscaler
        {
            Metadata = Meta("api"),
            Spec = new V2HorizontalPodAutoscalerSpec
            {
                MaxReplicas = max, MinReplicas = min, ScaleTargetRef = new V2CrossVersionObjectReference { Kind = "Deployment", Name = "api" },
            },
            Status = new V2HorizontalPodAutoscalerStatus { DesiredReplicas = current, CurrentReplicas = current },
        };

        var problems = Detect(new ClusterObjects { HorizontalPodAutoscalers = [hpa] });

        Assert.Equal(reported, problems.Any(p => p.Reason == "MaxReplicasReached" && p.Kind == "HorizontalPodAutoscaler"));
        Assert.All(problems, p => Assert.Equal(min == max ? "info" : "warning", p.Severity));
    }

    [Fact]
    public void Failing_liveness_probes_seen_only_in_events_are_reported_once_they_restarted_the_container()
    {
        var pod = Pod("api-1", "Running", [Running(restarts: 2, lastReason: "Error", lastExit: 137)]);
        var objects = new ClusterObjects { Pods = [pod], WarningEvents = [Warning("api-1", "Unhealthy", "Liveness probe failed: HTTP probe failed with statuscode: 500")] };

        var problem = Single(objects, "Unhealthy");

        Assert.Contains("liveness", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_container_unready_after_its_probe_had_time_to_pass_is_a_failing_readiness_probe()
    {
        // Kubernetes' defaults: period 10 s × failureThreshold 3, plus the initial delay.
        Single(new ClusterObjects { Pods = [Pod("api-1", "Running", [Running(ready: false, startedAgo: TimeSpan.FromSeconds(45))])] }, "ReadinessProbeFailed");
        Assert.Empty(Detect(new ClusterObjects { Pods = [Pod("api-1", "Running", [Running(ready: false, startedAgo: TimeSpan.FromSeconds(20))])] }));
        Assert.Empty(Detect(new ClusterObjects { Pods = [Pod("api-1", "Running", [Running(ready: false, startedAgo: TimeSpan.FromMinutes(1))], probeDelay: 120)] }));
    }

    [Fact]
    public void A_container_without_a_readiness_probe_is_flagged_unready_only_after_the_grace_period()
    {
        Single(new ClusterObjects { Pods = [Pod("api-1", "Running", [Running(ready: false, startedAgo: TimeSpan.FromMinutes(20))], readinessProbe: false)] },
            "ContainersNotReady");
        Assert.Empty(Detect(new ClusterObjects { Pods = [Pod("api-1", "Running", [Running(ready: false, startedAgo: TimeSpan.FromMinutes(2))], readinessProbe: false)] }));
    }

    [Fact]
    public void Every_restart_is_reported_a_recent_one_as_a_warning_an_old_one_as_information()
    {
        var recent = Single(new ClusterObjects { Pods = [Pod("api-1", "Running", [Running(restarts: 1, lastReason: "Error")])] }, "ContainerRestarting");
        var old = Running(restarts: 1, lastReason: "Error");
        old.LastState.Terminated.FinishedAt = Now.AddDays(-2).UtcDateTime;

        Assert.Equal("warning", recent.Severity);
        Assert.Equal("info", Single(new ClusterObjects { Pods = [Pod("api-1", "Running", [old])] }, "ContainerRestarting").Severity);
    }

    [Fact]
    public void A_restarted_container_that_stays_unready_reports_both()
    {
        var problems = Detect(new ClusterObjects { Pods = [Pod("api-1", "Running", [Running(ready: false, restarts: 1, lastReason: "Error",
            startedAgo: TimeSpan.FromMinutes(2))])] });

        Assert.Equal(["ContainerRestarting", "ReadinessProbeFailed"], problems.Select(p => p.Reason).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_deployment_condition_that_is_false_with_a_message_is_reported_with_its_reason()
    {
        var deployment = new V1Deployment
        {
            Metadata = Meta("api"),
            Spec = new V1DeploymentSpec { Replicas = 2, Selector = new V1LabelSelector(), Template = new V1PodTemplateSpec() },
            Status = new V1DeploymentStatus { AvailableReplicas = 1, Conditions = [
                new V1DeploymentCondition { Status = "False", Type = "Available", Reason = "MinimumReplicasUnavailable", Message = "Deployment does not have minimum availability." },
                new V1DeploymentCondition { Status = "True", Type = "Progressing", Reason = "ReplicaSetUpdated", Message = "ReplicaSet \"api-5d\" is progressing." }] },
        };

        var problem = Single(new ClusterObjects { Deployments = [deployment] }, "MinimumReplicasUnavailable");

        Assert.Equal(("Deployment", "warning"), (problem.Kind, problem.Severity));
        Assert.Contains("1 of 2", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_about_objects_not_given_are_ignored()
    {
        var objects = new ClusterObjects { Pods = [Pod("api-1", "Running", [Running()])], WarningEvents = [Warning("other-1", "Unhealthy", "Liveness probe failed")] };

        Assert.Empty(Detect(objects));
    }
}
