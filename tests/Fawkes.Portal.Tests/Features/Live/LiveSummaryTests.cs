using Fawkes.Portal.Features.Live.Overview;
using Fawkes.Portal.Integrations.ArgoCd;
using Fawkes.Portal.Integrations.Jenkins;
using Fawkes.Portal.Integrations.Kubernetes;
using Fawkes.Portal.Integrations.Kubernetes.Problems;
using Fawkes.Portal.Integrations.SonarQube;

namespace Fawkes.Portal.Tests.Features.Live;

/// <summary>Each live answer in the few words of the overview strip.</summary>
public sealed class LiveSummaryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static WorkloadView Deployment(int ready, int desired) => new("Deployment", "api", "shop", desired, ready, desired, ready, "complete", [], null, null);

    private static KubernetesProblem Problem(string severity) => new("c", "Pod", "api-1", "shop", severity, "CrashLoopBackOff", "m", "s");

    [Fact]
    public void Kubernetes_counts_ready_replicas_over_every_answering_cluster()
    {
        var answer = new KubernetesAnswer("id=api", null, [], [
            new ClusterView("a", "ok", null, 5, false) { Deployments = [Deployment(2, 3)] },
            new ClusterView("b", "ok", null, 5, false) { Deployments = [Deployment(2, 2)] },
            new ClusterView("c", "unauthorized", "refused", 5, false),
        ], null, Now);

        var item = LiveSummary.Kubernetes(answer);

        Assert.Equal(("running 4/5", SummaryTone.Warning), (item.Text, item.Tone));
        Assert.Contains("c: unauthorized", item.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Kubernetes_with_all_replicas_ready_is_ok_unless_a_problem_says_otherwise()
    {
        var healthy = new KubernetesAnswer("id=api", null, [], [new ClusterView("a", "ok", null, 5, false) { Deployments = [Deployment(3, 3)] }], null, Now);
        var broken = healthy with { Problems = [Problem(ProblemSeverity.Error)] };

        Assert.Equal(SummaryTone.Ok, LiveSummary.Kubernetes(healthy).Tone);
        Assert.Equal(SummaryTone.Error, LiveSummary.Kubernetes(broken).Tone);
        Assert.Single(LiveSummary.Kubernetes(broken).Problems);
    }

    [Fact]
    public void A_system_whose_every_instance_failed_says_its_status_and_why()
    {
        var answer = new KubernetesAnswer("id=api", null, [], [new ClusterView("a", "unreachable", "Cluster 'a' could not be reached.", 5, false)], null, Now);

        var item = LiveSummary.Kubernetes(answer);

        Assert.Equal(("unreachable", SummaryTone.Unknown, "Cluster 'a' could not be reached."), (item.Text, item.Tone, item.Detail));
    }

    [Fact]
    public void ArgoCd_shows_the_worst_sync_and_health_of_the_applications()
    {
        ArgoCdAppView App(string sync, string health) => new("argo", "api", "shop", null, sync, health, null, null, null, null, [], null, [], [], true);
        var answer = new ArgoCdAnswer("api", null, null, [App("Synced", "Healthy"), App("OutOfSync", "Progressing")], [], [new("argo", "ok", null, 3, false)], null, Now);

        var item = LiveSummary.ArgoCd(answer);

        Assert.Equal(("OutOfSync · Progressing", SummaryTone.Warning), (item.Text, item.Tone));
        Assert.Equal(SummaryTone.Ok, LiveSummary.ArgoCd(answer with { Applications = [App("Synced", "Healthy")] }).Tone);
    }

    [Theory]
    [InlineData("SUCCESS", "#12 passed · 3 h ago", SummaryTone.Ok)]
    [InlineData("FAILURE", "#12 failed · 3 h ago", SummaryTone.Error)]
    [InlineData("BUILDING", "#12 building · 3 h ago", SummaryTone.Ok)]
    [InlineData("UNSTABLE", "#12 unstable · 3 h ago", SummaryTone.Warning)]
    public void Jenkins_shows_the_newest_build(string result, string text, string tone)
    {
        var answer = new JenkinsAnswer("ci", "shop/api", null, [], null,
            [new JenkinsBuildView(11, "SUCCESS", 1, Now.AddDays(-1), null, null, null, null), new JenkinsBuildView(12, result, 1, Now.AddHours(-3), "main", null, null, null)],
            null, [], [new("ci", "ok", null, 3, false)], null, Now);

        var item = LiveSummary.Jenkins(answer, Now);

        Assert.Equal((text, tone), (item.Text, item.Tone));
    }

    [Theory]
    [InlineData("OK", "passed", SummaryTone.Ok)]
    [InlineData("ERROR", "failed", SummaryTone.Error)]
    [InlineData("NONE", "not computed", SummaryTone.Warning)]
    public void SonarQube_shows_the_gate(string status, string text, string tone)
    {
        var answer = new SonarQubeAnswer("sq", "k", null, null, new SonarQubeGateView(status, []), null, [], [new("sq", "ok", null, 3, false)], null, Now);

        var item = LiveSummary.SonarQube(answer);

        Assert.Equal((text, tone, "sonarqube"), (item.Text, item.Tone, item.Tab));
    }

    [Fact]
    public void An_entity_not_set_up_for_a_system_says_so_with_the_reason()
    {
        var item = LiveSummary.SonarQube(new SonarQubeAnswer(null, "k", null, null, null, null, [], [], "No SonarQube instance is configured.", Now));

        Assert.Equal(("not set up", SummaryTone.Unknown, "No SonarQube instance is configured."), (item.Text, item.Tone, item.Detail));
    }

    [Theory]
    [InlineData(0.5, "just now")]
    [InlineData(42, "42 min ago")]
    [InlineData(60 * 5, "5 h ago")]
    [InlineData(60 * 24 * 3, "3 d ago")]
    public void Ago_is_short(double minutes, string expected) => Assert.Equal(expected, LiveSummary.Ago(TimeSpan.FromMinutes(minutes)));
}
